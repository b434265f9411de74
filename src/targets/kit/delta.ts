import type { Text } from '../../model/text.js';
import type { TargetOutput } from '../generate/target.js';

export interface DeltaCounts {
  readonly rulesRemoved: number;
  readonly rulesAdded: number;
  readonly objectsRemoved: number;
  readonly objectsAdded: number;
}

/** A platform's delta between two generated texts: the commands, what they change, and what they cannot do. */
export interface DeltaText {
  readonly content: string;
  readonly counts: DeltaCounts;
  readonly notes: readonly Text[];
}

/**
 * Which way a delta goes, in the words its script says: OLD's output to NEW's (the change), or back (its rollback,
 * the same delta computed from NEW to OLD, whose texts must then say so: a failed check that says "load the new
 * files" would send the operator the wrong way mid-incident).
 */
export interface DeltaWay {
  readonly from: 'old' | 'new';
  readonly to: 'old' | 'new';
  readonly rollback: boolean;
}

export const APPLY: DeltaWay = { from: 'old', to: 'new', rollback: false };
export const ROLLBACK: DeltaWay = { from: 'new', to: 'old', rollback: true };

/** The delta's header words: `old generated rules → new ones`, and its rollback's. */
export const wayText = (way: DeltaWay, what: 'rules' | 'configuration'): string =>
  `${way.from} generated ${what} → ${way.to} ${what === 'rules' ? 'ones' : 'one'}${way.rollback ? ' (rollback)' : ''}`;

export const NO_COUNTS: DeltaCounts = { rulesRemoved: 0, rulesAdded: 0, objectsRemoved: 0, objectsAdded: 0 };

/**
 * How a platform takes a firewall from one generated output to another without reloading it whole (declared by the
 * target, `src/targets/<id>/delta.ts`; `flowmatrix diff --deltas` and change requests use it). Every delta is
 * ordered in two phases, narrowing then widening (src/diff/delta/types.ts says why).
 */
export interface PlatformDelta {
  /** The delta script's extension (`sh`, `asa.cfg`…). */
  readonly extension: string;
  /**
   * `before`'s output to `after`'s, or undefined when these outputs have no incremental form; `way` (default APPLY)
   * says which of OLD and NEW each is, for the script's words.
   */
  between(before: TargetOutput, after: TargetOutput, firewall: string, way?: DeltaWay): DeltaText | undefined;
}

/** The content of the artifact whose path ends with `ext`. */
export const artifactText = (out: TargetOutput, ext: string): string | undefined =>
  out.artifacts.find((a) => a.path.endsWith(ext))?.content;

/** A platform whose output is one file: the delta of that file's two texts. */
export const singleFileDelta = (
  ext: string,
  extension: string,
  delta: (before: string, after: string, firewall: string, way: DeltaWay) => DeltaText,
): PlatformDelta => ({
  extension,
  between: (a, b, firewall, way = APPLY) => {
    const [x, y] = [artifactText(a, ext), artifactText(b, ext)];
    return x === undefined || y === undefined ? undefined : delta(x, y, firewall, way);
  },
});

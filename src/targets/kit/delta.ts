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

export const NO_COUNTS: DeltaCounts = { rulesRemoved: 0, rulesAdded: 0, objectsRemoved: 0, objectsAdded: 0 };

/**
 * How a platform takes a firewall from one generated output to another without reloading it whole (declared by the
 * target, `src/targets/<id>/delta.ts`; `flowmatrix diff --deltas` and change requests use it). Every delta is
 * ordered in two phases, narrowing then widening (src/diff/delta/types.ts says why).
 */
export interface PlatformDelta {
  /** The delta script's extension (`sh`, `asa.cfg`…). */
  readonly extension: string;
  /** OLD's output to NEW's, or undefined when these outputs have no incremental form. */
  between(before: TargetOutput, after: TargetOutput, firewall: string): DeltaText | undefined;
}

/** The content of the artifact whose path ends with `ext`. */
export const artifactText = (out: TargetOutput, ext: string): string | undefined =>
  out.artifacts.find((a) => a.path.endsWith(ext))?.content;

/** A platform whose output is one file: the delta of that file's two texts. */
export const singleFileDelta = (
  ext: string,
  extension: string,
  delta: (before: string, after: string, firewall: string) => DeltaText,
): PlatformDelta => ({
  extension,
  between: (a, b, firewall) => {
    const [x, y] = [artifactText(a, ext), artifactText(b, ext)];
    return x === undefined || y === undefined ? undefined : delta(x, y, firewall);
  },
});

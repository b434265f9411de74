import type { Finding, Severity } from '../../model/finding.js';
import type { MatrixRow } from '../../model/matrix.js';
import { frenchSpaces, type Text } from '../../model/text.js';

/** What a finding needs to name its row: a matrix row, or a printed rule's origin. */
export type RowRef = Pick<MatrixRow, 'catalog' | 'flow' | 'ref' | 'key'>;

/** A severity that depends on the case: the severities it may take (for the docs) and which one applies. */
export interface SeverityOf<P> {
  readonly among: readonly Severity[];
  readonly of: (params: P) => Severity;
}

/**
 * One finding a target (or the generate stage) may raise. Its parameters are one object: with a `row`, the finding
 * is about that matrix row; without, about the whole firewall or site (a quota, a bypass entry).
 */
export interface FindingSpec<P> {
  readonly severity: Severity | SeverityOf<P>;
  /** What it says, in a few words, for the targets page of the docs. */
  readonly title: Text;
  readonly message: (params: P) => Text;
  readonly remediation?: (params: P) => Text;
  /**
   * About the row itself, the same whatever the target (no documented port, a browser setting): raised by every
   * target the row reaches, said once in the lists people read (the JSON keeps each).
   */
  readonly sameForEveryTarget?: boolean;
}

// `never` parameters: every spec's `message` is assignable whatever object it reads.
type Specs = Readonly<Record<string, FindingSpec<never>>>;
/** The parameters finding `K` of table `S` is raised with. */
export type FindingParams<S extends Specs, K extends keyof S> = Parameters<S[K]['message']>[0];

/** A target's findings, declared in one table (`src/targets/<id>/findings.ts`) and raised by id. */
export interface FindingTable<S extends Specs> {
  /** The target id in the findings' rule ids (`target:<id>:<finding>`). */
  readonly target: string;
  readonly specs: S;
  /** The finding `id` with these parameters: `target:<target>:<id>`, its severity, texts and row. */
  raise<K extends keyof S & string>(id: K, params: FindingParams<S, K>): Finding;
  /** The same table raising under another target id (the generate stage's findings, raised for each target). */
  forTarget(target: string): FindingTable<S>;
}

const severityOf = <P>(s: FindingSpec<P>['severity'], params: P): Severity =>
  typeof s === 'string' ? s : s.of(params);

/** The severities a finding may take, highest first as declared. */
export const severitiesOf = (spec: FindingSpec<never>): readonly Severity[] =>
  typeof spec.severity === 'string' ? [spec.severity] : spec.severity.among;

/**
 * Declares a target's findings. `target` is the target id; the generate stage's own table uses a placeholder and
 * `forTarget` at the call site.
 *
 *     export const findings = defineFindings('aws-sg', {
 *       'no-local-host': { severity: 'medium', title, message: ({ row, ... }) => ({ fr, en }), remediation },
 *     });
 *     findings.raise('no-local-host', { row: rule.origin, ... });
 */
export function defineFindings<const S extends Specs>(target: string, specs: S): FindingTable<S> {
  const table: FindingTable<S> = {
    target,
    specs,
    raise(id, params) {
      const spec = specs[id] as unknown as FindingSpec<typeof params>;
      const rule = `target:${target}:${id}`;
      const severity = severityOf(spec.severity, params);
      // French gets its no-break spaces here, once for every target (`frenchSpaces`).
      const message = spaced(spec.message(params));
      const row = (params as { row?: RowRef } | undefined)?.row;
      const base: Finding = row
        ? { rule, severity, catalog: row.catalog, flow: row.flow, ref: row.ref, key: row.key, message }
        : { rule, severity, message };
      return spec.remediation ? { ...base, remediation: spaced(spec.remediation(params)) } : base;
    },
    forTarget: (other) => (other === target ? table : defineFindings(other, specs)),
  };
  return table;
}

/** A table of any target, as the registry and the docs see it. */
export type AnyFindingTable = FindingTable<Specs>;

/**
 * A finding raised once without its row (its texts shared) placed on a row: the fields in the order `raise` writes
 * them. For findings that say the same of many rules (an endpoint's dropped addresses).
 */
export function onRow(finding: Finding, row: RowRef): Finding {
  const { rule, severity, message, remediation } = finding;
  const base: Finding = { rule, severity, catalog: row.catalog, flow: row.flow, ref: row.ref, key: row.key, message };
  return remediation ? { ...base, remediation } : base;
}

const spaced = (t: Text): Text => ({ fr: frenchSpaces(t.fr), en: t.en });

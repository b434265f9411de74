import type { AuditFinding, Lang, Severity } from '../common/types.ts';
import { SEVERITIES, textOf } from '../common/types.ts';

export interface AuditFilter {
  readonly severity: Severity | '';
  readonly rule: string;
  readonly zone: string;
  readonly text: string;
  readonly showSuppressed: boolean;
}

export const NO_FILTER: AuditFilter = { severity: '', rule: '', zone: '', text: '', showSuppressed: false };

export type GroupKey = '' | 'rule' | 'severity' | 'flow' | 'zone';

type RowLike = { zoneFrom?: string; zoneTo?: string; zones?: readonly string[] };

/** The zones a finding's row joins: given with the finding, or looked up by its row key in the matrix. */
export function zonesOf(f: AuditFinding, byKey?: ReadonlyMap<string, readonly string[]>): string[] {
  const key = typeof f.row === 'string' ? f.row : f.key;
  const looked = key ? (byKey?.get(key) ?? []) : [];
  const own = f as AuditFinding & RowLike;
  const row = (typeof f.row === 'object' && f.row !== null ? f.row : {}) as RowLike;
  const all: readonly (string | undefined)[] = [
    ...(own.zones ?? []),
    own.zoneFrom,
    own.zoneTo,
    ...(row.zones ?? []),
    row.zoneFrom,
    row.zoneTo,
    ...looked,
  ];
  return [...new Set(all.filter((z): z is string => typeof z === 'string' && z !== ''))];
}

export const flowOf = (f: AuditFinding): string => (f.flow ? (f.catalog ? `${f.catalog}/${f.flow}` : f.flow) : '');

export function applyFilter(
  findings: readonly AuditFinding[],
  filter: AuditFilter,
  lang: Lang,
  byKey?: ReadonlyMap<string, readonly string[]>,
): AuditFinding[] {
  const needle = filter.text.trim().toLowerCase();
  return findings.filter(
    (f) =>
      (filter.showSuppressed || !f.suppressed) &&
      (!filter.severity || f.severity === filter.severity) &&
      (!filter.rule || f.rule === filter.rule) &&
      (!filter.zone || zonesOf(f, byKey).includes(filter.zone)) &&
      (!needle ||
        [textOf(f.message, lang), f.rule, flowOf(f), f.ref ?? '', f.key ?? ''].some((s) =>
          s.toLowerCase().includes(needle),
        )),
  );
}

/** Groups in a stable order: severities from critical down, other keys alphabetically. */
export function groupFindings(
  findings: readonly AuditFinding[],
  by: GroupKey,
  byKey?: ReadonlyMap<string, readonly string[]>,
): [string, AuditFinding[]][] {
  if (!by) return [['', [...findings]]];
  const groups = new Map<string, AuditFinding[]>();
  for (const f of findings) {
    const keys =
      by === 'zone' ? zonesOf(f, byKey) : [by === 'rule' ? f.rule : by === 'severity' ? f.severity : flowOf(f)];
    for (const k of keys.length ? keys : ['']) groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  const order = (k: string) => (by === 'severity' ? SEVERITIES.indexOf(k as Severity) : 0);
  return [...groups].sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b));
}

export const distinct = (values: readonly string[]): string[] => [...new Set(values.filter(Boolean))].sort();

/** Today plus `days`, as the YYYY-MM-DD a suppression's expiry is written in. */
export const dayAfter = (days: number, from = new Date()): string =>
  new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);

import type { Matrix } from '../model/matrix.js';
import { REQUIREMENT_LEVELS, type RequirementLevel } from '../model/vocab.js';
import { lineCount } from './columns.js';
import { firewalls } from './format.js';

/**
 * Counts a reviewer looks at first. Counted on matrix rows (one per catalog flow × source × destination), except
 * `lines`: the tables show one line per row × protocol × port range, so they are longer than `rows`.
 */
export interface Summary {
  readonly rows: number;
  /** Table lines: what the documents' tables show. */
  readonly lines: number;
  readonly perCatalog: ReadonlyMap<string, number>;
  readonly linesPerCatalog: ReadonlyMap<string, number>;
  readonly perLevel: ReadonlyMap<RequirementLevel, number>;
  /** `lan → dmz`, sorted by count then name. */
  readonly perZonePair: readonly (readonly [string, number])[];
  readonly perFirewall: readonly (readonly [string, number])[];
}

const increment = (m: Map<string, number>, k: string): void => {
  m.set(k, (m.get(k) ?? 0) + 1);
};

const sorted = (m: Map<string, number>): [string, number][] =>
  [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

export const zonePair = (from: string, to: string): string => `${from} → ${to}`;

export function summarize(matrix: Matrix): Summary {
  const perCatalog = new Map<string, number>(matrix.catalogs.map((c) => [c.id, 0]));
  const linesPerCatalog = new Map<string, number>(matrix.catalogs.map((c) => [c.id, 0]));
  let lines = 0;
  const perLevel = new Map<RequirementLevel, number>(REQUIREMENT_LEVELS.map((l) => [l, 0]));
  const perZonePair = new Map<string, number>();
  const perFirewall = new Map<string, number>(matrix.firewalls.map((f) => [f.name, 0]));
  for (const row of matrix.rows) {
    increment(perCatalog, row.catalog);
    const n = lineCount(row);
    lines += n;
    linesPerCatalog.set(row.catalog, (linesPerCatalog.get(row.catalog) ?? 0) + n);
    perLevel.set(row.level, (perLevel.get(row.level) ?? 0) + 1);
    increment(perZonePair, zonePair(row.zoneFrom, row.zoneTo));
    for (const fw of firewalls(row)) increment(perFirewall, fw);
  }
  return {
    rows: matrix.rows.length,
    lines,
    perCatalog,
    linesPerCatalog,
    perLevel,
    perZonePair: sorted(perZonePair),
    perFirewall: sorted(perFirewall),
  };
}

import type { Matrix, MatrixRow } from '../model/matrix.js';
import { compareRows, rowFields, sameRow } from './classify.js';
import { CHANGE_CLASSES, type ChangeClass, type MatrixDiff, type RowChange } from './types.js';

export interface DiffLabels {
  readonly old: string;
  readonly new: string;
}

/**
 * Two versions of a matrix, row by row. Rows are matched by their stable key (catalog, flow, roles and zones:
 * src/matrix/key.ts). A row whose zones changed gets a new key: it is followed through its identity without
 * the zones (catalog, flow, roles), so it reads as moved instead of closed and opened. Pure.
 */
export function diffMatrices(before: Matrix, after: Matrix, labels: DiffLabels): MatrixDiff {
  const oldByKey = new Map<string, MatrixRow>();
  for (const r of before.rows) oldByKey.set(r.key, r);
  const matched = new Set<string>();
  const changes: RowChange[] = [];
  const orphans: MatrixRow[] = [];
  let unchanged = 0;
  for (const now of after.rows) {
    const was = oldByKey.get(now.key);
    if (!was) {
      orphans.push(now);
      continue;
    }
    matched.add(now.key);
    const change = changeOf(was, now);
    if (change) changes.push(change);
    else unchanged++;
  }
  // Rows left on both sides with the same identity but other zones: moved.
  const left = new Map<string, MatrixRow[]>();
  for (const r of before.rows) {
    if (matched.has(r.key)) continue;
    const id = identity(r);
    const list = left.get(id);
    if (list) list.push(r);
    else left.set(id, [r]);
  }
  const opened: RowChange[] = [];
  for (const now of orphans) {
    const was = left.get(identity(now))?.shift();
    if (was) {
      matched.add(was.key);
      const change = changeOf(was, now);
      if (change) opened.push({ ...change, oldKey: was.key });
    } else opened.push({ key: now.key, classes: ['opened'], after: now, fields: sideFields(now, 'after') });
  }
  const closed: RowChange[] = before.rows
    .filter((r) => !matched.has(r.key))
    .map((was) => ({ key: was.key, classes: ['closed'], before: was, fields: sideFields(was, 'before') }));
  const all = [...changes, ...opened, ...closed];
  const counts = Object.fromEntries(CHANGE_CLASSES.map((c) => [c, 0])) as Record<ChangeClass, number>;
  for (const c of all) for (const k of c.classes) counts[k]++;
  return {
    old: { label: labels.old, site: before.site.id, rows: before.rows.length },
    new: { label: labels.new, site: after.site.id, rows: after.rows.length },
    changes: all,
    unchanged,
    counts,
  };
}

const identity = (r: MatrixRow): string =>
  `${r.catalog}\u001f${r.flow}\u001f${r.source.role}\u001f${r.destination.role}`;

function changeOf(was: MatrixRow, now: MatrixRow): RowChange | undefined {
  if (sameRow(was, now)) return undefined;
  const { classes, fields } = compareRows(was, now);
  if (classes.length === 0) return undefined;
  return { key: now.key, classes, before: was, after: now, fields };
}

/** The fields of a row present on one side only: the other side is empty. */
function sideFields(r: MatrixRow, side: 'before' | 'after'): RowChange['fields'] {
  return rowFields(r)
    .filter(([, v]) => v !== '')
    .map(([field, v]) => (side === 'after' ? { field, before: '', after: v } : { field, before: v, after: '' }));
}

/** Whether any change carries one of `classes` (`--fail-on`). */
export const hasClass = (diff: MatrixDiff, classes: readonly ChangeClass[]): boolean =>
  classes.some((c) => diff.counts[c] > 0);

export const isEmptyDiff = (diff: MatrixDiff): boolean => diff.changes.length === 0;

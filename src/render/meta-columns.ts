import type { MatrixRow } from '../model/matrix.js';
import type { Column } from './columns.js';

/**
 * The site's per-row metadata (owner, ticket, justification, review, expiry): five columns after the matrix's own,
 * present when some row has metadata. A site without it gives the same document as before, column for column.
 */
const metaColumn = (id: string, fr: string, en: string, width: number, value: (row: MatrixRow) => string): Column => ({
  id,
  label: { fr, en },
  width,
  value: (line) => value(line.row),
});

export const META_COLUMNS: readonly Column[] = [
  metaColumn('owner', 'Responsable', 'Owner', 16, (r) => r.meta?.owner ?? ''),
  metaColumn('ticket', 'Ticket', 'Ticket', 14, (r) => r.meta?.ticket ?? ''),
  // The row's justification, from `metadata:` or from `catalogs[].justifications`.
  metaColumn('justification', 'Justification', 'Justification', 30, (r) => r.justification ?? ''),
  metaColumn('review', 'Revue prévue', 'Review date', 12, (r) => r.meta?.review ?? ''),
  metaColumn('expires', 'Expiration', 'Expiry date', 12, (r) => r.meta?.expires ?? ''),
];

/** `columns` with the metadata columns after the matrix's own (before findings, verdicts, probes) when rows have any. */
export function withMetaColumns(columns: readonly Column[], rows: readonly MatrixRow[]): readonly Column[] {
  if (!rows.some((r) => r.meta !== undefined)) return columns;
  const at = columns.findIndex((c) => c.id === 'finding_count') + 1;
  return [...columns.slice(0, at), ...META_COLUMNS, ...columns.slice(at)];
}

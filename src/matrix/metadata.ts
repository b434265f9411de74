import { type FlowMetaEntry, META_FACTS, type RowMeta } from '../model/flow-meta.js';
import { type Issue, issue } from '../model/issues.js';
import type { MatrixRow } from '../model/matrix.js';
import { text } from '../model/text.js';

/** Whether a `metadata:` entry selects the row: every selector it gives must hold. */
export const metaSelects = (m: FlowMetaEntry, row: MatrixRow): boolean =>
  (m.catalog === undefined || m.catalog === row.catalog) &&
  (m.flow === undefined || m.flow === row.flow || m.flow === `${row.catalog}/${row.flow}`) &&
  (m.key === undefined || m.key === row.key) &&
  (m.from === undefined || m.from === row.source.role) &&
  (m.to === undefined || m.to === row.destination.role);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Gives each row the facts of the entries selecting it, in file order: a later entry's fact replaces an earlier
 * one's (a catalog-wide owner, then a ticket for one flow). A justification also becomes the row's justification
 * (the one the audit of optional rows reads). Rows are fresh from resolution: set in place. An entry selecting no
 * row is a warning (a typo, or a row a feature turned off), never silently ignored.
 */
export function applyMetadata(rows: MatrixRow[], entries: readonly FlowMetaEntry[]): Issue[] {
  if (entries.length === 0) return [];
  const used = new Set<number>();
  for (const row of rows as Mutable<MatrixRow>[]) {
    let meta: Mutable<RowMeta> | undefined;
    entries.forEach((m, i) => {
      if (!metaSelects(m, row)) return;
      used.add(i);
      meta ??= {};
      for (const fact of META_FACTS) if (m[fact] !== undefined) meta[fact] = m[fact];
    });
    if (meta === undefined) continue;
    row.meta = meta;
    if (meta.justification !== undefined) row.justification = meta.justification;
  }
  return entries.flatMap((_, i) =>
    used.has(i)
      ? []
      : [
          issue(
            'unknown-flow',
            ['metadata', i],
            text(
              `metadata[${i}] ne sélectionne aucune ligne de la matrice`,
              `metadata[${i}] selects no row of the matrix`,
            ),
            text(
              'vérifiez l’id du flux, la clé de ligne et les rôles (flowmatrix matrix SITE les liste), ou retirez l’entrée si la ligne n’existe plus',
              'check the flow id, row key and roles (flowmatrix matrix SITE lists them), or remove the entry if the row is gone',
            ),
            'warning',
          ),
        ],
  );
}

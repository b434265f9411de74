import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { MatrixColumn } from '../../api-types.ts';
import { messages } from '../../i18n.ts';
import type { MatrixQuery } from './query.ts';
import { cellText, type RowsState } from './use-rows.ts';

const useT = messages({
  en: {
    rows: 'Matrix rows',
    sortBy: 'Sort by {col}',
    asc: 'ascending',
    desc: 'descending',
    loading: 'loading…',
  },
  fr: {
    rows: 'Lignes de la matrice',
    sortBy: 'Trier par {col}',
    asc: 'croissant',
    desc: 'décroissant',
    loading: 'chargement…',
  },
});

const ROW_HEIGHT = 28;

/**
 * The rows as a table whose body is virtual: only the rows on screen exist in the page (so 100k rows scroll without
 * a stall); `aria-rowcount` and `aria-rowindex` tell assistive technology where they are. The scroller takes the
 * focus, so the arrow keys, Page Up/Down, Home and End scroll it.
 */
export function MatrixGrid({
  rows,
  columns,
  query,
  onSort,
}: {
  rows: RowsState;
  columns: MatrixColumn[];
  query: MatrixQuery;
  onSort: (key: string) => void;
}) {
  const t = useT();
  const scroller = useRef<HTMLElement>(null);
  const total = rows.total ?? 0;
  const virtual = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { want } = rows;
  useEffect(() => {
    want(first, last);
  }, [want, first, last]);

  const widths = columns.map((c) => `${Math.min(22, Math.max(6, c.label.length + 3))}rem`);
  const style = (i: number) => ({ '--w': widths[i] }) as React.CSSProperties;

  return (
    <section
      ref={scroller}
      className="grid"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
      tabIndex={0}
      data-testid="matrix-scroller"
      aria-label={t('rows')}
    >
      <table aria-rowcount={total + 1} className="grid-table">
        <thead className="grid-head">
          <tr aria-rowindex={1}>
            {columns.map((c, i) => {
              const dir = query.sort?.key === c.key ? query.sort.dir : undefined;
              return (
                <th
                  scope="col"
                  key={c.key}
                  style={style(i)}
                  aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
                >
                  <button type="button" className="sort" onClick={() => onSort(c.key)}>
                    {c.label}
                    <span aria-hidden="true">{dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}</span>
                    <span className="sr-only">
                      {' '}
                      {t('sortBy', { col: c.label })}
                      {dir ? ` (${t(dir)})` : ''}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody style={{ height: virtual.getTotalSize() }}>
          {items.map((item) => {
            const row = rows.row(item.index);
            return (
              <tr
                key={item.key}
                aria-rowindex={item.index + 2}
                className="grid-row"
                style={{ top: item.start, height: ROW_HEIGHT }}
              >
                {columns.map((c, i) => (
                  <td key={c.key} style={style(i)}>
                    {row ? cellText(row.values[c.key]) : i === 0 ? t('loading') : ''}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

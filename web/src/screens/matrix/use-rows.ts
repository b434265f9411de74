import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api.ts';
import type { MatrixColumn, MatrixResponse as MatrixPage, MatrixRow } from '../../api-types.ts';

export const PAGE = 200;

export interface RowsState {
  total: number | undefined;
  columns: MatrixColumn[];
  error: unknown;
  /** The row at an index, or undefined while its page loads. */
  row(index: number): MatrixRow | undefined;
  /** Asks for the pages covering rows [from, to]. */
  want(from: number, to: number): void;
  /** Milliseconds from the query change to its first page on screen (the bench reads it). */
  firstPageMs: number | undefined;
}

/**
 * Rows of the matrix fetched page by page from the server (which filters, sorts and pages), as the grid scrolls:
 * only the pages on screen are fetched, so 100k rows cost a few hundred. A new query drops the cache; an answer to
 * an older query is ignored.
 */
export function useMatrixRows(basePath: string, query: string): RowsState {
  const [total, setTotal] = useState<number>();
  const [columns, setColumns] = useState<MatrixColumn[]>([]);
  const [error, setError] = useState<unknown>();
  const [, setVersion] = useState(0);
  const [firstPageMs, setFirstPageMs] = useState<number>();
  const pages = useRef(new Map<number, MatrixRow[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);

  const load = useCallback(
    (page: number, gen: number, started?: number) => {
      if (pending.current.has(page) || pages.current.has(page)) return;
      pending.current.add(page);
      const params = new URLSearchParams(query);
      params.set('offset', String(page * PAGE));
      params.set('limit', String(PAGE));
      api.get<MatrixPage>(`${basePath}?${params}`).then(
        (res) => {
          if (gen !== generation.current) return;
          pending.current.delete(page);
          pages.current.set(page, res.rows);
          setTotal(res.total);
          setColumns((old) => (sameColumns(old, res.columns) ? old : res.columns));
          setError(undefined);
          if (started !== undefined) setFirstPageMs(performance.now() - started);
          setVersion((v) => v + 1);
        },
        (err) => {
          if (gen !== generation.current) return;
          pending.current.delete(page);
          setError(err);
        },
      );
    },
    [basePath, query],
  );

  useEffect(() => {
    generation.current += 1;
    pages.current = new Map();
    pending.current = new Set();
    setFirstPageMs(undefined);
    load(0, generation.current, performance.now());
  }, [load]);

  const want = useCallback(
    (from: number, to: number) => {
      for (let p = Math.floor(Math.max(0, from) / PAGE); p <= Math.floor(Math.max(0, to) / PAGE); p++)
        load(p, generation.current);
    },
    [load],
  );
  const row = (index: number) => pages.current.get(Math.floor(index / PAGE))?.[index % PAGE];
  return { total, columns, error, row, want, firstPageMs };
}

function sameColumns(a: MatrixColumn[], b: MatrixColumn[]): boolean {
  return a.length === b.length && a.every((c, i) => c.key === b[i]?.key && c.label === b[i]?.label);
}

/** A cell value as text: lists joined, objects as their text, nothing for empty. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(cellText).join(', ');
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.en === 'string' || typeof v.fr === 'string') return String(v.en ?? v.fr);
    return JSON.stringify(value);
  }
  return String(value);
}

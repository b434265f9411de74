/**
 * The matrix's state as it lives in the URL (`q`, `filter[col]`, `sort`, `columns`) and as the API reads it: one
 * query string serves the screen, the paged rows, the exports and the saved views.
 */
export interface MatrixQuery {
  q: string;
  filters: [string, string][];
  sort: { key: string; dir: 'asc' | 'desc' } | undefined;
  columns: string[] | undefined;
}

const FILTER = /^filter\[(.+)\]$/;

export function readQuery(params: URLSearchParams): MatrixQuery {
  const filters: [string, string][] = [];
  for (const [k, v] of params) {
    const m = FILTER.exec(k);
    if (m?.[1] && v !== '') filters.push([m[1], v]);
  }
  const [key, dir] = (params.get('sort') ?? '').split(':');
  const columns = params.get('columns')?.split(',').filter(Boolean);
  return {
    q: params.get('q') ?? '',
    filters,
    sort: key ? { key, dir: dir === 'desc' ? 'desc' : 'asc' } : undefined,
    columns: columns?.length ? columns : undefined,
  };
}

/** The API's query string for this state (without paging), in a stable order so equal states compare equal. */
export function apiQuery(q: MatrixQuery, lang: string): URLSearchParams {
  const out = new URLSearchParams();
  if (q.q) out.set('q', q.q);
  for (const [k, v] of [...q.filters].sort(([a], [b]) => a.localeCompare(b))) out.set(`filter[${k}]`, v);
  if (q.sort) out.set('sort', `${q.sort.key}:${q.sort.dir}`);
  if (q.columns) out.set('columns', q.columns.join(','));
  out.set('lang', lang);
  return out;
}

/** Writes a state back into the route's query, leaving its other keys (lang) alone. */
export function writeQuery(target: URLSearchParams, q: MatrixQuery): void {
  for (const k of [...target.keys()]) if (FILTER.test(k) || ['q', 'sort', 'columns'].includes(k)) target.delete(k);
  const fresh = apiQuery(q, '');
  fresh.delete('lang');
  for (const [k, v] of fresh) target.set(k, v);
}

/** A saved view holds the matrix part of the query only. */
export function viewQuery(q: MatrixQuery): string {
  const s = apiQuery(q, '');
  s.delete('lang');
  return s.toString();
}

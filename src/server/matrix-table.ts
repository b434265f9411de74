import type { Matrix } from '../model/matrix.js';
import type { Lang } from '../model/text.js';
import { type Column, columnsFor, eachLineCells, type Line, linesOf } from '../render/columns.js';
import { withMetaColumns } from '../render/meta-columns.js';
import { badRequest } from './errors.js';

/**
 * A matrix as the grid sees it: the documents' lines (row × service × port range) and their cells under the
 * documents' own columns (src/render/columns.ts), computed once per site version and language, then filtered,
 * sorted and paged per request. Sort orders are kept once computed: the next page of a sorted 100k-row view is
 * a slice.
 */
export interface MatrixTable {
  readonly columns: readonly Column[];
  readonly lines: readonly Line[];
  /** Column-major: `cells[c][i]` is column c of line i. */
  readonly cells: readonly (readonly string[])[];
  /** Each line's cells lower-cased and joined: what `q` searches. Built on first use. */
  haystack?: string[];
  readonly orders: Map<string, Uint32Array>;
  /** Recent selections by query (without paging): the next page of a filtered view is a slice. */
  readonly selections: Map<string, readonly number[]>;
}

export function buildTable(matrix: Matrix, lang: Lang): MatrixTable {
  const columns = withMetaColumns(columnsFor(undefined), matrix.rows);
  const lines = linesOf(matrix.rows);
  const cells: string[][] = columns.map(() => new Array<string>(lines.length));
  let i = 0;
  eachLineCells(
    lines,
    columns,
    lang,
    (v) => v,
    (values) => {
      for (let c = 0; c < values.length; c++) (cells[c] as string[])[i] = values[c] as string;
      i++;
    },
  );
  return { columns, lines, cells, orders: new Map(), selections: new Map() };
}

export interface MatrixQuery {
  readonly q?: string;
  /** Column id → text the cell must contain (case-insensitive). */
  readonly filters: ReadonlyMap<string, string>;
  readonly sort?: { readonly column: string; readonly descending: boolean };
  readonly columns?: readonly string[];
  readonly offset: number;
  readonly limit: number;
}

const MAX_LIMIT = 5000;

/** Reads `q`, `filter[col]`, `sort=col:asc|desc`, `columns=a,b`, `offset`, `limit` from the query string. */
export function parseMatrixQuery(params: URLSearchParams, table: MatrixTable, paged = true): MatrixQuery {
  const known = new Set(table.columns.map((c) => c.id));
  const check = (id: string, where: string): string => {
    if (!known.has(id)) throw badRequest(`${where}: unknown column "${id}"`, `columns: ${[...known].join(', ')}`);
    return id;
  };
  const filters = new Map<string, string>();
  for (const [name, value] of params) {
    const m = /^filter\[(.+)\]$/.exec(name);
    if (m && value !== '') filters.set(check(m[1] as string, name), value.toLowerCase());
  }
  const sortText = params.get('sort');
  let sort: MatrixQuery['sort'];
  if (sortText) {
    const [column = '', dir = 'asc'] = sortText.split(':');
    if (dir !== 'asc' && dir !== 'desc') throw badRequest(`sort: "${dir}" is not asc or desc`, 'e.g. sort=source:desc');
    sort = { column: check(column, 'sort'), descending: dir === 'desc' };
  }
  const columnsText = params.get('columns');
  const columns = columnsText ? columnsText.split(',').map((c) => check(c, 'columns')) : undefined;
  const number = (name: string, fallback: number, max: number): number => {
    const raw = params.get(name);
    if (raw === null || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > max) throw badRequest(`${name}: expected a whole number 0 to ${max}`);
    return n;
  };
  const q = params.get('q')?.trim().toLowerCase();
  return {
    ...(q ? { q } : {}),
    filters,
    ...(sort ? { sort } : {}),
    ...(columns ? { columns } : {}),
    offset: paged ? number('offset', 0, Number.MAX_SAFE_INTEGER) : 0,
    limit: paged ? number('limit', 100, MAX_LIMIT) : Number.MAX_SAFE_INTEGER,
  };
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function orderOf(table: MatrixTable, column: string): Uint32Array {
  const known = table.orders.get(column);
  if (known) return known;
  const values = table.cells[table.columns.findIndex((c) => c.id === column)] as readonly string[];
  const order = Uint32Array.from(values.keys());
  order.sort((a, b) => collator.compare(values[a] as string, values[b] as string) || a - b);
  table.orders.set(column, order);
  return order;
}

function haystackOf(table: MatrixTable): string[] {
  if (!table.haystack) {
    const n = table.lines.length;
    table.haystack = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      let text = '';
      for (const column of table.cells) text += `${column[i]}\u0000`;
      table.haystack[i] = text.toLowerCase();
    }
  }
  return table.haystack;
}

/** Selections kept per table: the few views a team pages through at once. */
const KEPT_SELECTIONS = 16;

/** The indices of the lines the query shows, in the order it shows them (all of them; the caller pages). */
export function selectLines(table: MatrixTable, query: MatrixQuery): readonly number[] {
  const key = JSON.stringify([query.q ?? '', [...query.filters], query.sort ?? null]);
  const kept = table.selections.get(key);
  if (kept) return kept;
  const selected = computeSelection(table, query);
  table.selections.set(key, selected);
  if (table.selections.size > KEPT_SELECTIONS) table.selections.delete(table.selections.keys().next().value as string);
  return selected;
}

function computeSelection(table: MatrixTable, query: MatrixQuery): number[] {
  const n = table.lines.length;
  const filters = [...query.filters].map(([id, text]) => ({
    values: table.cells[table.columns.findIndex((c) => c.id === id)] as readonly string[],
    text,
  }));
  const hay = query.q ? haystackOf(table) : undefined;
  const keep = (i: number): boolean => {
    if (hay && !(hay[i] as string).includes(query.q as string)) return false;
    for (const f of filters) if (!(f.values[i] as string).toLowerCase().includes(f.text)) return false;
    return true;
  };
  const out: number[] = [];
  if (query.sort) {
    const order = orderOf(table, query.sort.column);
    if (query.sort.descending) {
      for (let k = n - 1; k >= 0; k--) if (keep(order[k] as number)) out.push(order[k] as number);
    } else for (let k = 0; k < n; k++) if (keep(order[k] as number)) out.push(order[k] as number);
  } else for (let i = 0; i < n; i++) if (keep(i)) out.push(i);
  return out;
}

/** The columns shown, in the asked order (all when not asked). */
export const shownColumns = (table: MatrixTable, query: MatrixQuery): Column[] =>
  query.columns ? query.columns.map((id) => table.columns.find((c) => c.id === id) as Column) : [...table.columns];

/** Tables by site, version and language; bounded (a 100k-row table holds millions of strings). */
export class TableCache {
  private readonly entries = new Map<string, MatrixTable>();
  constructor(private readonly capacity = 4) {}
  get(key: string, build: () => MatrixTable): MatrixTable {
    let table = this.entries.get(key);
    if (table) this.entries.delete(key);
    else table = build();
    this.entries.set(key, table);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return table;
  }
}

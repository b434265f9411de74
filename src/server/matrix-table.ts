import type { Catalog } from '../model/catalog.js';
import type { Matrix } from '../model/matrix.js';
import type { Lang } from '../model/text.js';
import { type Column, columnsFor, eachLineCells, type Line, linesOf } from '../render/columns.js';
import { withMetaColumns } from '../render/meta-columns.js';
import { portParameters, type ServiceSpecs, withReadablePorts } from '../render/ports-text.js';
import { badRequest } from './errors.js';

/**
 * One column of the grid, dictionary-encoded: its distinct texts (a 233k-line column holds a few hundred to a few
 * thousand), each lower-cased once, and per line the number of its text. A filter tests each distinct text once and
 * then reads numbers; a sort orders the distinct texts, then places the lines by counting. No per-request string
 * work, and typed arrays the garbage collector does not scan.
 */
export interface TableColumn {
  readonly texts: readonly string[];
  readonly lowered: readonly string[];
  /** `codes[i]`: the number of line i's text in `texts`. */
  readonly codes: Uint32Array;
  /** Each text as JSON, written when first sent. */
  readonly json: (string | undefined)[];
}

/**
 * A matrix as the grid sees it: the documents' lines (row × service × port range) and their cells under the
 * documents' own columns (src/render/columns.ts), computed once per site version and language, then filtered,
 * sorted and paged per request. Sort orders and recent selections are kept: the next page of a sorted or filtered
 * 100k-row view is a slice.
 */
export interface MatrixTable {
  readonly columns: readonly Column[];
  readonly lines: readonly Line[];
  /** Column-major: `data[c]` holds column c of every line. */
  readonly data: readonly TableColumn[];
  readonly orders: Map<string, Uint32Array>;
  /** Recent selections by query (without paging): the next page of a filtered view is a slice. */
  readonly selections: Map<string, readonly number[]>;
}

/** `specsOf`: the catalogs' service specs, so a Ports cell can name the site parameters its ports come from. */
export function buildTable(matrix: Matrix, lang: Lang, specsOf: ServiceSpecs = () => undefined): MatrixTable {
  // The screen's Ports cells are never empty (ICMP type, "all", "none"); the documents' CSV keeps bare cells.
  const columns = withMetaColumns(
    withReadablePorts(columnsFor(undefined), portParameters(matrix.catalogs, specsOf)),
    matrix.rows,
  );
  const lines = linesOf(matrix.rows);
  const dictionaries = columns.map(() => new Map<string, number>());
  const texts: string[][] = columns.map(() => []);
  const codes = columns.map(() => new Uint32Array(lines.length));
  let i = 0;
  eachLineCells(
    lines,
    columns,
    lang,
    (v) => v,
    (values) => {
      for (let c = 0; c < values.length; c++) {
        const text = values[c] as string;
        const dictionary = dictionaries[c] as Map<string, number>;
        let code = dictionary.get(text);
        if (code === undefined) {
          code = dictionary.size;
          dictionary.set(text, code);
          (texts[c] as string[]).push(text);
        }
        (codes[c] as Uint32Array)[i] = code;
      }
      i++;
    },
  );
  const data = columns.map((_, c) => {
    const own = texts[c] as string[];
    return {
      texts: own,
      lowered: own.map((t) => t.toLowerCase()),
      codes: codes[c] as Uint32Array,
      json: new Array<string | undefined>(own.length),
    };
  });
  return { columns, lines, data, orders: new Map(), selections: new Map() };
}

/** A site's table, its Ports cells naming the parameters of its catalogs' services. */
export function siteTable(model: { matrix: Matrix; catalogs: ReadonlyMap<string, Catalog> }, lang: Lang): MatrixTable {
  const byId = new Map([...model.catalogs.values()].map((c) => [c.id, c]));
  return buildTable(model.matrix, lang, (catalog, service) => byId.get(catalog)?.services[service]?.ports);
}

/** The text of column `c` on line `i`. */
export const cellText = (table: MatrixTable, c: number, i: number): string => {
  const column = table.data[c] as TableColumn;
  return column.texts[column.codes[i] as number] as string;
};

/** The text of column `c` on line `i` as JSON (a quoted, escaped string). */
export const cellJson = (table: MatrixTable, c: number, i: number): string => {
  const column = table.data[c] as TableColumn;
  const code = column.codes[i] as number;
  let json = column.json[code];
  if (json === undefined) {
    json = JSON.stringify(column.texts[code]);
    column.json[code] = json;
  }
  return json;
};

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

const columnOf = (table: MatrixTable, id: string): TableColumn =>
  table.data[table.columns.findIndex((c) => c.id === id)] as TableColumn;

/**
 * The lines in the column's order (natural order of the texts, ties by line): the distinct texts are sorted and
 * ranked (texts the collator holds equal, such as `SMTP` and `smtp`, share a rank), then the lines are counted
 * into place — linear in the lines, stable.
 */
function orderOf(table: MatrixTable, id: string): Uint32Array {
  const known = table.orders.get(id);
  if (known) return known;
  const { texts, codes } = columnOf(table, id);
  const sorted = Uint32Array.from(texts.keys()).sort(
    (a, b) => collator.compare(texts[a] as string, texts[b] as string) || a - b,
  );
  const rank = new Uint32Array(texts.length);
  let r = 0;
  sorted.forEach((code, k) => {
    if (k > 0 && collator.compare(texts[sorted[k - 1] as number] as string, texts[code] as string) !== 0) r++;
    rank[code] = r;
  });
  const start = new Uint32Array(texts.length + 1);
  for (const code of codes) (start[(rank[code] as number) + 1] as number)++;
  for (let k = 1; k <= texts.length; k++) start[k] = (start[k] as number) + (start[k - 1] as number);
  const order = new Uint32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const at = rank[codes[i] as number] as number;
    order[start[at] as number] = i;
    start[at] = (start[at] as number) + 1;
  }
  table.orders.set(id, order);
  return order;
}

/** Which distinct texts of a column contain `text` (already lower-cased). */
function matchingTexts(column: TableColumn, text: string): Uint8Array {
  const { lowered } = column;
  const hit = new Uint8Array(lowered.length);
  for (let v = 0; v < lowered.length; v++) if ((lowered[v] as string).includes(text)) hit[v] = 1;
  return hit;
}

/** Lines with `text` in any column: what `q` searches. */
function searchLines(table: MatrixTable, text: string): Uint8Array {
  const found = new Uint8Array(table.lines.length);
  for (const column of table.data) {
    const hit = matchingTexts(column, text);
    if (!hit.includes(1)) continue;
    const { codes } = column;
    for (let i = 0; i < codes.length; i++) if (hit[codes[i] as number]) found[i] = 1;
  }
  return found;
}

/** Selections kept per table: the few views a team pages through at once. */
const KEPT_SELECTIONS = 16;

/** The indices of the lines the query shows, in the order it shows them (all of them; the caller pages). */
export function selectLines(table: MatrixTable, query: MatrixQuery): readonly number[] {
  const key = JSON.stringify([query.q ?? '', [...query.filters], query.sort ?? null]);
  const kept = table.selections.get(key);
  if (kept) {
    table.selections.delete(key);
    table.selections.set(key, kept);
    return kept;
  }
  const selected = computeSelection(table, query);
  table.selections.set(key, selected);
  if (table.selections.size > KEPT_SELECTIONS) table.selections.delete(table.selections.keys().next().value as string);
  return selected;
}

function computeSelection(table: MatrixTable, query: MatrixQuery): number[] {
  const n = table.lines.length;
  const tests = [...query.filters].map(([id, text]) => {
    const column = columnOf(table, id);
    return { codes: column.codes, hit: matchingTexts(column, text) };
  });
  // A filter no text matches selects nothing: no need to walk the lines.
  if (tests.some((t) => !t.hit.includes(1))) return [];
  // One flag per line, narrowed by the search then by each filter in a tight loop over typed arrays.
  let pass: Uint8Array | undefined = query.q ? searchLines(table, query.q) : undefined;
  for (const { codes, hit } of tests) {
    if (!pass) {
      pass = new Uint8Array(n);
      for (let i = 0; i < n; i++) pass[i] = hit[codes[i] as number] as number;
    } else for (let i = 0; i < n; i++) if (pass[i] && !hit[codes[i] as number]) pass[i] = 0;
  }
  const keep = pass ? (i: number): boolean => pass[i] === 1 : () => true;
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

/** The cache key of a site version's table in one language. */
export const tableKey = (siteId: number, version: number, lang: Lang): string => `${siteId}@${version}/${lang}`;

/** Tables by site, version and language; bounded (a 100k-row table is tens of MiB). */
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
  has(key: string): boolean {
    return this.entries.has(key);
  }
}

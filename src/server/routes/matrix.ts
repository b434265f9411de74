import { performance } from 'node:perf_hooks';
import type { Context } from 'hono';
import type { Lang } from '../../model/text.js';
import { eachLineCells, type Line } from '../../render/columns.js';
import { catalogLayout, writeCatalogSheet } from '../../render/xlsx/catalog-sheet.js';
import { writePackage } from '../../render/xlsx/index.js';
import { MAX_ROWS, SheetWriter } from '../../render/xlsx/sheet.js';
import { ZipWriter } from '../../render/xlsx/zip.js';
import { csvField } from '../../util/csv-field.js';
import type { Route } from '../app.js';
import type { AppEnv } from '../context.js';
import { badRequest } from '../errors.js';
import { langParam } from '../input.js';
import {
  cellJson,
  type MatrixTable,
  parseMatrixQuery,
  selectLines,
  shownColumns,
  siteTable,
  tableKey,
} from '../matrix-table.js';
import { siteModel } from '../sites.js';

async function tableOf(c: Context<AppEnv>): Promise<{ table: MatrixTable; lang: Lang; name: string }> {
  const { head, model } = await siteModel(c);
  const lang = langParam(c);
  const table = c.var.app.tables.get(tableKey(head.id, head.version, lang), () => siteTable(model, lang));
  return { table, lang, name: head.name };
}

/** A file name from a site name: letters, digits, dots and dashes only (the name itself may be anything). */
export const fileStem = (name: string): string =>
  name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'site';

export const matrixRoutes: readonly Route[] = [
  [
    'GET /api/sites/:id/matrix',
    async (c) => {
      const start = performance.now();
      const { table } = await tableOf(c);
      const ready = performance.now();
      const query = parseMatrixQuery(new URL(c.req.url).searchParams, table);
      const shown = selectLines(table, query);
      const selected = performance.now();
      const columns = shownColumns(table, query);
      const lang = langParam(c);
      const head = JSON.stringify({
        total: shown.length,
        offset: query.offset,
        columns: columns.map((col) => ({ key: col.id, label: col.label[lang] })),
      });
      // The rows as JSON text from each cell's JSON, written once per distinct text: the same answer as
      // `{…, rows: [{line, key, values: {column: text}}]}` through JSON.stringify, without walking new objects.
      const index = columns.map((col) => table.columns.indexOf(col));
      const names = columns.map((col) => `${JSON.stringify(col.id)}:`);
      const rows = shown.slice(query.offset, query.offset + query.limit).map((i) => {
        let values = '';
        for (let k = 0; k < index.length; k++)
          values += `${k ? ',' : ''}${names[k]}${cellJson(table, index[k] as number, i)}`;
        return `{"line":${i},"key":${JSON.stringify((table.lines[i] as Line).row.key)},"values":{${values}}}`;
      });
      const body = `${head.slice(0, -1)},"rows":[${rows.join(',')}]}`;
      // Where the time went, for the browser's developer tools and the grid bench (no data in it, only durations).
      const ms = (x: number) => x.toFixed(1);
      c.header(
        'Server-Timing',
        `table;dur=${ms(ready - start)}, select;dur=${ms(selected - ready)}, page;dur=${ms(performance.now() - selected)}`,
      );
      return c.body(body, 200, { 'Content-Type': 'application/json' });
    },
  ],
  [
    'GET /api/sites/:id/matrix/export',
    async (c) => {
      const { table, lang, name } = await tableOf(c);
      const params = new URL(c.req.url).searchParams;
      const format = params.get('format') ?? 'csv';
      if (format !== 'csv' && format !== 'xlsx') throw badRequest(`format: "${format}" is not csv or xlsx`);
      const query = parseMatrixQuery(params, table, false);
      const shown = selectLines(table, query);
      const columns = shownColumns(table, query);
      const lines = shown.map((i) => table.lines[i] as Line);
      const stem = fileStem(name);
      if (format === 'csv') {
        // The documents' CSV: Excel's flavour for the language (`;` and a BOM in French), formula cells neutralised.
        const separator = lang === 'fr' ? ';' : ',';
        const out: string[] = ['\uFEFF', columns.map((col) => col.id).join(separator), '\r\n'];
        eachLineCells(
          lines,
          columns,
          lang,
          (v) => csvField(v),
          (cells) => {
            out.push(cells.join(separator), '\r\n');
          },
        );
        return c.body(out.join(''), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${stem}.csv"`,
        });
      }
      if (lines.length > MAX_ROWS - 1)
        throw badRequest('more lines than one Excel sheet holds', 'filter, or export CSV');
      const zip = new ZipWriter();
      const part = zip.part('xl/worksheets/sheet1.xml');
      const sheet = new SheetWriter(part.write, catalogLayout(columns));
      writeCatalogSheet(sheet, lines, columns, lang);
      sheet.close();
      part.close();
      writePackage(zip, [{ name: lang === 'fr' ? 'Matrice' : 'Matrix', filter: sheet.filterRange() }], new Date());
      return c.body(zip.finish() as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="${stem}.xlsx"`,
      });
    },
  ],
];

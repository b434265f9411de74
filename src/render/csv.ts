import type { Matrix } from '../model/matrix.js';
import { csvField } from '../util/csv-field.js';
import { columnsFor, eachRowLineCells } from './columns.js';
import { withMetaColumns } from './meta-columns.js';
import { withNatColumns } from './nat-columns.js';
import { defineFormat, type RenderOptions } from './types.js';

export interface CsvOptions extends RenderOptions {
  /** `;` for French Excel, `,` elsewhere. */
  readonly separator?: ',' | ';';
  /** UTF-8 byte-order mark: Excel mis-reads UTF-8 without it. */
  readonly bom?: boolean;
}

/**
 * Presets for the common consumers. Every flavour neutralises formula-like cells (see src/util/csv-field.ts): a CSV is
 * opened in a spreadsheet sooner or later, whatever it was written for; machines read the JSON.
 */
export const CSV_PRESETS = {
  /** RFC 4180 as tools expect it. */
  standard: { separator: ',', bom: false },
  /** French Excel: `;` separator, UTF-8 BOM. */
  'excel-fr': { separator: ';', bom: true },
  /** English Excel: `,` separator, UTF-8 BOM. */
  'excel-en': { separator: ',', bom: true },
} as const satisfies Record<string, Omit<CsvOptions, 'lang' | 'findings' | 'verify'>>;

export { csvField };

/**
 * One line per matrix row × service × port range. Headers are stable ids (never translated); values follow
 * `lang`. RFC 4180 quoting, CRLF line ends, formula-like cells neutralised.
 */
export function* streamCsv(matrix: Matrix, options: CsvOptions): Generator<string> {
  const columns = withNatColumns(
    withMetaColumns(columnsFor(options.findings, options.verify), matrix.rows),
    matrix.rows,
  );
  const separator = options.separator ?? ',';
  const out: string[] = [columns.map((c) => c.id).join(separator)];
  eachRowLineCells(
    matrix.rows,
    options.findings,
    columns,
    options.lang,
    (v) => csvField(v),
    (record) => {
      out.push(record.join(separator));
    },
  );
  if (options.bom) yield '\uFEFF';
  // Line by line: the records fit in memory, but joined they may not fit in one string.
  for (const line of out) yield `${line}\r\n`;
}

export const renderCsv = (matrix: Matrix, options: CsvOptions): string => [...streamCsv(matrix, options)].join('');

export const csv = defineFormat<CsvOptions>({
  id: 'csv',
  extension: 'csv',
  mediaType: 'text/csv; charset=utf-8',
  binary: false,
  render: renderCsv,
  stream: streamCsv,
});

import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Matrix } from '../../model/matrix.js';
import { columnsFor, linesPerCatalog } from '../columns.js';
import { word } from '../labels.js';
import { defineFormat, type RenderOptions } from '../types.js';
import { tableOptions, writeCatalogSheet } from './catalog-sheet.js';
import { findingsSheetOptions, writeFindingsSheet, writeLegendSheet, writeSummarySheet } from './sheets.js';
import { sheetName } from './styles.js';

export interface XlsxOptions extends RenderOptions {
  /** Shown in the Summary sheet and the document properties; left out when absent (no clock here). */
  readonly generatedAt?: Date;
  /** Write the workbook to this file instead of memory; `render` then returns an empty array. */
  readonly filename?: string;
}

/** Collects the zip bytes in memory. */
function memorySink(): { stream: Writable; bytes: () => Uint8Array } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, bytes: () => new Uint8Array(Buffer.concat(chunks)) };
}

/**
 * The workbook a network team sends as is: Summary, one sheet per catalog, Legend, Findings (when given).
 * Written with exceljs's streaming writer, each row committed as written, so 100k rows stay fast and small.
 */
export async function renderXlsx(matrix: Matrix, options: XlsxOptions): Promise<Uint8Array> {
  const { lang, findings } = options;
  const sink = options.filename ? undefined : memorySink();
  const created = options.generatedAt ?? new Date(0);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    ...(sink ? { stream: sink.stream } : { filename: options.filename }),
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = 'Flowmatrix';
  workbook.created = created;
  workbook.modified = created;
  const taken = new Set<string>();
  const columns = columnsFor(findings);

  const summary = workbook.addWorksheet(sheetName(word('summary', lang), taken));
  writeSummarySheet(summary, {
    matrix,
    lang,
    findings,
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
  });
  summary.commit();

  for (const [catalog, lines] of linesPerCatalog(matrix, findings)) {
    const sheet = workbook.addWorksheet(sheetName(catalog, taken), tableOptions(columns.length, lines.length));
    writeCatalogSheet(sheet, lines, columns, lang);
    sheet.commit();
  }

  const legend = workbook.addWorksheet(sheetName(word('legend', lang), taken));
  writeLegendSheet(legend, lang, columns);
  legend.commit();

  if (findings) {
    const sheet = workbook.addWorksheet(
      sheetName(word('findings', lang), taken),
      findingsSheetOptions(findings.length),
    );
    writeFindingsSheet(sheet, findings, lang);
    sheet.commit();
  }
  await workbook.commit();
  return sink ? sink.bytes() : new Uint8Array();
}

export const xlsx = defineFormat<XlsxOptions>({
  id: 'xlsx',
  extension: 'xlsx',
  mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  binary: true,
  render: renderXlsx,
});

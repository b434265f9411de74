import type { Style, stream } from 'exceljs';
import type { Lang } from '../../model/text.js';
import { type Column, cells, type Line } from '../columns.js';
import { HEADER_STYLE, LEVEL_STYLES } from './styles.js';

type SheetWriter = ReturnType<stream.xlsx.WorkbookWriter['addWorksheet']>;

/** Column letter(s) for a 1-based index: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/**
 * One catalog's lines: localised header, frozen header row, autofilter over the whole table, widths from the
 * column definitions, wrapped text, row fill by requirement level. Rows are committed as they are written
 * so memory stays flat.
 */
export function writeCatalogSheet(
  sheet: SheetWriter,
  lines: readonly Line[],
  columns: readonly Column[],
  lang: Lang,
): void {
  sheet.columns = columns.map((c) => ({ key: c.id, width: c.width }));
  const header = sheet.addRow(columns.map((c) => c.label[lang]));
  header.height = 30;
  styleRow(header, columns.length, HEADER_STYLE);
  header.commit();
  const values = cells(lines, columns, lang);
  for (let i = 0; i < lines.length; i++) {
    const style = LEVEL_STYLES[(lines[i] as Line).row.level];
    const row = sheet.addRow((values[i] as string[]).map((v) => (v === '' ? null : v)));
    // Empty cells are not written: the row's own style paints them, so a sparse row costs only its values.
    // exceljs writes `Row.style` as the row's `s` attribute but its typings omit the property.
    (row as unknown as { style: Partial<Style> }).style = style;
    row.eachCell((cell) => {
      cell.style = style;
    });
    row.commit();
  }
}

function styleRow(row: ReturnType<SheetWriter['addRow']>, width: number, style: Partial<Style>): void {
  for (let c = 1; c <= width; c++) row.getCell(c).style = style;
}

export const tableOptions = (columnCount: number, lineCount: number) => ({
  views: [{ state: 'frozen' as const, xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  autoFilter: `A1:${columnLetter(columnCount)}${lineCount + 1}`,
});

import type { Lang } from '../../model/text.js';
import { type Column, eachLineCells, type Line } from '../columns.js';
import type { SheetWriter } from './sheet.js';
import { HEADER_STYLE, LEVEL_STYLES } from './styles.js';
import { textCellTail } from './xml.js';

export const catalogLayout = (columns: readonly Column[]) => ({ widths: columns.map((c) => c.width), table: true });

/**
 * One catalog's lines (or one Excel-sized slice of them): localised header, row fill by requirement level,
 * wrapped text. Each line goes straight to the sheet's XML; row-level cells are escaped once per matrix row.
 */
export function writeCatalogSheet(
  sheet: SheetWriter,
  lines: readonly Line[],
  columns: readonly Column[],
  lang: Lang,
): void {
  sheet.row(
    columns.map((c) => c.label[lang]),
    HEADER_STYLE,
    30,
  );
  const tail = (value: string, line: Line): string | undefined =>
    value === '' ? undefined : textCellTail(value, LEVEL_STYLES[line.row.level]);
  eachLineCells(lines, columns, lang, tail, (tails, line) => {
    sheet.rawRow(tails, LEVEL_STYLES[line.row.level]);
  });
}

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
  // Wrapped cells need their row tall enough: Excel and LibreOffice do not re-measure rows when opening a file.
  const charsPerLine = columns.map((c) => Math.max(4, Math.floor(c.width * 0.9)));
  const textLines = new Uint16Array(columns.length);
  const tail = (value: string, line: Line, column: number): string | undefined => {
    textLines[column] = value === '' ? 1 : wrappedLines(value, charsPerLine[column] as number);
    return value === '' ? undefined : textCellTail(value, LEVEL_STYLES[line.row.level]);
  };
  eachLineCells(lines, columns, lang, tail, (tails, line) => {
    let tallest = 1;
    for (let i = 0; i < textLines.length; i++) if ((textLines[i] as number) > tallest) tallest = textLines[i] as number;
    sheet.rawRow(tails, LEVEL_STYLES[line.row.level], tallest > 1 ? Math.min(409, tallest * LINE_HEIGHT) : undefined);
  });
}

/** Points per line of 11-point text. */
const LINE_HEIGHT = 15;

/** How many lines a wrapped cell takes at `width` characters a line (an estimate: fonts are proportional). */
export function wrappedLines(text: string, width: number): number {
  let lines = 0;
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const length = (end === -1 ? text.length : end) - start;
    lines += Math.max(1, Math.ceil(length / width));
    if (end === -1) return Math.min(lines, 0xffff);
    start = end + 1;
  }
}

import { PLAIN, type StyleId } from './styles.js';
import { columnLetter, numberCellTail, textCellTail, XML_HEAD } from './xml.js';

/** Excel's row limit, header included. */
export const MAX_ROWS = 1_048_576;

export type Cell = string | number | undefined;

export interface SheetLayout {
  /** Column widths in characters, column A first. */
  readonly widths: readonly number[];
  /** Frozen first row with an autofilter over the table under it. */
  readonly table?: boolean;
}

/**
 * One worksheet written top to bottom as XML text into `write` (the zip part): no row is kept once written.
 * Empty cells are left out; a row style paints them (Excel uses the row's `s` for absent cells).
 */
export class SheetWriter {
  private rows = 0;
  private readonly letters: string[] = [];

  constructor(
    private readonly write: (text: string) => void,
    private readonly layout: SheetLayout,
  ) {
    const cols = layout.widths
      .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
      .join('');
    const pane = layout.table
      ? '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>'
      : '<sheetView workbookViewId="0"/>';
    write(
      `${XML_HEAD}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        // Printed fit to the page width, so a table is never cut into vertical strips.
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
        `<sheetViews>${pane}</sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`,
    );
  }

  /** Letters of column `i` (0-based), cached: the same few columns are named on every row. */
  letter(i: number): string {
    let l = this.letters[i];
    if (l === undefined) {
      l = columnLetter(i + 1);
      this.letters[i] = l;
    }
    return l;
  }

  get rowCount(): number {
    return this.rows;
  }

  /** Rows left before Excel's limit. */
  get room(): number {
    return MAX_ROWS - this.rows;
  }

  /** A row of plain values, each cell with `style`. An empty row only advances the row number. */
  row(values: readonly Cell[], style: StyleId = PLAIN, height?: number): void {
    const r = this.rows + 1;
    let xml = '';
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === undefined || v === '') continue;
      xml += `<c r="${this.letter(i)}${r}"${typeof v === 'number' ? numberCellTail(v, style) : textCellTail(v, style)}`;
    }
    this.rows = r;
    if (xml === '') return;
    const ht = height ? ` ht="${height}" customHeight="1"` : '';
    this.write(`<row r="${r}"${ht}>${xml}</row>`);
  }

  /**
   * A row whose cells are prepared tails (`textCellTail`) by column; `undefined` cells are absent and take the
   * row style. The fast path for large tables.
   */
  rawRow(tails: readonly (string | undefined)[], rowStyle: StyleId, height?: number): void {
    const r = this.rows + 1;
    const ht = height ? ` ht="${height}" customHeight="1"` : '';
    let xml = `<row r="${r}" s="${rowStyle}" customFormat="1"${ht}>`;
    for (let i = 0; i < tails.length; i++) {
      const tail = tails[i];
      if (tail !== undefined) xml += `<c r="${this.letter(i)}${r}"${tail}`;
    }
    this.rows = r;
    this.write(`${xml}</row>`);
  }

  /** Closes the sheet; the autofilter covers the header and every row written. */
  close(): void {
    const filter =
      this.layout.table && this.rows > 0
        ? `<autoFilter ref="A1:${this.letter(this.layout.widths.length - 1)}${this.rows}"/>`
        : '';
    this.write(
      `</sheetData>${filter}<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>` +
        `<pageSetup paperSize="${this.layout.table ? 8 : 9}" orientation="${this.layout.table ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/>` +
        '<headerFooter><oddFooter>&amp;L&amp;A&amp;R&amp;P / &amp;N</oddFooter></headerFooter></worksheet>',
    );
  }

  /** The autofilter range for the workbook's `_xlnm._FilterDatabase` name, when the sheet is a table. */
  filterRange(): string | undefined {
    if (!this.layout.table || this.rows === 0) return undefined;
    return `$A$1:$${this.letter(this.layout.widths.length - 1)}$${this.rows}`;
  }
}

import { type WrittenSheet, writePackage } from '../../render/xlsx/index.js';
import { type SheetLayout, SheetWriter } from '../../render/xlsx/sheet.js';
import { sheetName } from '../../render/xlsx/styles.js';
import { XML_HEAD } from '../../render/xlsx/xml.js';
import { ZipWriter } from '../../render/xlsx/zip.js';
import { CLASS_COLOURS } from '../labels.js';
import { CHANGE_CLASSES, type ChangeClass } from '../types.js';

/**
 * The matrix workbook's look (src/render/xlsx: Calibri, dark-blue header row, frozen header with a filter, fit
 * to page width) with one row fill per change class instead of per requirement level. Style ids 0–5 are the
 * matrix workbook's own (plain, title, note, section, header, wrapped).
 */
export const [PLAIN, TITLE, NOTE, SECTION, HEADER, WRAP] = [0, 1, 2, 3, 4, 5] as const;
export const CLASS_STYLES = Object.fromEntries(CHANGE_CLASSES.map((c, i) => [c, 6 + i])) as Record<ChangeClass, number>;

const fonts = [
  '<font><sz val="11"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/></font>',
  '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>',
  '<font><i/><sz val="11"/><color rgb="FF595959"/><name val="Calibri"/><family val="2"/></font>',
  '<font><b/><sz val="12"/><name val="Calibri"/><family val="2"/></font>',
  '<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/></font>',
];
const solid = (rgb: string) => `<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb}"/></patternFill></fill>`;
const fills = [
  '<fill><patternFill patternType="none"/></fill>',
  '<fill><patternFill patternType="gray125"/></fill>',
  solid('1F3864'),
  ...CHANGE_CLASSES.map((c) => solid(CLASS_COLOURS[c].fill)),
];
const bottom = (rgb: string) =>
  `<border><left/><right/><top/><bottom style="thin"><color rgb="FF${rgb}"/></bottom><diagonal/></border>`;
const borders = [
  '<border><left/><right/><top/><bottom/><diagonal/></border>',
  bottom('000000'),
  ...CHANGE_CLASSES.map((c) => bottom(CLASS_COLOURS[c].stroke)),
];
const xf = (font: number, fill: number, border: number, alignment?: string) =>
  `<xf numFmtId="0" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"` +
  `${font ? ' applyFont="1"' : ''}${fill ? ' applyFill="1"' : ''}${border ? ' applyBorder="1"' : ''}` +
  (alignment ? ` applyAlignment="1"><alignment ${alignment}/></xf>` : '/>');
const TOP_WRAP = 'vertical="top" wrapText="1"';
const xfs = [
  xf(0, 0, 0),
  xf(1, 0, 0),
  xf(2, 0, 0),
  xf(3, 0, 0),
  xf(4, 2, 1, 'vertical="center" wrapText="1"'),
  xf(0, 0, 0, TOP_WRAP),
  ...CHANGE_CLASSES.map((_, i) => xf(0, 3 + i, 2 + i, TOP_WRAP)),
];
const list = (tag: string, items: readonly string[]) => `<${tag} count="${items.length}">${items.join('')}</${tag}>`;

const DIFF_STYLES_XML =
  `${XML_HEAD}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  list('fonts', fonts) +
  list('fills', fills) +
  list('borders', borders) +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  list('cellXfs', xfs) +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0"/></styleSheet>';

export interface SheetSpec {
  readonly name: string;
  readonly layout: SheetLayout;
  readonly fill: (sheet: SheetWriter) => void;
}

/** A workbook of the given sheets, in order. No clock: the document date is the epoch unless given. */
export function buildWorkbook(specs: readonly SheetSpec[], created = new Date(0)): Uint8Array {
  const zip = new ZipWriter();
  const taken = new Set<string>();
  const sheets: WrittenSheet[] = [];
  for (const spec of specs) {
    const name = sheetName(spec.name, taken);
    const part = zip.part(`xl/worksheets/sheet${sheets.length + 1}.xml`);
    const sheet = new SheetWriter(part.write, spec.layout);
    spec.fill(sheet);
    sheet.close();
    part.close();
    sheets.push({ name, filter: sheet.filterRange() });
  }
  writePackage(zip, sheets, created, DIFF_STYLES_XML);
  return zip.finish();
}

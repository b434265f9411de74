import { type WrittenSheet, writePackage } from '../../render/xlsx/index.js';
import { type SheetLayout, SheetWriter } from '../../render/xlsx/sheet.js';
import { sheetName, stylesXml } from '../../render/xlsx/styles.js';
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

const DIFF_STYLES_XML = stylesXml(CHANGE_CLASSES.map((c) => CLASS_COLOURS[c]));

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

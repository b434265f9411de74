import type { Matrix } from '../../model/matrix.js';
import { escapeXml } from '../../util/xml.js';
import { columnsFor, linesPerCatalog } from '../columns.js';
import { word } from '../labels.js';
import { withMetaColumns } from '../meta-columns.js';
import { withNatColumns } from '../nat-columns.js';
import { PROBE_TITLE } from '../probe-column.js';
import { defineFormat, type RenderOptions } from '../types.js';
import { verifyEntries } from '../verify-columns.js';
import { catalogLayout, writeCatalogSheet } from './catalog-sheet.js';
import { PROBE_LAYOUT, writeProbeSheet } from './probe-sheet.js';
import { MAX_ROWS, type SheetLayout, SheetWriter } from './sheet.js';
import {
  FINDINGS_LAYOUT,
  LEGEND_LAYOUT,
  SUMMARY_LAYOUT,
  writeFindingsSheet,
  writeLegendSheet,
  writeSummarySheet,
} from './sheets.js';
import { STYLES_XML, sheetName } from './styles.js';
import { VERIFY_LAYOUT, writeVerifySheet } from './verify-sheet.js';
import { XML_HEAD } from './xml.js';
import { ZipWriter } from './zip.js';

export interface XlsxOptions extends RenderOptions {
  /** Shown in the Summary sheet and the document properties; left out when absent (no clock here). */
  readonly generatedAt?: Date;
  /** Write the workbook to this file instead of memory; `render` then returns an empty array. */
  readonly filename?: string;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument';

export interface WrittenSheet {
  readonly name: string;
  readonly filter: string | undefined;
}

/** Up to `size` items at a time; an empty list still gives one (empty) slice, so its sheet exists. */
function slices<T>(items: readonly T[], size: number): (readonly T[])[] {
  if (items.length <= size) return [items];
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The workbook a network team sends as is: Summary, one sheet per catalog, Legend, Findings and Verify (when given).
 * Written by hand (SpreadsheetML strings, inline strings, zipped part by part as the rows come): at 100k
 * flows exceljs took ~13 s and most of the memory. A table longer than Excel's 1,048,576 rows continues on
 * sheets named `name (2)`, `name (3)`…: no row is dropped.
 */
export async function renderXlsx(matrix: Matrix, options: XlsxOptions): Promise<Uint8Array> {
  const { lang, findings, verify, probe } = options;
  const zip = new ZipWriter();
  const taken = new Set<string>();
  const sheets: WrittenSheet[] = [];
  const columns = withNatColumns(withMetaColumns(columnsFor(findings, verify, probe), matrix.rows), matrix.rows);

  const addSheet = (wanted: string, layout: SheetLayout, fill: (sheet: SheetWriter) => void): void => {
    const name = sheetName(wanted, taken);
    const part = zip.part(`xl/worksheets/sheet${sheets.length + 1}.xml`);
    const sheet = new SheetWriter(part.write, layout);
    fill(sheet);
    sheet.close();
    part.close();
    sheets.push({ name, filter: sheet.filterRange() });
  };
  const continued = (name: string, i: number) => (i === 0 ? name : `${name} (${i + 1})`);

  addSheet(word('summary', lang), SUMMARY_LAYOUT, (sheet) =>
    writeSummarySheet(sheet, {
      matrix,
      lang,
      findings,
      ...(verify ? { verify } : {}),
      ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
    }),
  );
  for (const [catalog, lines] of linesPerCatalog(matrix, findings)) {
    slices(lines, MAX_ROWS - 1).forEach((slice, i) => {
      addSheet(continued(catalog, i), catalogLayout(columns), (sheet) =>
        writeCatalogSheet(sheet, slice, columns, lang),
      );
    });
  }
  addSheet(word('legend', lang), LEGEND_LAYOUT, (sheet) => writeLegendSheet(sheet, lang, columns));
  if (findings) {
    slices(findings, MAX_ROWS - 1).forEach((slice, i) => {
      addSheet(continued(word('findings', lang), i), FINDINGS_LAYOUT, (sheet) =>
        writeFindingsSheet(sheet, slice, lang),
      );
    });
  }
  if (verify && verify.length > 0) {
    slices(verifyEntries(verify), MAX_ROWS - 1).forEach((slice, i) => {
      addSheet(continued(word('verify', lang), i), VERIFY_LAYOUT, (sheet) => writeVerifySheet(sheet, slice, lang));
    });
  }

  if (probe) addSheet(PROBE_TITLE[lang], PROBE_LAYOUT, (sheet) => writeProbeSheet(sheet, probe, lang));

  writePackage(zip, sheets, options.generatedAt ?? new Date(0));
  const bytes = zip.finish();
  if (!options.filename) return bytes;
  // Only when asked for a file: keeps the render itself free of file I/O.
  const { writeFile } = await import('node:fs/promises');
  await writeFile(options.filename, bytes);
  return new Uint8Array();
}

/** Workbook, relationships, content types, styles and document properties around the sheets. */
export function writePackage(
  zip: ZipWriter,
  sheets: readonly WrittenSheet[],
  created: Date,
  styles: string = STYLES_XML,
): void {
  const sheetIds = sheets.map((_, i) => i + 1);
  zip.file(
    '[Content_Types].xml',
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>` +
      sheetIds
        .map(
          (i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      `<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>` +
      `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
      `<Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/></Types>`,
  );
  zip.file(
    '_rels/.rels',
    `${XML_HEAD}<Relationships xmlns="${PKG_REL}">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
      `<Relationship Id="rId2" Type="${PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>` +
      `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
  );
  const filters = sheets
    .map((s, i) =>
      s.filter
        ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">` +
          `${escapeXml(`'${s.name.replaceAll("'", "''")}'!${s.filter}`)}</definedName>` +
          // The header row repeats on every printed page.
          `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">` +
          `${escapeXml(`'${s.name.replaceAll("'", "''")}'!$1:$1`)}</definedName>`
        : '',
    )
    .join('');
  zip.file(
    'xl/workbook.xml',
    `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr/><bookViews><workbookView/></bookViews><sheets>` +
      sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 2}"/>`).join('') +
      `</sheets>${filters ? `<definedNames>${filters}</definedNames>` : ''}</workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `${XML_HEAD}<Relationships xmlns="${PKG_REL}">` +
      `<Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>` +
      sheetIds
        .map((i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`)
        .join('') +
      '</Relationships>',
  );
  zip.file('xl/styles.xml', styles);
  const date = `${created.toISOString().slice(0, 19)}Z`;
  zip.file(
    'docProps/core.xml',
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Flowmatrix</dc:creator>' +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created>` +
      `<dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified></cp:coreProperties>`,
  );
  zip.file(
    'docProps/app.xml',
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
      '<Application>Flowmatrix</Application></Properties>',
  );
}

export const xlsx = defineFormat<XlsxOptions>({
  id: 'xlsx',
  extension: 'xlsx',
  mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  binary: true,
  render: renderXlsx,
});

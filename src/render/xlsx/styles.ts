import { REQUIREMENT_LEVELS, type RequirementLevel } from '../../model/vocab.js';
import { LEVEL_COLOURS, LEVEL_STROKES } from '../labels.js';
import { XML_HEAD } from './xml.js';

/**
 * The few cell formats the workbook uses, as indices into `cellXfs` of styles.xml. 0 is the default
 * (Calibri 11, no fill); every other index is one row of the table below.
 */
export type StyleId = number;

export const PLAIN: StyleId = 0;
export const TITLE_STYLE: StyleId = 1;
export const NOTE_STYLE: StyleId = 2;
export const SECTION_STYLE: StyleId = 3;
export const HEADER_STYLE: StyleId = 4;
export const WRAP_STYLE: StyleId = 5;
/** Row fill by requirement level: 6, 7, 8 in REQUIREMENT_LEVELS order. */
export const LEVEL_STYLES = Object.fromEntries(REQUIREMENT_LEVELS.map((level, i) => [level, 6 + i])) as Record<
  RequirementLevel,
  StyleId
>;

const fonts = [
  '<font><sz val="11"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/></font>',
  '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>',
  '<font><i/><sz val="11"/><color rgb="FF595959"/><name val="Calibri"/><family val="2"/></font>',
  '<font><b/><sz val="12"/><name val="Calibri"/><family val="2"/></font>',
  '<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/></font>',
];
const solid = (rgb: string) => `<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb}"/></patternFill></fill>`;
const bottom = (rgb: string) =>
  `<border><left/><right/><top/><bottom style="thin"><color rgb="FF${rgb}"/></bottom><diagonal/></border>`;
const xf = (fontId: number, fillId: number, borderId: number, alignment?: string) =>
  `<xf numFmtId="0" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
  `${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}${borderId ? ' applyBorder="1"' : ''}` +
  (alignment ? ` applyAlignment="1"><alignment ${alignment}/></xf>` : '/>');
const TOP_WRAP = 'vertical="top" wrapText="1"';
const list = (tag: string, items: readonly string[]) => `<${tag} count="${items.length}">${items.join('')}</${tag}>`;

/**
 * The workbook look (Calibri, dark-blue header row, styles 0–5 as above) with one row style per entry of `rows`,
 * from style 6 on: a light fill and a thin bottom border of a darker stroke (requirement levels for the matrix,
 * change classes for a diff).
 */
export function stylesXml(rows: readonly { readonly fill: string; readonly stroke: string }[]): string {
  const fills = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
    solid('1F3864'),
    ...rows.map((r) => solid(r.fill)),
  ];
  const borders = [
    '<border><left/><right/><top/><bottom/><diagonal/></border>',
    bottom('000000'),
    ...rows.map((r) => bottom(r.stroke)),
  ];
  const cellXfs = [
    xf(0, 0, 0),
    xf(1, 0, 0),
    xf(2, 0, 0),
    xf(3, 0, 0),
    xf(4, 2, 1, 'vertical="center" wrapText="1"'),
    xf(0, 0, 0, TOP_WRAP),
    ...rows.map((_, i) => xf(0, 3 + i, 2 + i, TOP_WRAP)),
  ];
  return (
    `${XML_HEAD}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    list('fonts', fonts) +
    list('fills', fills) +
    list('borders', borders) +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    list('cellXfs', cellXfs) +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '<dxfs count="0"/><tableStyles count="0"/></styleSheet>'
  );
}

export const STYLES_XML = stylesXml(
  REQUIREMENT_LEVELS.map((l) => ({ fill: LEVEL_COLOURS[l], stroke: LEVEL_STROKES[l] })),
);

/** Excel sheet names: at most 31 characters, none of `[]:*?/\`, unique in the workbook. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 28)}~${i}`;
  taken.add(name.toLowerCase());
  return name;
}

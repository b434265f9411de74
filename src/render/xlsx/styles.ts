import type { Style } from 'exceljs';
import { REQUIREMENT_LEVELS, type RequirementLevel } from '../../model/vocab.js';
import { LEVEL_COLOURS, LEVEL_STROKES } from '../labels.js';

/**
 * One style object per kind of cell, shared by every cell that uses it: exceljs keys its style table on object
 * identity, so 100k rows cost a lookup per cell instead of a style serialisation.
 */
const thin = (argb: string) => ({ style: 'thin' as const, color: { argb } });
const solid = (rgb: string) => ({ type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: `FF${rgb}` } });

export const HEADER_STYLE: Partial<Style> = {
  font: { bold: true, color: { argb: 'FFFFFFFF' } },
  fill: solid('1F3864'),
  alignment: { vertical: 'middle', wrapText: true },
  border: { bottom: thin('FF000000') },
};

export const TITLE_STYLE: Partial<Style> = { font: { bold: true, size: 14 } };
export const SECTION_STYLE: Partial<Style> = { font: { bold: true, size: 12 } };
export const NOTE_STYLE: Partial<Style> = { font: { italic: true, color: { argb: 'FF595959' } } };
export const WRAP_STYLE: Partial<Style> = { alignment: { vertical: 'top', wrapText: true } };

export const LEVEL_STYLES: Record<RequirementLevel, Partial<Style>> = Object.fromEntries(
  REQUIREMENT_LEVELS.map((level) => [
    level,
    {
      fill: solid(LEVEL_COLOURS[level]),
      alignment: { vertical: 'top', wrapText: true },
      border: { bottom: thin(`FF${LEVEL_STROKES[level]}`) },
    } satisfies Partial<Style>,
  ]),
) as Record<RequirementLevel, Partial<Style>>;

/** Excel sheet names: at most 31 characters, none of `[]:*?/\`, unique in the workbook. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 28)}~${i}`;
  taken.add(name.toLowerCase());
  return name;
}

import ExcelJS from 'exceljs';
import type { Grid } from './grid.js';

/**
 * Every worksheet of an XLSX workbook as grids. Merged cells: exceljs reports the covered cells as merged with a
 * master; each covered cell takes the master's text, since a person merging "Serveur WEB" over three rows means it
 * for all three. Formulas give their cached result; one without (never computed) is reported, not read as empty.
 */
export async function readXlsx(
  bytes: Uint8Array,
): Promise<{ grids: Grid[]; formulas: { sheet: string; row: number; column: number }[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const grids: Grid[] = [];
  const formulas: { sheet: string; row: number; column: number }[] = [];
  workbook.eachSheet((ws) => {
    const rows: string[][] = [];
    const height = ws.actualRowCount === 0 ? 0 : ws.rowCount;
    const width = ws.columnCount;
    for (let r = 1; r <= height; r++) {
      const out: string[] = [];
      const row = ws.getRow(r);
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        const source = cell.isMerged && cell.master ? cell.master : cell;
        const value = source.value;
        if (
          value &&
          typeof value === 'object' &&
          'formula' in value &&
          (value as { result?: unknown }).result === undefined
        )
          formulas.push({ sheet: ws.name, row: r, column: c });
        out.push(textOf(value));
      }
      rows.push(out);
    }
    grids.push({ sheet: ws.name, rows });
  });
  return { grids, formulas };
}

function textOf(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('hyperlink' in value) return textOf(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value)
    return textOf((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('error' in value) return String(value.error);
  return '';
}

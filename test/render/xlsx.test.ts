import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { COLUMNS, FINDINGS_COLUMN } from '../../src/render/columns.js';
import { LEVEL_COLOURS } from '../../src/render/labels.js';
import { renderXlsx } from '../../src/render/xlsx/index.js';
import { findings, matrix } from './fixtures/matrix.js';

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

const fillOf = (cell: ExcelJS.Cell): string | undefined => {
  const fill = cell.fill;
  return fill?.type === 'pattern' ? fill.fgColor?.argb : undefined;
};

const texts = (row: ExcelJS.Row): string[] => {
  const out: string[] = [];
  row.eachCell({ includeEmpty: true }, (cell) => {
    out.push(cell.text);
  });
  return out;
};

describe('xlsx', () => {
  it('has Summary, one sheet per catalog, Legend and Findings (French)', async () => {
    const wb = await read(
      await renderXlsx(matrix, { lang: 'fr', findings, generatedAt: new Date('2026-01-02T03:04:05Z') }),
    );
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Synthèse', 'hamilton', 'lync', 'Légende', 'Constats']);

    const summary = wb.getWorksheet('Synthèse') as ExcelJS.Worksheet;
    const summaryText = summary.getSheetValues().flat().map(String).join('\n');
    expect(summaryText).toContain('Siège de Paris — « HQ » (paris-hq)');
    expect(summaryText).toContain('Matrice des flux Hamilton (000_96cfc191cb10ebdb.txt, 2024-03-01)');
    expect(summaryText).toContain('lan → internet');
    expect(summaryText).toContain('2026-01-02 03:04:05 UTC');

    const sheet = wb.getWorksheet('lync') as ExcelJS.Worksheet;
    const header = texts(sheet.getRow(1));
    expect(header).toEqual([...COLUMNS, FINDINGS_COLUMN].map((c) => c.label.fr));
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const n = COLUMNS.length + 1; // + the finding details column
    const last =
      (n > 26 ? String.fromCharCode(64 + Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));
    expect(sheet.autoFilter).toBe(`A1:${last}${sheet.rowCount}`);
    // av-edge-external has 4 lines, federation, ping and trusted site one each.
    expect(sheet.rowCount).toBe(1 + 4 + 3);
    const ranges = [2, 3, 4, 5].map((r) => `${sheet.getRow(r).getCell(8).text}/${sheet.getRow(r).getCell(9).text}`);
    expect(ranges).toEqual(['udp/3478', 'tcp/443', 'tcp/50000-59999', 'udp/50000-59999']);
    expect(sheet.getRow(2).getCell(11).text).toBe('Obligatoire');
    expect(fillOf(sheet.getRow(2).getCell(1))).toBe(`FF${LEVEL_COLOURS.mandatory}`);
    expect(fillOf(sheet.getRow(6).getCell(1))).toBe(`FF${LEVEL_COLOURS.recommended}`);
    expect(sheet.getRow(2).getCell(1).alignment?.wrapText).toBe(true);
    // Empty cells are not written; the row style carries the fill (Excel paints absent cells with it).
    expect(sheet.getRow(2).getCell(12).text).toBe('');
    expect(fillOf(sheet.getRow(2).getCell(12))).toBe(`FF${LEVEL_COLOURS.mandatory}`);
    expect(sheet.getColumn(17).width).toBe(COLUMNS[16]?.width);
    expect(sheet.getRow(2).getCell(COLUMNS.length + 1).text).toContain('any-source');

    const hamilton = wb.getWorksheet('hamilton') as ExcelJS.Worksheet;
    const purposes = hamilton.getColumn(17).values.map(String);
    expect(purposes).toContain('Lecture des agendas des salles <script>alert("x")</script> & réservations');
    expect(fillOf(hamilton.getRow(3).getCell(5))).toBe(`FF${LEVEL_COLOURS.optional}`);

    const found = wb.getWorksheet('Constats') as ExcelJS.Worksheet;
    expect(found.rowCount).toBe(1 + findings.length);
    expect(found.getRow(2).getCell(2).text).toBe('cleartext-flow');
    expect(found.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const legend = (wb.getWorksheet('Légende') as ExcelJS.Worksheet).getSheetValues().flat().map(String);
    expect(legend).toContain('Authentification Windows intégrée');
    expect(legend).toContain('encryption_supported');
  });

  it('speaks English and leaves Findings out when none are given', async () => {
    const wb = await read(await renderXlsx(matrix, { lang: 'en' }));
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'hamilton', 'lync', 'Legend']);
    const header = texts((wb.getWorksheet('hamilton') as ExcelJS.Worksheet).getRow(1));
    expect(header).toEqual(COLUMNS.map((c) => c.label.en));
    expect((wb.getWorksheet('hamilton') as ExcelJS.Worksheet).getRow(2).getCell(11).text).toBe('Mandatory');
  });
});

describe('xlsx print and row layout', () => {
  it('sizes rows to their wrapped text, prints fit to width with the header repeated', async () => {
    const wb = await read(await renderXlsx(matrix, { lang: 'en' }));
    const sheet = wb.getWorksheet('hamilton') as ExcelJS.Worksheet;
    const heights = [2, 3, 4].map((r) => sheet.getRow(r).height ?? 15);
    // Purposes of 40+ characters in a 40-wide column wrap: the row is taller than one line.
    expect(Math.max(...heights)).toBeGreaterThan(15);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(sheet.pageSetup.printTitlesRow).toBe('1:1');
  });
  it('estimates wrapped lines per paragraph', async () => {
    const { wrappedLines } = await import('../../src/render/xlsx/catalog-sheet.js');
    expect(wrappedLines('', 10)).toBe(1);
    expect(wrappedLines('abcdefghij', 10)).toBe(1);
    expect(wrappedLines('abcdefghijk', 10)).toBe(2);
    expect(wrappedLines('a\nb\n\nc', 10)).toBe(4);
  });
});

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/audit/policy-csv.js';
import type { Lang } from '../../src/model/text.js';
import { COLUMNS, linesPerCatalog, matrixLines } from '../../src/render/columns.js';
import { WORDS } from '../../src/render/labels.js';
import { run } from '../cli/run.js';
import { loadExample, repoRoot } from '../support/catalogs.js';

/**
 * Every example site through the real CLI: what each document says about findings and counts is checked against
 * the audit's own JSON report and against what the document itself shows.
 */
const SITES = readdirSync(join(repoRoot, 'examples')).filter((f) => f.endsWith('.yaml'));
const ENV = { FLOWMATRIX_TODAY: '2026-01-15' };
const dir = mkdtempSync(join(tmpdir(), 'flowmatrix-truth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<string> {
  const r = await run(args, ENV);
  expect(r.code, r.err).toBe(0);
  return r.out;
}

interface AuditJson {
  findings: { key: string | null; rule: string; suppressed: unknown }[];
}

/** Active findings per row key, as `flowmatrix audit -f json` reports them. */
async function auditCounts(site: string): Promise<Map<string, number>> {
  const report = JSON.parse(await cli(['audit', `examples/${site}`, '-f', 'json'])) as AuditJson;
  const counts = new Map<string, number>();
  for (const f of report.findings) if (f.key && !f.suppressed) counts.set(f.key, (counts.get(f.key) ?? 0) + 1);
  return counts;
}

/** The document lines of a site, per catalog in document order: each line's row key and catalog. */
function expectedLines(site: string): { catalog: string; key: string }[][] {
  const { matrix } = loadExample(site);
  return [...linesPerCatalog(matrix).entries()].map(([catalog, lines]) =>
    lines.map((l) => ({ catalog, key: l.row.key })),
  );
}

/** The lines of a site in matrix order (CSV and HTML: one table). */
const allLines = (site: string): string[] => matrixLines(loadExample(site).matrix).map((l) => l.row.key);

const flat = <T>(xs: T[][]): T[] => xs.flat();
const distinct = (xs: readonly string[]): number => new Set(xs).size;

const htmlCells = (tr: string): string[] => [...tr.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1] as string);

describe.each(SITES)('%s: the documents tell what the audit found and count what they show', (site) => {
  const path = `examples/${site}`;

  it('CSV: every line states its row’s active findings, as the audit reports them', async () => {
    const counts = await auditCounts(site);
    expect(counts.size).toBeGreaterThan(0);
    const records = parseCsv(await cli(['matrix', path, '-f', 'csv']));
    const header = records[0] as string[];
    const lines = records.slice(1);
    const key = header.indexOf('key');
    const count = header.indexOf('finding_count');
    expect(lines.map((r) => r[key])).toEqual(allLines(site));
    for (const r of lines) expect(Number(r[count]), `row ${r[key]}`).toBe(counts.get(r[key] as string) ?? 0);
    // The same through the French Excel flavour.
    const fr = parseCsv(await cli(['matrix', path, '-f', 'csv', '--excel-fr', '--lang', 'fr']));
    expect(fr.slice(1).map((r) => Number(r[count]))).toEqual(lines.map((r) => Number(r[count])));
  });

  it('JSON: carries exactly the audit’s active findings', async () => {
    const counts = await auditCounts(site);
    const doc = JSON.parse(await cli(['matrix', path, '-f', 'json'])) as { findings?: { key?: string }[] };
    const mine = new Map<string, number>();
    for (const f of doc.findings ?? []) if (f.key) mine.set(f.key, (mine.get(f.key) ?? 0) + 1);
    expect(mine).toEqual(counts);
  });

  it.each(['en', 'fr'] as Lang[])('Markdown (%s): counts per line and stated totals equal the tables', async (lang) => {
    const counts = await auditCounts(site);
    const text = await cli(['matrix', path, '-f', 'md', '--lang', lang]);
    const expected = expectedLines(site);
    const rowsStated = text.match(new RegExp(`^- ${WORDS.rows[lang]} \\(.*\\)\u00a0?: (\\d+)$`, 'm'))?.[1];
    const linesStated = text.match(new RegExp(`^- ${WORDS.lines[lang]} \\(.*\\)\u00a0?: (\\d+)$`, 'm'))?.[1];
    // The catalog tables: every `| … |` line after a `## Catalog` heading, header and rule left out.
    const sections = text.split(/^## /m).filter((s) => s.startsWith(`${WORDS.catalog[lang]} `));
    expect(sections).toHaveLength(expected.length);
    const tables = sections.map((s) =>
      s
        .split('\n')
        .filter((l) => l.startsWith('| '))
        .slice(2),
    );
    const shown = tables.reduce((n, t) => n + t.length, 0);
    expect(Number(linesStated)).toBe(shown);
    expect(Number(rowsStated)).toBe(distinct(flat(expected).map((l) => l.key)));
    // Findings column: the second to last (the last is the details).
    tables.forEach((table, c) => {
      const perLine = table.map((l) => {
        const cells = l.replace(/\\\|/g, '').split('|');
        return Number(cells[cells.length - 3]?.trim());
      });
      expect(perLine).toEqual((expected[c] ?? []).map((l) => counts.get(l.key) ?? 0));
    });
    // Per catalog: stated rows and lines equal the table under the catalog's heading.
    const summaryTable = text.split(`### ${WORDS.catalogs[lang]}`)[1]?.split('###')[0] ?? '';
    const catalogRows = summaryTable
      .split('\n')
      .filter((l) => l.startsWith('| '))
      .slice(2);
    catalogRows.forEach((l, c) => {
      const cells = l.split('|').map((x) => x.trim());
      expect(Number(cells[cells.length - 3])).toBe(distinct((expected[c] ?? []).map((x) => x.key)));
      expect(Number(cells[cells.length - 2])).toBe(tables[c]?.length);
    });
  });

  it.each(['en', 'fr'] as Lang[])('HTML (%s): counts per line and the stated totals equal the table', async (lang) => {
    const counts = await auditCounts(site);
    const text = await cli(['matrix', path, '-f', 'html', '--lang', lang]);
    const expected = allLines(site);
    const body = text.split('<table class="matrix"')[1]?.split('</table>')[0] ?? '';
    const heads = [...body.matchAll(/<th data-id="([^"]+)"/g)].map((m) => m[1]);
    const trs = [...body.matchAll(/<tr class="lvl-[^"]+">([\s\S]*?)<\/tr>/g)].map((m) => htmlCells(m[1] as string));
    const shown = text.match(/<span id="shown">(\d+)<\/span> \/ (\d+) ([^<]+)<\/span>/);
    expect(shown?.[3]).toBe(WORDS.shown[lang]);
    expect([Number(shown?.[1]), Number(shown?.[2])]).toEqual([trs.length, trs.length]);
    expect(trs.map((r) => r[heads.indexOf('key')])).toEqual(expected);
    for (const r of trs)
      expect(Number(r[heads.indexOf('finding_count')])).toBe(counts.get(r[heads.indexOf('key')] as string) ?? 0);
    // The catalogs summary: matrix rows and table lines of each catalog, as the table shows them.
    const summary = text.split('<section class="summary">')[1]?.split('</table>')[0] ?? '';
    expect(summary).toContain(`<th>${WORDS.rows[lang]}</th><th>${WORDS.lines[lang]}</th>`);
    const catalogs = [...summary.matchAll(/<tr><td>(.*?)<\/tr>/g)].map((m) => htmlCells(`<td>${m[1]}`));
    expect(catalogs).toHaveLength(expectedLines(site).length);
    for (const tr of catalogs) {
      const mine = trs.filter((r) => r[heads.indexOf('catalog')] === tr[0]);
      expect([Number(tr[3]), Number(tr[4])]).toEqual([
        distinct(mine.map((r) => r[heads.indexOf('key')] as string)),
        mine.length,
      ]);
    }
  });

  it('XLSX: counts per line, the stated totals and per-catalog counts equal the sheets', async () => {
    const counts = await auditCounts(site);
    const file = join(dir, `${site}.xlsx`);
    await cli(['matrix', path, '-f', 'xlsx', '-o', file]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const expected = expectedLines(site);
    const summary = wb.getWorksheet(WORDS.summary.en) as ExcelJS.Worksheet;
    const stated = new Map<string, ExcelJS.CellValue[]>();
    summary.eachRow((row) => {
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      stated.set(String(values[0]), values.slice(1));
    });
    const statedRows = [...stated].find(([k]) => k.startsWith(`${WORDS.rows.en} (`))?.[1][0];
    const statedLines = [...stated].find(([k]) => k.startsWith(`${WORDS.lines.en} (`))?.[1][0];
    let sheetLines = 0;
    const keys: string[] = [];
    expected.forEach((lines) => {
      const catalog = lines[0]?.catalog ?? '';
      const sheet = wb.getWorksheet(catalog);
      if (lines.length === 0) return;
      if (!sheet) throw new Error(`no sheet ${catalog}`);
      const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).map(String);
      const keyCol = header.indexOf(label('key'));
      const countCol = header.indexOf(label('finding_count'));
      const mine: string[] = [];
      for (let r = 2; r <= sheet.rowCount; r++) {
        const row = sheet.getRow(r);
        const key = String(row.getCell(keyCol).value);
        mine.push(key);
        expect(Number(row.getCell(countCol).value), `${catalog} line ${r}`).toBe(counts.get(key) ?? 0);
      }
      expect(mine).toEqual(lines.map((l) => l.key));
      // The Summary's catalogs table: matrix rows, then table lines.
      const [, , , rows, shown] = stated.get(catalog) ?? [];
      expect([rows, shown], catalog).toEqual([distinct(mine), mine.length]);
      sheetLines += mine.length;
      keys.push(...mine);
    });
    expect(statedLines).toBe(sheetLines);
    expect(statedRows).toBe(distinct(keys));
  });
});

/** The English label of a column (the XLSX header). */
const label = (id: string): string => COLUMNS.find((c) => c.id === id)?.label.en ?? id;

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { frenchSpaces, pick } from '../../src/model/text.js';
import { renderCatalogDoc } from '../../src/render/catalog-doc.js';
import { renderCsv } from '../../src/render/csv.js';
import { renderHtml } from '../../src/render/html/index.js';
import { renderJson } from '../../src/render/json.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderXlsx } from '../../src/render/xlsx/index.js';
import { loadExample, readCatalog } from '../support/catalogs.js';

/**
 * Issue 9: the origin of every fact not in the source document is shown in every document format, in the
 * language of the document. The example site's rows carry origins from the catalog; each format must show the
 * row's origin under its own column, in French and in English, and never the other language's text.
 */
const { matrix } = loadExample('exchange-hybrid-web-mfa-site');
const row = matrix.rows.find((r) => r.flow === 'adfs-to-entra-mfa');
const origin = row?.origin?.services;

describe('origin column in the matrix documents', () => {
  it('the example row carries an origin in both languages', () => {
    expect(origin?.fr).toMatch(/pas dans l'article/);
    expect(origin?.en).toMatch(/not in the article/);
  });

  for (const lang of ['fr', 'en'] as const) {
    const other = lang === 'fr' ? 'en' : 'fr';
    const label = lang === 'fr' ? 'Ports\u00a0: ' : 'Ports: ';
    // French documents carry the text with its no-break spaces (`frenchSpaces`).
    const expected = `${label}${lang === 'fr' ? frenchSpaces(origin?.fr ?? '') : origin?.en}`;

    it(`CSV (${lang}): an origin column holding the fact and where it comes from`, () => {
      const text = renderCsv(matrix, { lang });
      const header = text.split('\r\n')[0]?.split(',') ?? [];
      expect(header).toContain('origin');
      expect(text).toContain(expected.replaceAll('"', '""'));
      expect(text).not.toContain(origin?.[other] as string);
    });

    it(`Markdown (${lang})`, () => {
      const text = renderMarkdown(matrix, { lang });
      expect(text).toMatch(lang === 'fr' ? /\| Origine \|/ : /\| Origin \|/);
      expect(text).toContain(expected);
      expect(text).not.toContain(origin?.[other] as string);
    });

    it(`HTML (${lang})`, () => {
      const text = renderHtml(matrix, { lang });
      expect(text).toContain('<th data-id="origin"');
      const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
      expect(text.includes(expected) || text.includes(esc(expected))).toBe(true);
    });

    it(`XLSX (${lang})`, async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await renderXlsx(matrix, { lang })) as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('exchange-hybrid-web-mfa') as ExcelJS.Worksheet;
      const header = (sheet.getRow(1).values as unknown[]).map(String);
      const col = header.indexOf(lang === 'fr' ? 'Origine' : 'Origin');
      expect(col).toBeGreaterThan(0);
      const values: string[] = [];
      sheet.eachRow((r) => {
        values.push(r.getCell(col).text);
      });
      expect(values.some((v) => v.includes(expected))).toBe(true);
      expect(values.some((v) => v.includes(origin?.[other] as string))).toBe(false);
    });
  }

  it('JSON carries the raw origin object of the row', () => {
    const json = JSON.parse(renderJson(matrix, { lang: 'fr' })) as {
      matrix: { rows: { flow: string; origin?: unknown }[] };
    };
    expect(json.matrix.rows.find((r) => r.flow === 'adfs-to-entra-mfa')?.origin).toEqual(row?.origin);
  });
});

describe('origin on the catalog pages', () => {
  const catalog = readCatalog('exchange-hybrid-web-mfa');
  const page = renderCatalogDoc(catalog);
  const [en, fr] = page.split('## Français');

  it('has an origin column in the flow table, in the language of each half', () => {
    expect(en).toMatch(/\| Origin \|/);
    expect(fr).toMatch(/\| Origine \|/);
    expect(en).toContain(`Ports: ${origin?.en}`);
    expect(fr).toContain(`Ports\u00a0: ${frenchSpaces(origin?.fr ?? '')}`);
  });

  it('shows the origin of roles, services, parameters, features and checks', () => {
    const samples = [
      catalog.roles['entra-mfa']?.origin,
      catalog.services['ad-sync']?.origin,
      catalog.parameters.rpc_dynamic_low?.origin,
      catalog.features['hybrid-modern-auth']?.origin,
      catalog.checks.find((c) => c.id === 'owa-published')?.origin,
    ];
    for (const o of samples) {
      expect(o).toBeDefined();
      expect(en).toContain(pick(o, 'en').replaceAll('|', '\\|'));
      expect(fr).toContain(pick(o, 'fr').replaceAll('|', '\\|'));
    }
  });
});

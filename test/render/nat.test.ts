import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/render/csv.js';
import { renderHtml } from '../../src/render/html/index.js';
import { renderJson } from '../../src/render/json.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderXlsx } from '../../src/render/xlsx/index.js';
import { loadExample } from '../support/catalogs.js';

/**
 * Addresses before and after translation in every document, French and English, for a site with NAT
 * (examples/nat). Sites without NAT keep their documents byte for byte: the golden documents of the other examples
 * (test/render) say so.
 */
const { matrix } = loadExample('nat/exchange-hybrid-nat-site');
const IDS = ['nat', 'source_before_nat', 'source_after_nat', 'destination_before_nat', 'destination_after_nat'];
const LABELS = {
  fr: ['NAT', 'Source avant NAT', 'Source après NAT', 'Destination avant NAT', 'Destination après NAT'],
  en: ['NAT', 'Source before NAT', 'Source after NAT', 'Destination before NAT', 'Destination after NAT'],
};

describe('NAT in the matrix documents', () => {
  for (const lang of ['fr', 'en'] as const) {
    it(`CSV, Markdown, HTML and XLSX (${lang}) show the public address and the real one`, async () => {
      const csv = renderCsv(matrix, { lang });
      expect(csv.split('\r\n')[0]).toContain(IDS.join(','));
      const wap = csv.split('\r\n').find((l) => l.includes('external-user-to-wap'));
      expect(wap).toContain(',fw-edge: destination,,,203.0.113.10 tcp/443,172.16.10.20 tcp/443');
      const outbound = csv.split('\r\n').find((l) => l.includes('entra-connect-to-entra-id'));
      expect(outbound).toContain(`,fw-edge: ${lang === 'fr' ? 'statique' : 'static'},172.16.10.30,203.0.113.30,,`);
      const md = renderMarkdown(matrix, { lang });
      expect(md).toContain(`| ${LABELS[lang].join(' | ')} |`);
      expect(md).toContain('| 203.0.113.10 tcp/443 | 172.16.10.20 tcp/443 |');
      const html = renderHtml(matrix, { lang });
      for (const id of IDS) expect(html).toContain(`<th data-id="${id}"`);
      expect(html).toContain('203.0.113.10 tcp/443');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await renderXlsx(matrix, { lang })) as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('exchange-hybrid-web-mfa') as ExcelJS.Worksheet;
      const header = (sheet.getRow(1).values as unknown[]).map(String);
      for (const label of LABELS[lang]) expect(header).toContain(label);
      const before = header.indexOf(LABELS[lang][3] as string);
      const values: string[] = [];
      sheet.eachRow((r) => {
        values.push(r.getCell(before).text);
      });
      expect(values).toContain('203.0.113.10 tcp/443');
    });
  }

  it('JSON carries the translations of each leg and of each firewall', () => {
    const json = JSON.parse(renderJson(matrix, { lang: 'en' })) as {
      matrix: { rows: { flow: string; legs: { nat?: unknown }[] }[]; firewalls: { name: string; nat?: unknown[] }[] };
    };
    const wap = json.matrix.rows.find((r) => r.flow === 'external-user-to-wap');
    expect(wap?.legs[0]?.nat).toEqual([
      {
        destination: {
          after: '172.16.10.20',
          before: '203.0.113.10',
          portAfter: 443,
          portBefore: 443,
          protocol: 'tcp',
        },
        firewall: 'fw-edge',
        hop: 0,
        rule: 0,
        type: 'destination',
      },
    ]);
    expect(json.matrix.firewalls.find((f) => f.name === 'fw-edge')?.nat).toHaveLength(3);
  });

  it('a site without NAT has no NAT column', () => {
    const plain = loadExample('hamilton-site').matrix;
    const header = renderCsv(plain, { lang: 'en' }).split('\r\n')[0]?.split(',');
    for (const id of IDS) expect(header).not.toContain(id);
  });
});

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { loadSiteFile } from '../../src/catalog/fs.js';
import { resolveSite } from '../../src/matrix/index.js';
import type { Matrix } from '../../src/model/matrix.js';
import { renderCsv } from '../../src/render/csv.js';
import { renderHtml } from '../../src/render/html/index.js';
import { renderJson } from '../../src/render/json.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderXlsx } from '../../src/render/xlsx/index.js';
import { generate } from '../../src/targets/index.js';
import { loadExample, repoRoot } from '../support/catalogs.js';

/**
 * Per-row metadata (site `metadata:`): in every document in both languages, in rule comments, and in the audit
 * (expiry and review dates against an injected day). The example organisation's production site gives it.
 */
function matrixOf(path: string): Matrix {
  const loaded = loadSiteFile(`${repoRoot}${path}`);
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  const m = resolveSite({ site: loaded.value.site, catalogs: loaded.value.catalogs });
  if (!m.ok) throw new Error(m.issues.map((i) => i.message).join('\n'));
  return m.value;
}

const matrix = matrixOf('examples/organisation/production-site.yaml');
const sms = matrix.rows.find((r) => r.flow === 'sms');
const LABELS = {
  fr: ['Responsable', 'Ticket', 'Justification', 'Revue prévue', 'Expiration'],
  en: ['Owner', 'Ticket', 'Justification', 'Review date', 'Expiry date'],
};

describe('metadata in the matrix documents', () => {
  it('the rows carry the facts of the entries that select them', () => {
    expect(sms?.meta).toEqual({
      owner: 'workplace-team',
      ticket: 'CHG-2077',
      justification: 'SMS access codes for visitors, contract with the SMS provider until mid-2027',
      expires: '2027-06-30',
    });
    // The metadata justification is the row's justification (the optional-row audit reads it).
    expect(sms?.justification).toBe(sms?.meta?.justification);
    const sql = matrix.rows.find((r) => r.flow === 'web-sql');
    expect(sql?.meta).toEqual({ owner: 'dba-team', ticket: 'CHG-2041', review: '2027-03-31' });
    expect(matrix.rows.filter((r) => r.catalog === 'hamilton').every((r) => r.meta?.owner)).toBe(true);
  });

  for (const lang of ['fr', 'en'] as const) {
    it(`CSV, Markdown, HTML and XLSX (${lang}) show the five columns and the values`, async () => {
      const csv = renderCsv(matrix, { lang });
      expect(csv.split('\r\n')[0]).toContain('owner,ticket,justification,review,expires');
      expect(csv).toContain(
        'workplace-team,CHG-2077,"SMS access codes for visitors, contract with the SMS provider until mid-2027",,2027-06-30',
      );
      const md = renderMarkdown(matrix, { lang });
      expect(md).toContain(`| ${LABELS[lang].join(' | ')} |`);
      expect(md).toContain('| dba-team | CHG-2041 |  | 2027-03-31 |  |');
      const html = renderHtml(matrix, { lang });
      for (const id of ['owner', 'ticket', 'justification', 'review', 'expires'])
        expect(html).toContain(`<th data-id="${id}"`);
      expect(html).toContain('CHG-2077');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await renderXlsx(matrix, { lang })) as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('hamilton') as ExcelJS.Worksheet;
      const header = (sheet.getRow(1).values as unknown[]).map(String);
      for (const label of LABELS[lang]) expect(header).toContain(label);
      const expires = header.indexOf(LABELS[lang][4] as string);
      const values: string[] = [];
      sheet.eachRow((r) => {
        values.push(r.getCell(expires).text);
      });
      expect(values).toContain('2027-06-30');
    });
  }

  it('JSON carries the meta object of each row', () => {
    const json = JSON.parse(renderJson(matrix, { lang: 'en' })) as {
      matrix: { rows: { flow: string; meta?: unknown }[] };
    };
    expect(json.matrix.rows.find((r) => r.flow === 'sms')?.meta).toEqual(sms?.meta);
  });

  it('a site without metadata gives the same columns as before', () => {
    const { matrix: plain } = loadExample('hamilton-site');
    expect(plain.rows.some((r) => r.meta !== undefined)).toBe(false);
    expect(renderCsv(plain, { lang: 'en' }).split('\r\n')[0]).not.toContain('owner');
  });
});

describe('metadata in rule comments', () => {
  it('the comment cites ticket, owner and expiry, made safe for the config', () => {
    const r = generate(matrix, { firewall: 'fw-internal', target: 'iptables' });
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const rules = r.value.artifacts.map((a) => a.content).join('\n');
    expect(rules).toContain(
      '--comment "hamilton/web-sql ref Hamilton public flow matrix WEB SQL 1433 ticket CHG-2041 owner dba-team" -j ACCEPT',
    );
  });

  it('a hostile owner or ticket cannot end the comment', () => {
    const hostile = {
      ...matrix,
      rows: matrix.rows.map((row) =>
        row.flow === 'web-sql'
          ? { ...row, meta: { owner: 'x" ; drop', ticket: '$(rm -rf /)', expires: '2027-01-31' } }
          : row,
      ),
    };
    const r = generate(hostile, { firewall: 'fw-internal', target: 'nftables' });
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const text = r.value.artifacts.map((a) => a.content).join('\n');
    const line = text.split('\n').find((l) => l.includes('hamilton/web-sql'));
    expect(line).toMatch(/comment "hamilton\/web-sql [^"]* ticket \(rm -rf \/\) owner x drop expires 2027-01-31"$/);
  });
});

describe('audit: flow-expired and flow-review-due against the day given', () => {
  const audit = (today: string) =>
    runAudit({
      matrix,
      catalogs: [],
      policy: [],
      suppressions: [],
      today,
      rules: ['flow-expired', 'flow-review-due'],
    }).findings.map((f) => `${f.severity} ${f.rule} ${f.flow}`);

  it('nothing before the dates, a low finding after the review, a medium one after the expiry', () => {
    expect(audit('2027-03-31')).toEqual([]); // the review day itself is not late
    expect(audit('2027-04-01')).toEqual(['low flow-review-due web-sql']);
    expect(audit('2027-07-01')).toEqual(['medium flow-expired sms', 'low flow-review-due web-sql']);
  });
});

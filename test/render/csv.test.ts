import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COLUMNS } from '../../src/render/columns.js';
import { CSV_PRESETS, csvField, renderCsv } from '../../src/render/csv.js';
import { findings, matrix } from './fixtures/matrix.js';
import { expectGolden } from './golden.js';

/** A small RFC 4180 reader, enough to read our output back (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

const CORE = [
  'catalog',
  'flow',
  'ref',
  'source',
  'destination',
  'zone_from',
  'zone_to',
  'protocol',
  'ports',
  'app_protocol',
  'requirement',
  'when',
  'auth_default',
  'auth_supported',
  'encryption_supported',
  'encrypted_by_default',
  'purpose',
];

describe('csv', () => {
  it('matches the golden files (English standard, French Excel)', () => {
    expectGolden('matrix.en.csv', renderCsv(matrix, { lang: 'en', findings, ...CSV_PRESETS.standard }));
    expectGolden('matrix.fr-excel.csv', renderCsv(matrix, { lang: 'fr', findings, ...CSV_PRESETS['excel-fr'] }));
  });

  it('starts with the core columns in order, headers untranslated', () => {
    for (const lang of ['fr', 'en'] as const) {
      const header = renderCsv(matrix, { lang }).split('\r\n')[0]?.split(',');
      expect(header?.slice(0, CORE.length)).toEqual(CORE);
      expect(header).toEqual(COLUMNS.map((c) => c.id));
    }
  });

  it('gives one line per row × service × port range, and one line for a row without services', () => {
    const rows = parseCsv(renderCsv(matrix, { lang: 'en' }), ',');
    const header = rows[0] as string[];
    const at = (name: string) => header.indexOf(name);
    const data = rows.slice(1);
    const expected = matrix.rows.reduce(
      (n, r) =>
        n +
        Math.max(
          1,
          r.services.reduce((m, s) => m + Math.max(1, s.protocol.startsWith('icmp') ? 1 : s.ports.length), 0),
        ),
      0,
    );
    expect(data).toHaveLength(expected);
    const av = data
      .filter((r) => r[at('flow')] === 'av-edge-external')
      .map((r) => `${r[at('protocol')]}/${r[at('ports')]}`);
    expect(av).toEqual(['udp/3478', 'tcp/443', 'tcp/50000-59999', 'udp/50000-59999']);
    const ref = data.filter((r) => r[at('flow')] === 'webhooks-reference');
    expect(ref).toHaveLength(1);
    expect(ref[0]?.[at('ports')]).toBe('');
    expect(ref[0]?.[at('kind')]).toBe('Reference');
    const ping = data.find((r) => r[at('flow')] === 'admin-ping');
    expect([ping?.[at('protocol')], ping?.[at('ports')]]).toEqual(['icmp', '8']);
    const graph = data.find((r) => r[at('flow')] === 'graph-calendar');
    expect(graph?.[at('via_proxy')]).toBe('px1 (proxy.lan.example:8080)');
    expect(graph?.[at('source')]).toBe('WEB server (192.0.2.10)');
    const fed = data.find((r) => r[at('flow')] === 'federation');
    expect(fed?.[at('destination')]).toBe('Federated partner');
  });

  it('reads back every hostile text exactly (quotes, separators, newlines, accents)', () => {
    for (const sep of [',', ';'] as const) {
      const rows = parseCsv(renderCsv(matrix, { lang: 'fr', separator: sep, findings }), sep);
      const header = rows[0] as string[];
      expect(new Set(rows.map((r) => r.length))).toEqual(new Set([header.length]));
      const purposes = rows.slice(1).map((r) => r[header.indexOf('purpose')]);
      expect(purposes).toContain('Base de données "Hamilton"; accès SQL, lecture/écriture');
      const notes = rows.slice(1).map((r) => r[header.indexOf('notes')]);
      expect(notes).toContain('Domaines du fournisseur :\nligne 2 ; « guillemets »');
    }
  });

  it('localises values: requirement and auth labels follow the language', () => {
    const fr = parseCsv(renderCsv(matrix, { lang: 'fr' }), ',')[1] as string[];
    const en = parseCsv(renderCsv(matrix, { lang: 'en' }), ',')[1] as string[];
    expect([fr[10], fr[12]]).toEqual(['Obligatoire', 'Compte SQL']);
    expect([en[10], en[12]]).toEqual(['Mandatory', 'SQL login']);
  });

  it('writes the BOM and `;` for French Excel, plain digits in ports', () => {
    const text = renderCsv(matrix, { lang: 'fr', ...CSV_PRESETS['excel-fr'] });
    expect(text.startsWith('\uFEFFcatalog;flow;')).toBe(true);
    expect(text).not.toContain('\u202F');
    expect(text).toContain(';50000-59999;');
    expect(renderCsv(matrix, { lang: 'fr' }).charCodeAt(0)).not.toBe(0xfeff);
  });

  it('neutralises formulas only when asked', () => {
    expect(csvField('=HYPERLINK("x")', true)).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('=1+1', false)).toBe('=1+1');
    expect(csvField('50000-59999', true)).toBe('50000-59999');
  });

  it('quotes a field exactly as csv-stringify would read back', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'é', ',', ';', '"', '\n', '\r', ' ', '|', '<') }), (s) => {
        const ours = parseCsv(`${csvField(s, false)},x\r\n`, ',')[0];
        const theirs = parseCsv(stringify([[s, 'x']], { record_delimiter: '\r\n' }), ',')[0];
        expect(ours).toEqual(theirs);
        expect(ours?.[0]).toBe(s);
      }),
    );
  });
});

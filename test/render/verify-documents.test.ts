import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Matrix, MatrixRow } from '../../src/model/matrix.js';
import { generate, isTargetId, targets } from '../../src/targets/index.js';
import { run } from '../cli/run.js';
import { EXAMPLES, exampleMatrix } from '../targets/support/examples.js';

/**
 * `flowmatrix matrix SITE --verify FW=CONFIG…`: the documents carry each row's verdict per firewall and every verify
 * item. The configurations are what `generate` writes for each firewall (all permitted), then one with a rule taken
 * out (its row denied). Expectations come from the matrix itself (which firewalls a row crosses, whether its
 * addresses are literal), never from the verifier's output.
 */
const dir = mkdtempSync(join(tmpdir(), 'fm-verify-docs-'));

/** Each firewall's generated configuration files (rules only: no PAC file, no findings). */
function configsOf(site: string, matrix: Matrix): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const fw of matrix.firewalls) {
    const g = generate(matrix, { firewall: fw.name });
    if (!g.ok) throw new Error(g.issues.map((i) => i.message).join('\n'));
    const folder = join(dir, site);
    mkdirSync(folder, { recursive: true });
    const paths = g.value.artifacts
      .filter((a) => !a.path.endsWith('.pac'))
      .map((a) => {
        const path = join(folder, a.path);
        writeFileSync(path, a.content);
        return path;
      });
    out.set(fw.name, paths);
  }
  return out;
}

const verifyArgs = (configs: ReadonlyMap<string, readonly string[]>): string[] =>
  [...configs].flatMap(([fw, paths]) => ['--verify', `${fw}=${paths.join(',')}`]);

async function workbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** A table sheet as records under its header row. */
function records(sheet: ExcelJS.Worksheet): Record<string, string>[] {
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (c, i) => {
    header[i] = c.text;
  });
  const out: Record<string, string>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const rec: Record<string, string> = {};
    header.forEach((h, i) => {
      rec[h] = row.getCell(i).text;
    });
    out.push(rec);
  }
  return out;
}

const crosses = (row: MatrixRow, fw: string) => row.legs.some((l) => l.hops.some((h) => h.firewall === fw));
/** Whether every address of the legs through `fw` is a CIDR or `any` (a name is the firewall's to resolve). */
const literal = (row: MatrixRow, fw: string) =>
  row.legs
    .filter((l) => l.hops.some((h) => h.firewall === fw))
    .every((l) =>
      [...l.source.addresses, ...l.destination.addresses].every((a) => a.kind === 'cidr' || a.kind === 'any'),
    );

/** Whether the platform of `fw` writes rules by name (else generate withholds a named row, with a finding). */
const writesNames = (matrix: Matrix, fw: string): boolean => {
  const platform = matrix.firewalls.find((f) => f.name === fw)?.platform;
  return platform !== undefined && isTargetId(platform) && targets[platform].capabilities.fqdn;
};

/** The verdict column's cell for `fw`, split out of `fw-a: permitted; fw-b: denied`. */
const verdictFor = (cell: string, fw: string): string | undefined =>
  cell
    .split('; ')
    .find((p) => p.startsWith(`${fw}: `))
    ?.slice(fw.length + 2);

describe('matrix --verify: generated configurations show every row permitted', () => {
  for (const site of EXAMPLES) {
    it(`${site}: Verification column and Verify sheet in the XLSX`, async () => {
      const matrix = exampleMatrix(site);
      const configs = configsOf(site, matrix);
      const out = join(dir, `${site}.xlsx`);
      const r = await run(['matrix', `examples/${site}.yaml`, '-f', 'xlsx', '-o', out, ...verifyArgs(configs)]);
      expect(r.code, r.err).toBe(0);
      // Denied: only rows through names a platform cannot write (generate withheld them, with a finding).
      for (const fw of configs.keys())
        expect(r.err).toMatch(new RegExp(`${fw}: \\d+ permitted, 0 partly permitted, \\d+ denied`));
      const wb = await workbook(out);
      const byKey = new Map(matrix.rows.map((row) => [row.key, row]));
      let literalChecked = 0;
      for (const c of matrix.catalogs) {
        const lines = records(wb.getWorksheet(c.id) as ExcelJS.Worksheet);
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) {
          const row = byKey.get(line.Key ?? '') as MatrixRow;
          const cell = line.Verification ?? '';
          const through = [...configs.keys()].filter((fw) => crosses(row, fw));
          if (through.length === 0) expect(cell, row.key).toBe('not crossing a verified firewall');
          for (const fw of configs.keys()) {
            const v = verdictFor(cell, fw);
            if (!through.includes(fw)) expect(v, `${row.key} ${fw}`).toBeUndefined();
            else if (row.kind !== 'network') expect(v).toBe('not checked (not a network flow)');
            else if (literal(row, fw)) {
              expect(v, `${row.key} ${fw}`).toBe('permitted');
              literalChecked++;
            } else if (writesNames(matrix, fw))
              expect(['permitted', 'indeterminate'], `${row.key} ${fw}: ${v}`).toContain(v);
            // Not written: dropped by the policy whatever the name resolves to.
            else expect(v, `${row.key} ${fw}`).toBe('denied');
          }
        }
      }
      expect(literalChecked).toBeGreaterThan(0);

      const items = records(wb.getWorksheet('Verify') as ExcelJS.Worksheet);
      const rowItems = items.filter((i) => i.Kind === 'Matrix row');
      for (const fw of configs.keys()) {
        // One row item per matrix rule through the firewall: each network row, leg and hop.
        const rules = matrix.rows
          .filter((row) => row.kind === 'network')
          .flatMap((row) => row.legs.flatMap((l) => l.hops.filter((h) => h.firewall === fw)));
        expect(rowItems.filter((i) => i.Firewall === fw)).toHaveLength(rules.length);
      }
      for (const item of rowItems) {
        const withheld = !writesNames(matrix, item.Firewall ?? '');
        expect(withheld ? ['permitted', 'indeterminate', 'denied'] : ['permitted', 'indeterminate']).toContain(
          item.Verdict,
        );
        // A permitted row names its deciding rules as file:line of the configuration given for its firewall.
        if (item.Verdict !== 'permitted') continue;
        const at = (item['Rules (file:line)'] ?? '').split('\n').filter(Boolean);
        expect(at.length, item.Message).toBeGreaterThan(0);
        for (const ref of at) {
          const [, file, n] = /^(.*):(\d+)$/.exec(ref) ?? [];
          expect(configs.get(item.Firewall ?? '')).toContain(file);
          expect(Number(n)).toBeLessThanOrEqual(readFileSync(file as string, 'utf8').split('\n').length);
        }
      }
    });
  }
});

describe('matrix --verify: a rule taken out of the configuration', () => {
  const site = 'lync-2013-edge-site';
  const matrix = exampleMatrix(site);
  const configs = configsOf(site, matrix);
  const nft = configs.get('fw-internal')?.[0] as string;
  const lines = readFileSync(nft, 'utf8').split('\n');
  const catalog = 'lync-2013-edge';
  // The first accept rule written for a matrix row whose port no other rule opens: without it, its row is denied.
  const dport = (l: string) => / dport (\S+)/.exec(l)?.[1];
  const victim = lines.findIndex(
    (l) =>
      l.includes(` accept comment "${catalog}/`) &&
      dport(l) !== undefined &&
      lines.filter((o) => dport(o) === dport(l)).length === 1,
  );
  const flow = new RegExp(`comment "${catalog}/([^ ]+)`).exec(lines[victim] ?? '')?.[1] as string;
  const mutated = join(dir, 'fw-internal.mutated.nft');
  writeFileSync(mutated, [...lines.slice(0, victim), ...lines.slice(victim + 1)].join('\n'));
  const mutatedConfigs = new Map(configs).set('fw-internal', [mutated]);
  const rowsOfFlow = matrix.rows.filter((r) => r.flow === flow && crosses(r, 'fw-internal'));

  it('shows the row denied in the column and the sheet (English)', async () => {
    expect(rowsOfFlow.length).toBeGreaterThan(0);
    const out = join(dir, 'mutated.xlsx');
    const r = await run(['matrix', `examples/${site}.yaml`, '-f', 'xlsx', '-o', out, ...verifyArgs(mutatedConfigs)]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/fw-internal: \d+ permitted, \d+ partly permitted, [1-9]\d* denied/);
    const wb = await workbook(out);
    const lines = records(wb.getWorksheet(catalog) as ExcelJS.Worksheet);
    const keys = new Set(rowsOfFlow.map((row) => row.key));
    const shown = lines.filter((l) => keys.has(l.Key ?? ''));
    expect(shown.length).toBeGreaterThan(0);
    for (const l of shown)
      expect(['denied', 'partly permitted']).toContain(verdictFor(l.Verification ?? '', 'fw-internal'));
    // The other rows through fw-internal are still permitted.
    const others = lines.filter((l) => !keys.has(l.Key ?? '') && verdictFor(l.Verification ?? '', 'fw-internal'));
    expect(others.length).toBeGreaterThan(0);
    for (const l of others) expect(verdictFor(l.Verification ?? '', 'fw-internal')).toBe('permitted');

    // The Summary sheet counts each firewall's verdicts: permitted, partial, denied, indeterminate.
    const summary = wb.getWorksheet('Summary') as ExcelJS.Worksheet;
    const counts: string[][] = [];
    summary.eachRow((row) => {
      const cells = (row.values as unknown[]).slice(1).map(String);
      if (cells[0] === 'fw-internal' && cells.length === 5) counts.push(cells);
    });
    expect(counts).toHaveLength(1);
    expect(Number(counts[0]?.[2]) + Number(counts[0]?.[3])).toBeGreaterThan(0);

    const items = records(wb.getWorksheet('Verify') as ExcelJS.Worksheet);
    const denied = items.filter((i) => i.Firewall === 'fw-internal' && i.Flow === flow);
    expect(denied.length).toBeGreaterThan(0);
    for (const i of denied) {
      expect(['denied', 'partly permitted']).toContain(i.Verdict);
      expect(['High', 'Medium']).toContain(i.Severity);
      expect(i.Details).toMatch(/not let through: .* — policy of /);
    }
  });

  it('in French, in the HTML column and section, and the CSV column', async () => {
    const html = await run([
      'matrix',
      `examples/${site}.yaml`,
      '-f',
      'html',
      '--lang',
      'fr',
      ...verifyArgs(mutatedConfigs),
    ]);
    expect(html.code, html.err).toBe(0);
    expect(html.out).toContain('<th data-id="verification" title="verification">Vérification</th>');
    const section = html.out.slice(html.out.indexOf('<section id="verify">'));
    expect(section).toMatch(/<h2>Vérification<\/h2>/);
    expect(section).toMatch(
      new RegExp(
        `<td>fw-internal</td><td>(Élevée|Moyenne)</td><td>Ligne de matrice</td><td>(refusé|autorisé en partie)</td><td>${catalog}</td><td>${flow}</td>`,
      ),
    );
    expect(html.out).toMatch(/<td>fw-internal: (refusé|autorisé en partie)<\/td>/);

    const csv = await run(['matrix', `examples/${site}.yaml`, '-f', 'csv', ...verifyArgs(mutatedConfigs)]);
    const [head, ...rows] = csv.out.trim().split('\r\n');
    const columns = (head ?? '').split(',');
    const at = columns.indexOf('verification');
    expect(at).toBe(columns.length - 1);
    expect(rows.some((l) => /fw-internal: (denied|partly permitted)$/.test(l))).toBe(true);
  });

  it('refuses a bad --verify with exit 2 and a message, nothing written', async () => {
    const out = join(dir, 'never.xlsx');
    const cases: [string[], RegExp][] = [
      [['--verify', 'fw-internal'], /expected FIREWALL=CONFIG/],
      [['--verify', `fw-nope=${nft}`], /unknown firewall "fw-nope"/],
      [['--verify', `fw-internal=${nft}`, '--verify', `fw-internal=${nft}`], /given twice/],
      [['--verify', `fw-internal=${join(dir, 'nope.nft')}`], /cannot read the configuration \(ENOENT\)/],
      [['--verify', `fw-internal=examples/${site}.yaml`], /cannot tell the configuration format/],
    ];
    for (const [args, message] of cases) {
      const r = await run(['matrix', `examples/${site}.yaml`, '-f', 'xlsx', '-o', out, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    const json = await run(['matrix', `examples/${site}.yaml`, '-f', 'json', '--verify', `fw-internal=${nft}`]);
    expect(json.code).toBe(2);
    expect(json.err).toMatch(/a json document shows no verdicts/);
    expect(() => readFileSync(out)).toThrow();
  });
});

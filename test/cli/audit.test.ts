import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AUDIT_OPTIONS } from '../../src/audit/index.js';
import { repoRoot } from '../support/catalogs.js';
import { run } from './run.js';

const EXCHANGE = 'examples/exchange-2007-site.yaml';
const HAMILTON = 'examples/hamilton-site.yaml';
const LYNC = 'examples/lync-2013-edge-site.yaml';

/** A copy of an example site with extra YAML appended, in a temporary folder. */
/** A copy of an example site whose own `policy:` and `suppressions:` (the file's last sections) give way to `extra`. */
function siteCopy(example: string, extra: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fm-audit-'));
  const path = join(dir, 'site.yaml');
  const text = readFileSync(join(repoRoot, example), 'utf8');
  const cut = text.search(/^(# Which zone pairs|policy:|suppressions:)/m);
  writeFileSync(path, `${cut >= 0 ? text.slice(0, cut) : text}\n${extra}\n`);
  return path;
}

describe('flowmatrix audit', () => {
  it('prints findings and exits 0 without --fail-on', async () => {
    const r = await run(['audit', EXCHANGE, '--today', '2025-06-01']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/cleartext-flow .*catalogs\/exchange-2007\.yaml:\d+: exchange-2007\//);
    expect(r.out).toMatch(/\d+ active findings? \(/);
  });

  it('--fail-on: 1 when an unsuppressed finding at or above the level remains, 0 otherwise', async () => {
    expect((await run(['audit', EXCHANGE, '--fail-on', 'high'])).code).toBe(1);
    expect((await run(['audit', EXCHANGE, '--fail-on', 'critical'])).code).toBe(0);
    expect((await run(['audit', EXCHANGE, '--rule', 'undocumented-port', '--fail-on', 'low'])).code).toBe(0);
  });

  it('suppressions take findings out of --fail-on; an expired one fails it again', async () => {
    const live = siteCopy(
      EXCHANGE,
      `suppressions:
  - { rule: cleartext-flow, justification: isolated VLAN, owner: secops, expires: 2030-01-01 }
  - { rule: weak-auth, justification: legacy clients, owner: messaging, expires: 2030-01-01 }
  - { rule: tls-minimum-version, justification: TLS 1.2 enforced by GPO, owner: secops, expires: 2030-01-01 }`,
    );
    const ok = await run(['audit', live, '--fail-on', 'high', '--today', '2025-06-01', '-f', 'json']);
    expect(ok.code).toBe(0);
    const doc = JSON.parse(ok.out);
    expect(doc.findings.filter((f: { suppressed: unknown }) => f.suppressed).length).toBeGreaterThan(5);
    const late = await run(['audit', live, '--fail-on', 'high', '--today', '2030-01-02']);
    expect(late.code).toBe(1);
    expect(late.out).toContain('suppression-expired');
  });

  it('an unused suppression is a positioned warning', async () => {
    const path = siteCopy(
      EXCHANGE,
      'suppressions:\n  - { rule: weak-auth, flow: nope, justification: j, owner: o, expires: 2030-01-01 }',
    );
    const r = await run(['audit', path]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/site\.yaml:\d+:\d+: warning: suppression 0 .*matches no finding/);
  });

  it('zone policy violations are findings; an unknown policy zone is bad input', async () => {
    const path = siteCopy(HAMILTON, 'policy:\n  - { from: lan, to: dmz, access: block-all, severity: critical }');
    const r = await run(['audit', path, '--rule', 'zone-policy', '--fail-on', 'critical']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('zone-policy');
    const bad = siteCopy(HAMILTON, 'policy:\n  - { from: lan, to: dmzz, access: block-all }');
    const b = await run(['audit', bad]);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/site\.yaml:\d+:\d+: policy zone "dmzz" .*did you mean "dmz"/);
  });

  it('--catalog audits a catalog alone; SARIF and JUnit come out parseable', async () => {
    const sarif = await run(['audit', '--catalog', 'exchange-2007', '-f', 'sarif']);
    expect(sarif.code).toBe(0);
    const doc = JSON.parse(sarif.out);
    expect(doc.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'catalogs/exchange-2007.yaml',
    );
    const ids = doc.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).not.toContain('zone-policy');
    const junit = await run(['audit', '--catalog', 'hamilton', '-f', 'junit']);
    expect(junit.out).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
  });

  it('-o writes the report atomically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fm-audit-out-'));
    const file = join(dir, 'a.md');
    const r = await run(['audit', HAMILTON, '-f', 'md', '--lang', 'fr', '-o', file]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(readFileSync(file, 'utf8')).toMatch(/^# Audit de sécurité des flux/);
  });

  it('bad input exits 2', async () => {
    expect((await run(['audit'])).code).toBe(2);
    expect((await run(['audit', HAMILTON, '--catalog', 'hamilton'])).code).toBe(2);
    expect((await run(['audit', '--catalog', 'hamiltn'])).err).toContain('did you mean "hamilton"');
    expect((await run(['audit', 'examples/nope.yaml'])).code).toBe(2);
    expect((await run(['audit', HAMILTON, '--rule', 'weak-aut'])).err).toContain('did you mean "weak-auth"');
    expect((await run(['audit', HAMILTON, '--fail-on', 'severe'])).code).toBe(2);
    expect((await run(['audit', HAMILTON, '--today', '2025-13-45'])).code).toBe(2);
  });

  it('--max-port-range: the audit’s own default unless given; a bad value is bad input', async () => {
    const thresholds = async (...extra: string[]) => {
      const r = await run(['audit', LYNC, '--rule', 'wide-port-range', '-f', 'json', ...extra]);
      expect(r.code).toBe(0);
      return JSON.parse(r.out).findings.map((f: { data: { threshold: number } }) => f.data.threshold);
    };
    const byDefault = await thresholds();
    expect(byDefault.length).toBeGreaterThan(0);
    expect(new Set(byDefault)).toEqual(new Set([DEFAULT_AUDIT_OPTIONS.maxPortRange]));
    expect(new Set(await thresholds('--max-port-range', '256'))).toEqual(new Set([256]));
    expect(await thresholds('--max-port-range', '65535')).toEqual([]);
    for (const bad of ['0', '65536', '1.5', 'many']) {
      const r = await run(['audit', LYNC, '--max-port-range', bad]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--max-port-range ${bad}: expected a number of ports`);
    }
    // The help writes the default out (it loads no audit code): it must say the audit's.
    const help = (await run(['audit', '--help'])).out.replace(/\s+/g, ' ');
    expect(help).toContain(`(default ${DEFAULT_AUDIT_OPTIONS.maxPortRange})`);
  });

  it('--help lists examples', async () => {
    const r = await run(['audit', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Examples:');
    expect(r.out).toContain('--fail-on');
  });
});

describe('flowmatrix matrix shows the audit', () => {
  it('the HTML document carries the unsuppressed findings of the site', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fm-matrix-'));
    const plain = siteCopy(EXCHANGE, '');
    const quiet = siteCopy(
      EXCHANGE,
      'suppressions:\n  - { rule: cleartext-flow, justification: isolated, owner: secops, expires: 2099-01-01 }',
    );
    for (const [site, expected] of [
      [plain, true],
      [quiet, false],
    ] as const) {
      const file = join(dir, `${expected}.html`);
      expect((await run(['matrix', site, '-f', 'html', '-o', file])).code).toBe(0);
      expect(readFileSync(file, 'utf8').includes('cleartext-flow')).toBe(expected);
    }
  });
});

describe('flowmatrix policy export / import', () => {
  it('exports the flows’ policy as CSV and imports it back into a site', async () => {
    const exported = await run(['policy', 'export', HAMILTON, '--from-flows']);
    expect(exported.code).toBe(0);
    expect(exported.out.split('\r\n')[0]).toBe('From zone,To zone,Severity,Access Type,Services,Comment');
    const dir = mkdtempSync(join(tmpdir(), 'fm-policy-'));
    const csv = join(dir, 'zones.csv');
    writeFileSync(csv, exported.out);
    const yaml = await run(['policy', 'import', csv]);
    expect(yaml.code).toBe(0);
    expect(yaml.out).toMatch(/^policy:\n {2}- from: /);
    const site = siteCopy(HAMILTON, '');
    expect((await run(['policy', 'import', csv, '--site', site])).code).toBe(0);
    expect(readFileSync(site, 'utf8')).toContain('# A typical customer site for Hamilton');
    // The flows' own policy holds for the flows: no violation.
    const audit = await run(['audit', site, '--rule', 'zone-policy', '--fail-on', 'low']);
    expect(audit.code).toBe(0);
    const again = await run(['policy', 'export', site]);
    expect(again.out).toBe(exported.out);
  });

  it('keeps each entry’s comment through an export and an import, and the rest of the site as written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fm-policy-'));
    const csv = join(dir, 'zones.csv');
    const exported = await run(['policy', 'export', HAMILTON, '-o', csv]);
    expect(exported.code).toBe(0);
    expect(readFileSync(csv, 'utf8')).toContain(',Nothing from the Internet reaches the LAN\r\n');
    const site = join(dir, 'site.yaml');
    const before = readFileSync(join(repoRoot, HAMILTON), 'utf8');
    writeFileSync(site, before);
    expect((await run(['policy', 'import', csv, '--site', site])).code).toBe(0);
    const after = readFileSync(site, 'utf8');
    expect(after).toContain('comment: Nothing from the Internet reaches the LAN');
    // Flow sequences elsewhere in the file (before the policy it replaces) stay as written (no `[ a, b ]`).
    const flows = before.slice(0, before.search(/^policy:/m)).match(/^.*: \[[^\]\n]+\]$/gm) ?? [];
    expect(flows.length).toBeGreaterThan(0);
    for (const line of flows) expect(after).toContain(line);
    expect((await run(['policy', 'export', site])).out).toBe((await run(['policy', 'export', HAMILTON])).out);
  });

  it('an import into the site changes its policy: entry only, every other byte as written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fm-policy-'));
    const csv = join(dir, 'zones.csv');
    writeFileSync(
      csv,
      'From zone,To zone,Severity,Access Type,Services,Comment\nlan,dmz,high,allow only,tcp/443,web\n',
    );
    const site = join(dir, 'site.yaml');
    const before = readFileSync(join(repoRoot, HAMILTON), 'utf8');
    writeFileSync(site, before);
    expect((await run(['policy', 'import', csv, '--site', site])).code).toBe(0);
    const after = readFileSync(site, 'utf8');
    const head = before.slice(0, before.search(/^policy:/m));
    const tail = before.slice(before.search(/^# Accepted risks/m));
    expect(head).toContain('title: { fr: DMZ, en: DMZ }'); // flow maps as written, padding and all
    expect(after.startsWith(head)).toBe(true);
    expect(after.endsWith(`\n${tail}`)).toBe(true);
    expect(after.slice(head.length, after.length - tail.length)).toContain('comment: web');
  });

  it('a site that is not one (broken YAML, a list, missing) is bad input at its place, and stays as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fm-policy-'));
    const csv = join(dir, 'zones.csv');
    writeFileSync(csv, 'From zone,To zone,Severity,Access Type,Services,Comment\nany,any,high,block all,,\n');
    const sites: [string, string, RegExp][] = [
      ['broken.yaml', 'id: x\nzones: [a\n', /broken\.yaml:\d+:\d+: YAML syntax error/],
      ['list.yaml', '- a\n- b\n', /list\.yaml:1:1: the document: expected a mapping/],
    ];
    for (const [name, text, error] of sites) {
      const site = join(dir, name);
      writeFileSync(site, text);
      const r = await run(['policy', 'import', csv, '--site', site]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(error);
      expect(r.err).not.toContain('internal error');
      expect(readFileSync(site, 'utf8')).toBe(text);
    }
    const missing = await run(['policy', 'import', csv, '--site', join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.yaml:1:1: file ".*nope\.yaml" does not exist — check the path/);
  });

  it('a bad CSV is bad input, at its cell (line and column)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fm-policy-'));
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'From zone,To zone,Severity,Access Type,Services\nlan,dmz,high,permit any,\n');
    const r = await run(['policy', 'import', csv]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.csv:2:14: unknown access type "permit any"/);
  });

  it('a zone the site lacks is reported at its CSV line, blank lines counted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fm-policy-'));
    const csv = join(dir, 'zones.csv');
    writeFileSync(
      csv,
      'From zone,To zone,Severity,Access Type,Services\n\nlan,dmz,high,block all,\n\nlan,dmzz,high,block all,\n',
    );
    const r = await run(['policy', 'import', csv, '--site', siteCopy(HAMILTON, '')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/zones\.csv:5:1: .*"dmzz"/);
  });
});

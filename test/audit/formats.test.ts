import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { type AuditReport, auditFormats, auditRules } from '../../src/audit/index.js';
import { auditSite, catalogWith, flow, siteWith } from './fixture.js';

const FLOWS = [
  flow(
    'id: a, from: app, to: db, services: [tcp/80], auth: { default: [basic], supported: [basic] }, encryption: { supported: [], byDefault: "no" }',
  ),
  flow(
    'id: b, from: app, to: web, services: [tcp/443], encryption: { supported: [tls], byDefault: "yes", minTls: "1.0" }',
  ),
  flow('id: c, from: app, to: web, services: [tcp/22]'),
].join('\n');
const SITE = siteWith(
  'app: app1, db: db1, client: client1, web: web1',
  `suppressions:
  - { rule: weak-auth, justification: "legacy <tool> & co", owner: ops, expires: 2030-01-01 }
  - { rule: cleartext-flow, flow: zzz, justification: j, owner: o, expires: 2020-01-01 }`,
);

function report(lang: 'fr' | 'en' = 'en'): AuditReport {
  const { result, matrix } = auditSite(catalogWith(FLOWS), SITE);
  return {
    subject: { mode: 'site', id: 's', title: 'Site' },
    result,
    rows: matrix.rows,
    lang,
    today: '2025-06-01',
    locate: (f) => (f.flow ? { uri: 'catalog.yaml', line: 10 } : { uri: 'site.yaml', line: 3, col: 3 }),
  };
}

describe('SARIF 2.1.0', () => {
  const doc = JSON.parse(auditFormats.sarif(report()));
  const run = doc.runs[0];
  it('has the required top-level structure', () => {
    expect(doc.version).toBe('2.1.0');
    expect(doc.$schema).toMatch(/sarif-2\.1\.0/);
    expect(doc.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBe('flowmatrix');
  });
  it('declares each rule with id, help text and a default level', () => {
    for (const rule of run.tool.driver.rules) {
      expect(Object.keys(auditRules)).toContain(rule.id);
      expect(rule.help.text.length).toBeGreaterThan(20);
      expect(rule.shortDescription.text).toBeTruthy();
      expect(['error', 'warning', 'note', 'none']).toContain(rule.defaultConfiguration.level);
    }
  });
  it('results point at rules, files and lines; suppressed ones carry a suppression', () => {
    expect(run.results.length).toBeGreaterThan(3);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(['error', 'warning', 'note', 'none']).toContain(r.level);
      expect(r.message.text).toBeTruthy();
      const loc = r.locations[0];
      expect(loc.physicalLocation.artifactLocation.uri).toMatch(/\.yaml$/);
      expect(loc.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      expect(loc.logicalLocations[0].fullyQualifiedName).toBeTruthy();
    }
    const weak = run.results.find((r: { ruleId: string }) => r.ruleId === 'weak-auth');
    expect(weak.suppressions[0]).toMatchObject({ kind: 'external', status: 'accepted' });
    const clear = run.results.find((r: { ruleId: string }) => r.ruleId === 'cleartext-flow');
    expect(clear.suppressions).toBeUndefined();
    expect(clear.level).toBe('error');
  });
});

interface ParsedCase {
  suite: string;
  name: string;
  failure?: string;
  skipped?: string;
}

/** Parses JUnit XML with a real XML parser (well-formedness is part of the test). */
function parseJunit(text: string): { totals: Record<string, string>; cases: ParsedCase[] } {
  const parser = new SaxesParser();
  const cases: ParsedCase[] = [];
  let totals: Record<string, string> = {};
  let suite = '';
  let current: ParsedCase | undefined;
  let inFailure = false;
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    if (tag.name === 'testsuites') totals = a;
    if (tag.name === 'testsuite') suite = a.name ?? '';
    if (tag.name === 'testcase') {
      current = { suite, name: a.name ?? '' };
      cases.push(current);
    }
    if (tag.name === 'failure' && current) {
      current.failure = '';
      inFailure = true;
    }
    if (tag.name === 'skipped' && current) current.skipped = a.message ?? '';
  });
  parser.on('text', (t) => {
    if (inFailure && current) current.failure += t;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'failure') inFailure = false;
  });
  parser.write(text).close();
  return { totals, cases };
}

describe('JUnit XML', () => {
  const r = report();
  const { totals, cases } = parseJunit(auditFormats.junit(r));
  it('one test case per (rule, catalog flow), failures for findings, skipped for suppressed ones', () => {
    const rowRules = r.result.rules.filter((id) => auditRules[id].needs !== undefined && id !== 'suppression-expired');
    const flows = new Set(r.rows.map((row) => `${row.catalog}/${row.flow}`));
    for (const id of rowRules)
      expect(cases.filter((c) => c.suite === id && c.name.startsWith('t/')).map((c) => c.name)).toEqual([...flows]);
    const failed = cases.filter((c) => c.failure !== undefined);
    expect(Number(totals.failures)).toBe(failed.length);
    expect(Number(totals.tests)).toBe(cases.length);
    expect(failed.find((c) => c.suite === 'cleartext-flow')?.name).toBe('t/a');
    expect(failed.find((c) => c.suite === 'tls-minimum-version')?.failure).toMatch(/TLS 1\.0/);
    expect(cases.find((c) => c.suite === 'weak-auth' && c.skipped !== undefined)?.skipped).toContain(
      'legacy <tool> & co',
    );
    expect(failed.some((c) => c.suite === 'suppression-expired')).toBe(true);
  });
});

describe('text, JSON and Markdown', () => {
  it('JSON findings carry rule, severity, catalog, flow, ref, key, message', () => {
    const doc = JSON.parse(auditFormats.json(report('fr')));
    const f = doc.findings.find((x: { rule: string }) => x.rule === 'cleartext-flow');
    expect(f).toMatchObject({ rule: 'cleartext-flow', severity: 'high', catalog: 't', flow: 'a', ref: 'row 1' });
    expect(f.key).toMatch(/\S/);
    expect(f.message).toContain('aucun chiffrement');
    expect(doc.warnings).toHaveLength(1);
  });
  it('text and Markdown name every finding in the chosen language', () => {
    const r = report('fr');
    const text = auditFormats.text(r);
    const md = auditFormats.md(r);
    for (const f of r.result.findings) {
      expect(text).toContain(f.message.fr);
      expect(md).toContain(f.message.fr.replace(/\|/g, '\\|'));
    }
    expect(md).toMatch(/^# Audit de sécurité des flux/);
  });
  it('Markdown names the subject (site or catalog) in the chosen language', () => {
    const r: AuditReport = { ...report('fr'), subject: { mode: 'catalog', id: 'x', title: 'X' } };
    expect(auditFormats.md(r)).toContain('· catalogue `x`');
    expect(auditFormats.md({ ...r, lang: 'en' })).toContain('· catalog `x`');
  });
});

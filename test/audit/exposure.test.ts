import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { breadthOf } from '../../src/audit/exposure.js';
import { auditFormats, auditSite as runSite } from '../../src/audit/index.js';
import type { AuditFinding } from '../../src/audit/types.js';
import { severityRank } from '../../src/model/finding.js';
import type { Address, Endpoint } from '../../src/model/matrix.js';
import { loadExample, repoRoot } from '../support/catalogs.js';
import { auditSite, catalogWith, flow } from './fixture.js';

/**
 * A site where the Internet zone is written as CIDRs (`0.0.0.0/0`, `::/0`: what a firewall rule sees, not the
 * word `any`), the LAN is a whole /8 and a partner network a /8, one firewall between all zones.
 */
function site(roles: string): string {
  return `
id: s
title: Site
catalogs:
  - catalog: t
    features: { extra: true }
    roles: { ${roles} }
zones:
  lan: { kind: internal, cidrs: [10.0.0.0/8, 2001:db8::/32] }
  dmz: { kind: perimeter, cidrs: [172.16.0.0/24] }
  partners: { kind: external, cidrs: [100.0.0.0/8] }
  internet: { kind: external, cidrs: [0.0.0.0/0, '::/0'], default: true }
hosts:
  app1: { address: 10.0.0.10 }
  web1: { address: 172.16.0.10 }
firewalls:
  - { name: fw, platform: nftables, zones: [lan, dmz, partners, internet] }
`;
}

const findingsOf = (flows: string, roles: string, rule?: string): AuditFinding[] =>
  auditSite(catalogWith(flows), site(roles)).result.findings.filter((f) => rule === undefined || f.rule === rule);
const sev = (fs: readonly AuditFinding[]) => fs.map((f) => `${f.rule}:${f.messageId}:${f.severity}`).sort();

const BASE = 'app: app1, web: web1';

describe('exposure by address breadth and zone trust', () => {
  it('measures breadth: every address however written, a /8 or /32 as wide, names as narrow', () => {
    const ep = (...addresses: Address[]): Endpoint => ({
      role: 'r',
      title: { fr: 'r', en: 'r' },
      addresses,
      bindings: [],
      fixed: false,
    });
    const cidr = (value: string): Address => ({ kind: 'cidr', family: value.includes(':') ? 6 : 4, value });
    expect(breadthOf(ep({ kind: 'any' }))).toBe('all');
    expect(breadthOf(ep(cidr('0.0.0.0/0')))).toBe('all');
    expect(breadthOf(ep(cidr('::/0')))).toBe('all');
    expect(breadthOf(ep(cidr('0.0.0.0/1'), cidr('128.0.0.0/1')))).toBe('all');
    expect(breadthOf(ep(cidr('10.0.0.0/8')))).toBe('wide');
    expect(breadthOf(ep(cidr('2001:db8::/32')))).toBe('wide');
    expect(breadthOf(ep(cidr('10.0.0.0/9')))).toBe('narrow');
    expect(breadthOf(ep(cidr('2001:db8::/33')))).toBe('narrow');
    expect(breadthOf(ep({ kind: 'fqdn', value: 'a.example' }))).toBe('narrow');
    // Blocks adding up to a /8 are wide; the same /9 twice is not (the union counts, not the sum).
    expect(breadthOf(ep(cidr('10.0.0.0/9'), cidr('10.128.0.0/9')))).toBe('wide');
    expect(breadthOf(ep(cidr('10.0.0.0/9'), cidr('10.0.0.0/9')))).toBe('narrow');
    expect(breadthOf(ep(cidr('10.0.0.0/9'), cidr('2001:db8::/33')))).toBe('narrow');
  });

  it('a 0.0.0.0/0 destination across a firewall is a finding (it was none)', () => {
    const fs = findingsOf(flow('id: a, from: app, to: client, services: [tcp/443]'), `${BASE}, client: internet`);
    expect(sev(fs.filter((f) => f.rule === 'any-address-across-firewall'))).toEqual([
      'any-address-across-firewall:anyDestination:medium',
    ]);
  });

  it('the Internet as a source ranks by where it lands: internal critical, perimeter medium', () => {
    const into = (to: string) =>
      sev(
        findingsOf(
          flow(`id: a, from: client, to: ${to}, services: [tcp/443]`),
          `${BASE}, client: internet`,
          'any-address-across-firewall',
        ),
      );
    expect(into('app')).toEqual(['any-address-across-firewall:anySource:critical']);
    expect(into('web')).toEqual(['any-address-across-firewall:anySource:medium']);
  });

  it('a wide (/8) end is broad-exposure, one step below any, by the same zone trust', () => {
    const rule = 'broad-exposure';
    // A whole /8 internal zone as destination from the DMZ: medium (any would be high).
    expect(sev(findingsOf(flow('id: a, from: web, to: db, services: [tcp/1433]'), `${BASE}, db: lan`, rule))).toEqual([
      'broad-exposure:wideDestination:medium',
    ]);
    // An untrusted /8 (partners) reaching the LAN: high (any would be critical); reaching the DMZ: low.
    expect(
      sev(findingsOf(flow('id: a, from: db, to: app, services: [tcp/443]'), `${BASE}, db: partners`, rule)),
    ).toEqual(['broad-exposure:wideSource:high']);
    expect(
      sev(findingsOf(flow('id: a, from: db, to: web, services: [tcp/443]'), `${BASE}, db: partners`, rule)),
    ).toEqual(['broad-exposure:wideSource:low']);
    // Hosts are not broad.
    expect(findingsOf(flow('id: a, from: web, to: app, services: [tcp/443]'), BASE, rule)).toEqual([]);
    // Everything is any-address-across-firewall's, not also broad-exposure's.
    expect(
      findingsOf(flow('id: a, from: app, to: client, services: [tcp/443]'), `${BASE}, client: internet`, rule),
    ).toEqual([]);
  });

  it('sorts by severity, then exposure: the Internet reaching inside before an internal flow of the same severity', () => {
    const flows = [
      flow('id: a, from: web, to: app, services: [tcp/80], encryption: { supported: [], byDefault: "no" }'),
      flow('id: b, from: client, to: web, services: [tcp/80], encryption: { supported: [], byDefault: "no" }'),
      flow('id: c, from: client, to: app, services: [tcp/80], encryption: { supported: [], byDefault: "no" }'),
    ].join('\n');
    const fs = findingsOf(flows, `${BASE}, client: internet`);
    const clear = fs.filter((f) => f.rule === 'cleartext-flow').map((f) => f.flow);
    expect(clear).toEqual(['c', 'b', 'a']);
    for (let i = 1; i < fs.length; i++) {
      const [a, b] = [fs[i - 1] as AuditFinding, fs[i] as AuditFinding];
      expect(severityRank(a.severity)).toBeGreaterThanOrEqual(severityRank(b.severity));
      if (a.severity === b.severity) expect(a.exposure ?? -1).toBeGreaterThanOrEqual(b.exposure ?? -1);
    }
    expect(fs[0]).toMatchObject({ severity: 'critical', flow: 'c' });
  });
});

describe('grouping repeated findings', () => {
  // One DNS flow from two sources (two rows, one cause) and one LDAP flow: three findings, two groups.
  const catalog = catalogWith(
    [
      flow('id: dns, from: [app, web], to: db, services: [udp/53], encryption: { supported: [], byDefault: "no" }'),
      flow('id: ldap, from: app, to: db, services: [tcp/389], encryption: { supported: [], byDefault: "no" }'),
    ].join('\n'),
  );
  const audited = auditSite(catalog, site(`${BASE}, db: app1`));
  const report = (lang: 'fr' | 'en') => ({
    subject: { mode: 'site' as const, id: 's', title: 'Site' },
    result: audited.result,
    rows: audited.matrix.rows,
    lang,
    today: '2025-06-01',
  });
  const dns = audited.result.findings.filter((f) => f.rule === 'cleartext-by-design');

  it('keeps one finding per row in the audit and in JSON, each naming its group', () => {
    expect(dns).toHaveLength(2);
    const doc = JSON.parse(auditFormats.json(report('en')));
    expect(doc.findings).toHaveLength(audited.result.findings.length);
    const groups = new Set(
      doc.findings
        .filter((f: { rule: string }) => f.rule === 'cleartext-by-design')
        .map((f: { group: number }) => f.group),
    );
    expect(groups.size).toBe(1);
    const g = doc.groups[[...groups][0] as number];
    expect(g).toMatchObject({ rule: 'cleartext-by-design', flow: 'dns', rows: 2 });
    expect(g.keys.sort()).toEqual(dns.map((f) => f.key).sort());
    expect(doc.summary.groups).toBe(doc.groups.length);
    expect(doc.groups.reduce((n: number, x: { rows: number }) => n + x.rows, 0)).toBe(doc.findings.length);
  });

  it('text, Markdown and SARIF show the group once, listing its rows, in both languages', () => {
    for (const lang of ['en', 'fr'] as const) {
      const text = auditFormats.text(report(lang));
      const lines = text.split('\n').filter((l) => l.includes('cleartext-by-design'));
      expect(lines.filter((l) => !l.includes('rules') && !l.includes('règles'))).toHaveLength(1);
      expect(text).toContain(lang === 'en' ? '2 rows: ' : '2 lignes\u00a0: ');
      expect(text).toMatch(/app → db.*web → db|web → db.*app → db/);
      const md = auditFormats.md(report(lang));
      expect(md.split('\n').filter((l) => l.includes('`cleartext-by-design`') && l.startsWith('| '))).toHaveLength(1);
    }
    const sarif = JSON.parse(auditFormats.sarif(report('en'))).runs[0].results;
    const r = sarif.filter((x: { ruleId: string }) => x.ruleId === 'cleartext-by-design');
    expect(r).toHaveLength(1);
    expect(r[0].properties.rows).toBe(2);
    expect(r[0].properties.keys.sort()).toEqual(dns.map((f) => f.key).sort());
    expect(sarif.reduce((n: number, x: { properties: { rows: number } }) => n + x.properties.rows, 0)).toBe(
      audited.result.findings.length,
    );
  });
});

describe.each(readdirSync(`${repoRoot}examples`).filter((f) => f.endsWith('.yaml')))('example %s', (file) => {
  const example = loadExample(file);
  const result = runAuditOn(example);
  it('ranks by severity then exposure, and never ranks ping, DNS or NTP high', () => {
    for (let i = 1; i < result.findings.length; i++) {
      const [a, b] = [result.findings[i - 1] as AuditFinding, result.findings[i] as AuditFinding];
      expect(severityRank(a.severity)).toBeGreaterThanOrEqual(severityRank(b.severity));
      if (a.severity === b.severity) expect(a.exposure ?? -1).toBeGreaterThanOrEqual(b.exposure ?? -1);
    }
    const byKey = new Map(example.matrix.rows.map((r) => [r.key, r]));
    for (const f of result.findings.filter((x) => x.rule === 'cleartext-flow' || x.rule === 'cleartext-by-design')) {
      const row = byKey.get(f.key as string);
      const design = row?.services.every(
        (s) => s.protocol.startsWith('icmp') || s.ports.every((p) => [53, 123].includes(p.from) && p.from === p.to),
      );
      if (design) expect([f.rule, f.severity].join(':')).toMatch(/^cleartext-by-design:(low|info)$/);
    }
  });
  it('every finding is in exactly one group of the text, SARIF and JSON reports', () => {
    const report = {
      subject: { mode: 'site' as const, id: example.site.id, title: example.site.id },
      result,
      rows: example.matrix.rows,
      lang: 'en' as const,
      today: '2026-01-15',
    };
    const sarif = JSON.parse(auditFormats.sarif(report)).runs[0].results as { properties: { rows: number } }[];
    expect(sarif.reduce((n, r) => n + r.properties.rows, 0)).toBe(result.findings.length);
    const doc = JSON.parse(auditFormats.json(report));
    expect(doc.findings).toHaveLength(result.findings.length);
    expect(doc.groups.reduce((n: number, g: { rows: number }) => n + g.rows, 0)).toBe(result.findings.length);
    const text = auditFormats.text(report).trimEnd().split('\n');
    // Title, one line per group (plus one per suppressed group), blank line, summary.
    const suppressedGroups = doc.groups.filter((_: unknown, i: number) =>
      doc.findings.some((f: { group: number; suppressed: unknown }) => f.group === i && f.suppressed),
    ).length;
    expect(text).toHaveLength(1 + doc.groups.length + suppressedGroups + 2);
  });
});

function runAuditOn(example: ReturnType<typeof loadExample>) {
  return runSite({ matrix: example.matrix, site: example.site, catalogs: example.catalogs }, '2026-01-15');
}

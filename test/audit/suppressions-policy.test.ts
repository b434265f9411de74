import { describe, expect, it } from 'vitest';
import { blocking, policyFromCsv, policyFromMatrix, policyToCsv } from '../../src/audit/index.js';
import { auditSite, catalogWith, flow, ids, siteWith } from './fixture.js';

const ROLES = 'app: app1, db: db1, client: client1, web: web1';
const FLOWS = [
  flow('id: a, from: app, to: db, services: [tcp/80], encryption: { supported: [], byDefault: "no" }'),
  flow(
    'id: b, from: app, to: web, services: [tcp/443, udp/53], encryption: { supported: [tls], byDefault: "yes", minTls: "1.2" }',
  ),
].join('\n');

const suppress = (entries: string) => siteWith(ROLES, `suppressions:\n${entries}`);

describe('suppressions', () => {
  it('a live suppression marks the finding, keeps it, and takes it out of --fail-on', () => {
    const site = suppress(
      '  - { rule: cleartext-flow, flow: t/a, justification: lab only, owner: secops, expires: 2030-01-01 }',
    );
    const { result } = auditSite(catalogWith(FLOWS), site);
    const f = result.findings.find((x) => x.rule === 'cleartext-flow');
    expect(f?.suppressed).toEqual({ justification: 'lab only', owner: 'secops', expires: '2030-01-01' });
    expect(blocking(result.findings, 'high')).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('matches by key alone, and by plain flow id', () => {
    const first = auditSite(catalogWith(FLOWS), siteWith(ROLES));
    const key = first.result.findings.find((x) => x.rule === 'cleartext-flow')?.key;
    for (const entry of [`key: ${key}`, 'flow: a']) {
      const { result } = auditSite(
        catalogWith(FLOWS),
        suppress(`  - { ${entry}, justification: j, owner: o, expires: 2030-01-01 }`),
      );
      expect(ids(result, 'cleartext-flow')).toEqual([]);
    }
  });

  it('an expired suppression hides nothing and is itself a finding, placed in the site file', () => {
    const site = suppress('  - { rule: cleartext-flow, justification: old, owner: secops, expires: 2024-12-31 }');
    const { result } = auditSite(catalogWith(FLOWS), site);
    expect(ids(result)).toContain('cleartext-flow:cleartext');
    const expired = result.findings.find((x) => x.rule === 'suppression-expired');
    expect(expired?.sitePath).toEqual(['suppressions', 0]);
    expect(expired?.key).toBeUndefined();
    expect(result.warnings).toEqual([]);
  });

  it('the last day still holds (today is the audit’s input)', () => {
    const site = suppress('  - { rule: cleartext-flow, justification: j, owner: o, expires: 2025-06-01 }');
    expect(ids(auditSite(catalogWith(FLOWS), site, { today: '2025-06-01' }).result, 'cleartext-flow')).toEqual([]);
    expect(ids(auditSite(catalogWith(FLOWS), site, { today: '2025-06-02' }).result, 'cleartext-flow')).toEqual([
      'cleartext-flow:cleartext',
    ]);
  });

  it('a suppression matching nothing is a warning with its path', () => {
    const site = suppress('  - { rule: weak-auth, flow: nope, justification: j, owner: o, expires: 2030-01-01 }');
    const { result } = auditSite(catalogWith(FLOWS), site);
    expect(result.warnings.map((w) => [w.severity, w.path])).toEqual([['warning', ['suppressions', 0]]]);
  });
});

describe('zone policy', () => {
  const withPolicy = (entries: string) => siteWith(ROLES, `policy:\n${entries}`);
  const CASES = [
    {
      name: 'block all lan → dmz',
      policy: '  - { from: lan, to: dmz, access: block-all }',
      expect: ['zone-policy:block-all'],
    },
    { name: 'allow all', policy: '  - { from: lan, to: dmz, access: allow-all }', expect: [] },
    {
      name: 'allow only 443: dns is outside',
      policy: '  - { from: lan, to: dmz, access: allow-only, services: [tcp/443] }',
      expect: ['zone-policy:allow-only'],
    },
    {
      name: 'allow only 443 and 53',
      policy: '  - { from: lan, to: dmz, access: allow-only, services: [tcp/443, udp/53] }',
      expect: [],
    },
    {
      name: 'allow only a range covering both',
      policy: '  - { from: lan, to: dmz, access: allow-only, services: [tcp/1-1024, udp/any] }',
      expect: [],
    },
    {
      name: 'block only dns',
      policy: '  - { from: lan, to: dmz, access: block-only, services: [udp/53] }',
      expect: ['zone-policy:block-only'],
    },
    {
      name: 'block only ssh',
      policy: '  - { from: lan, to: dmz, access: block-only, services: [tcp/22] }',
      expect: [],
    },
    {
      name: 'any → dmz wildcard',
      policy: '  - { from: any, to: dmz, access: block-all }',
      expect: ['zone-policy:block-all'],
    },
    {
      name: 'the specific entry wins',
      policy:
        '  - { from: any, to: any, access: block-all }\n  - { from: lan, to: lan, access: allow-all }\n  - { from: lan, to: dmz, access: allow-all }',
      expect: [],
    },
    { name: 'other pair', policy: '  - { from: dmz, to: lan, access: block-all }', expect: [] },
  ];
  it.each(CASES)('$name', (c) => {
    expect(ids(auditSite(catalogWith(FLOWS), withPolicy(c.policy)).result, 'zone-policy')).toEqual(c.expect);
  });

  it('a violation takes the severity the policy entry gives', () => {
    const { result } = auditSite(
      catalogWith(FLOWS),
      withPolicy('  - { from: lan, to: dmz, access: block-all, severity: critical }'),
    );
    expect(result.findings.find((f) => f.rule === 'zone-policy')?.severity).toBe('critical');
  });
});

describe('policy CSV', () => {
  it('round-trips through the zone-matrix columns', () => {
    const { matrix } = auditSite(catalogWith(FLOWS), siteWith(ROLES));
    const policy = policyFromMatrix(matrix);
    expect(policy).toEqual([
      { from: 'lan', to: 'dmz', access: 'allow-only', services: ['tcp/443', 'udp/53'], severity: 'high' },
    ]);
    for (const sep of [',', ';'] as const) {
      const csv = policyToCsv(policy, sep);
      expect(csv.split('\r\n')[0]).toBe(
        ['From zone', 'To zone', 'Severity', 'Access Type', 'Services', 'Comment'].join(sep),
      );
      expect(policyFromCsv(csv)).toEqual({ policy, issues: [], lines: [2] });
    }
  });

  it('lists the services a zone pair needs in port order, not string order', () => {
    const text = catalogWith(flow('id: a, from: client, to: web, services: [tcp/1433, tcp/443, tcp/80, udp/53]'));
    const { matrix } = auditSite(text, siteWith(ROLES));
    expect(policyFromMatrix(matrix).map((p) => p.services)).toEqual([['tcp/80', 'tcp/443', 'tcp/1433', 'udp/53']]);
  });

  it('reads the tools’ spelling (Allow Only, "tcp 443"), a BOM, quotes and ";"', () => {
    const csv =
      '\uFEFFFrom zone;To zone;Severity;Access Type;Services\r\nlan;internet;Medium;Allow Only;"tcp 443;udp 53"\r\nlan;dmz;;Block All;\r\n';
    const { policy, issues } = policyFromCsv(csv);
    expect(issues).toEqual([]);
    expect(policy).toEqual([
      { from: 'lan', to: 'internet', access: 'allow-only', services: ['tcp 443', 'udp 53'], severity: 'medium' },
      { from: 'lan', to: 'dmz', access: 'block-all', services: [], severity: 'high' },
    ]);
  });

  it('reports bad cells with their line', () => {
    const csv =
      'From zone,To zone,Severity,Access Type,Services\nlan,dmz,high,permit,\nlan,dmz,high,allow only,tcp/99999\nlan,dmz,high,allow only,\n';
    const { issues } = policyFromCsv(csv);
    expect(issues.map((i) => i.line)).toEqual([2, 3, 4]);
  });

  it('counts the lines a user sees: blank lines and line breaks inside quotes included', () => {
    const csv =
      'From zone;To zone;Severity;Access Type;Services\r\n\r\nlan;dmz;high;allow only;"tcp/443;\r\nudp/53"\r\nlan;dmz;high;permit;\n\nlan;internet;high;block all;\n';
    const { policy, issues, lines } = policyFromCsv(csv);
    expect(issues.map((i) => [i.line, i.message])).toEqual([[5, 'unknown access type "permit"']]);
    expect(policy.map((p) => p.to)).toEqual(['dmz', 'internet']);
    expect(lines).toEqual([3, 7]);
  });
});

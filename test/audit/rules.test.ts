import { describe, expect, it } from 'vitest';
import { auditRuleIds, auditRules } from '../../src/audit/index.js';
import { auditCatalog, auditSite, catalogWith, flow, ids, siteWith } from './fixture.js';

const ROLES = 'app: app1, db: db1, client: client1, web: web1';

interface Case {
  readonly name: string;
  readonly flows: string;
  readonly roles?: string;
  readonly expect: string[];
}

/** One table per rule: each case is a small matrix; `expect` lists rule:messageId of that rule's findings. */
const TABLES: Record<string, Case[]> = {
  'cleartext-flow': [
    {
      name: 'no mechanism',
      flows: flow('id: a, from: app, to: db, services: [tcp/1433], encryption: { supported: [], byDefault: "no" }'),
      expect: ['cleartext-flow:cleartext'],
    },
    {
      name: 'TLS supported',
      flows: flow('id: a, from: app, to: db, services: [tcp/1433], encryption: { supported: [tls], byDefault: "no" }'),
      expect: [],
    },
    { name: 'not stated', flows: flow('id: a, from: app, to: db, services: [tcp/1433]'), expect: [] },
    {
      name: 'ping is cleartext by design',
      flows: flow('id: a, from: app, to: db, services: [icmp/8], encryption: { supported: [], byDefault: "no" }'),
      expect: [],
    },
    {
      name: 'DNS is cleartext by design',
      flows: flow('id: a, from: app, to: db, services: [udp/53], encryption: { supported: [], byDefault: "no" }'),
      expect: [],
    },
    {
      name: 'DNS beside LDAP',
      flows: flow(
        'id: a, from: app, to: db, services: [udp/53, tcp/389], encryption: { supported: [], byDefault: "no" }',
      ),
      expect: ['cleartext-flow:cleartext'],
    },
    {
      name: 'SNMP',
      flows: flow('id: a, from: app, to: db, services: [udp/161], encryption: { supported: [], byDefault: "no" }'),
      expect: ['cleartext-flow:cleartext'],
    },
  ],
  'cleartext-by-design': [
    {
      name: 'ping',
      flows: flow('id: a, from: app, to: db, services: [icmp/8], encryption: { supported: [], byDefault: "no" }'),
      expect: ['cleartext-by-design:icmp'],
    },
    {
      name: 'DNS on 53',
      flows: flow(
        'id: a, from: app, to: db, services: [udp/53, tcp/53], encryption: { supported: [], byDefault: "no" }',
      ),
      expect: ['cleartext-by-design:dns'],
    },
    {
      name: 'NTP',
      flows: flow('id: a, from: app, to: db, services: [udp/123], encryption: { supported: [], byDefault: "no" }'),
      expect: ['cleartext-by-design:ntp'],
    },
    {
      name: 'DHCP',
      flows: flow('id: a, from: app, to: db, services: [udp/67-68], encryption: { supported: [], byDefault: "no" }'),
      expect: ['cleartext-by-design:dhcp'],
    },
    {
      name: 'ping and DNS',
      flows: flow('id: a, from: app, to: db, services: [icmp, udp/53], encryption: { supported: [], byDefault: "no" }'),
      expect: ['cleartext-by-design:icmp+dns'],
    },
    {
      name: 'DNS beside LDAP is cleartext-flow',
      flows: flow(
        'id: a, from: app, to: db, services: [udp/53, tcp/389], encryption: { supported: [], byDefault: "no" }',
      ),
      expect: [],
    },
    {
      name: 'SNMPv1/v2c has SNMPv3: cleartext-flow',
      flows: flow('id: a, from: app, to: db, services: [udp/161], encryption: { supported: [], byDefault: "no" }'),
      expect: [],
    },
    {
      name: 'syslog has TLS syslog: cleartext-flow',
      flows: flow('id: a, from: app, to: db, services: [udp/514], encryption: { supported: [], byDefault: "no" }'),
      expect: [],
    },
    {
      name: 'DNS with DoT supported',
      flows: flow(
        'id: a, from: app, to: db, services: [tcp/853], encryption: { supported: [tls], byDefault: "yes", minTls: "1.2" }',
      ),
      expect: [],
    },
  ],
  'encryption-not-default': [
    {
      name: 'off by default',
      flows: flow('id: a, from: app, to: db, services: [tcp/389], encryption: { supported: [ldaps], byDefault: "no" }'),
      expect: ['encryption-not-default:offByDefault'],
    },
    {
      name: 'partial',
      flows: flow(
        'id: a, from: app, to: db, services: [tcp/5061], encryption: { supported: [tls, srtp], byDefault: partial }',
      ),
      expect: ['encryption-not-default:partial'],
    },
    {
      name: 'on by default',
      flows: flow(
        'id: a, from: app, to: db, services: [tcp/443], encryption: { supported: [tls], byDefault: "yes", minTls: "1.2" }',
      ),
      expect: [],
    },
    {
      name: 'cleartext is the other rule',
      flows: flow('id: a, from: app, to: db, services: [tcp/80], encryption: { supported: [], byDefault: "no" }'),
      expect: [],
    },
  ],
  'tls-minimum-version': [
    {
      name: 'TLS 1.0',
      flows: flow(
        'id: a, from: app, to: db, services: [tcp/443], encryption: { supported: [tls], byDefault: "yes", minTls: "1.0" }',
      ),
      expect: ['tls-minimum-version:tooOld'],
    },
    {
      name: 'TLS 1.2',
      flows: flow(
        'id: a, from: app, to: db, services: [tcp/443], encryption: { supported: [https], byDefault: "yes", minTls: "1.2" }',
      ),
      expect: [],
    },
    {
      name: 'TLS 1.3',
      flows: flow(
        'id: a, from: app, to: db, services: [tcp/443], encryption: { supported: [tls], byDefault: "yes", minTls: "1.3" }',
      ),
      expect: [],
    },
    {
      name: 'not stated',
      flows: flow(
        'id: a, from: app, to: db, services: [tcp/443], encryption: { supported: [starttls], byDefault: "no" }',
      ),
      expect: ['tls-minimum-version:notStated'],
    },
    {
      name: 'not TLS',
      flows: flow('id: a, from: app, to: db, services: [tcp/135], encryption: { supported: [rpc], byDefault: "yes" }'),
      expect: [],
    },
  ],
  'weak-auth': [
    {
      name: 'basic in cleartext',
      flows: flow(
        'id: a, from: app, to: db, services: [tcp/80], auth: { default: [basic], supported: [basic, kerberos] }, encryption: { supported: [], byDefault: "no" }',
      ),
      expect: ['weak-auth:credentialInClear'],
    },
    {
      name: 'ntlm over TLS',
      flows: flow(
        'id: a, from: app, to: db, services: [tcp/443], auth: { default: [ntlm], supported: [ntlm] }, encryption: { supported: [tls], byDefault: "yes", minTls: "1.2" }',
      ),
      expect: ['weak-auth:weakDefault'],
    },
    {
      name: 'ip address',
      flows: flow(
        'id: a, from: app, to: db, services: [tcp/25], auth: { default: [ip-address], supported: [ip-address] }',
      ),
      expect: ['weak-auth:weakDefault'],
    },
    {
      name: 'kerberos by default, basic supported',
      flows: flow(
        'id: a, from: app, to: db, services: [tcp/88], auth: { default: [kerberos], supported: [kerberos, basic] }',
      ),
      expect: [],
    },
    {
      name: 'DNS without authentication is how DNS works',
      flows: flow('id: a, from: app, to: db, services: [udp/53], auth: { default: [none], supported: [none] }'),
      expect: [],
    },
    {
      name: 'a reusable credential on a by-design protocol is still weak',
      flows: flow('id: a, from: app, to: db, services: [udp/123], auth: { default: [basic], supported: [basic] }'),
      expect: ['weak-auth:weakDefault'],
    },
  ],
  'any-address-across-firewall': [
    {
      name: 'any to internal through a firewall',
      flows: flow('id: a, from: anywhere, to: app, services: [tcp/22]'),
      expect: ['any-address-across-firewall:anySource'],
    },
    {
      name: 'web out to any',
      flows: flow('id: a, from: web, to: anywhere, services: [tcp/25]'),
      expect: ['any-address-across-firewall:anyDestination'],
    },
    { name: 'same zone, no firewall', flows: flow('id: a, from: app, to: db, services: [tcp/1433]'), expect: [] },
  ],
  'internet-inbound': [
    {
      name: 'internet into lan',
      flows: flow('id: a, from: anywhere, to: app, services: [tcp/443]'),
      expect: ['internet-inbound:inbound'],
    },
    { name: 'internet into dmz', flows: flow('id: a, from: anywhere, to: web, services: [tcp/443]'), expect: [] },
    { name: 'lan out', flows: flow('id: a, from: app, to: anywhere, services: [tcp/443]'), expect: [] },
  ],
  'wide-port-range': [
    {
      name: 'media range through fw-in',
      flows: flow('id: a, from: app, to: web, services: [udp/50000-59999]'),
      expect: ['wide-port-range:wideRange'],
    },
    { name: 'exactly the threshold', flows: flow('id: a, from: app, to: web, services: [tcp/2000-3023]'), expect: [] },
    { name: 'wide but no firewall', flows: flow('id: a, from: app, to: db, services: [tcp/1024-65535]'), expect: [] },
  ],
  'fqdn-unenforceable': [
    {
      name: 'names through iptables and nftables',
      flows: flow('id: a, from: app, to: cloud, services: [tcp/443]'),
      expect: ['fqdn-unenforceable:fqdn', 'fqdn-unenforceable:wildcard'],
    },
    { name: 'addresses only', flows: flow('id: a, from: app, to: web, services: [tcp/443]'), expect: [] },
  ],
  'undocumented-port': [
    {
      name: 'reference row',
      flows: flow('id: a, kind: reference, from: app, to: db'),
      expect: ['undocumented-port:noPort'],
    },
    { name: 'ported row', flows: flow('id: a, from: app, to: db, services: [tcp/1]'), expect: [] },
  ],
};

describe('audit rules: tables', () => {
  for (const [rule, cases] of Object.entries(TABLES)) {
    describe(rule, () => {
      it.each(cases)('$name', (c) => {
        const { result } = auditSite(catalogWith(c.flows), siteWith(c.roles ?? ROLES));
        expect(ids(result, rule)).toEqual(c.expect);
        for (const f of result.findings.filter((x) => x.rule === rule)) {
          expect(f.catalog).toBe('t');
          expect(f.flow).toBe('a');
          expect(f.key).toMatch(/\S/);
          expect(f.message.fr).not.toBe(f.message.en);
        }
      });
    });
  }
});

describe('optional-unjustified', () => {
  const flows = flow('id: a, from: app, to: db, services: [tcp/1], level: optional, when: extra');
  it('flags an enabled optional flow with no justification', () => {
    expect(ids(auditSite(catalogWith(flows), siteWith(ROLES)).result, 'optional-unjustified')).toEqual([
      'optional-unjustified:unjustified',
    ]);
  });
  it('accepts a justification by feature or by flow id', () => {
    for (const key of ['extra', 'a']) {
      const site = siteWith(ROLES, '', `    justifications: { ${key}: needed by the help desk }`);
      expect(ids(auditSite(catalogWith(flows), site).result, 'optional-unjustified')).toEqual([]);
    }
  });
});

describe('unsupported-by-source', () => {
  const constraints = (rule: string, roles: string) => `
constraints:
  - { id: c1, ref: notes 1, rule: ${rule}, roles: [${roles}], text: { fr: Non pris en charge, en: Not supported } }`;
  const flows = flow('id: a, from: app, to: db, services: [tcp/135]');
  it('no-firewall-between: a firewall between the two roles', () => {
    const r = auditSite(
      catalogWith(flows, constraints('no-firewall-between', 'app, db')),
      siteWith('app: web1, db: db1'),
    );
    expect(ids(r.result, 'unsupported-by-source')).toEqual(['unsupported-by-source:firewallBetween']);
    expect(r.result.findings.find((f) => f.rule === 'unsupported-by-source')?.data).toMatchObject({
      firewalls: 'fw-in',
    });
  });
  it('no-firewall-between: same zone is fine', () => {
    const r = auditSite(catalogWith(flows, constraints('no-firewall-between', 'app, db')), siteWith(ROLES));
    expect(ids(r.result, 'unsupported-by-source')).toEqual([]);
  });
  it('not-in-perimeter', () => {
    const bad = auditSite(catalogWith(flows, constraints('not-in-perimeter', 'app')), siteWith('app: web1, db: db1'));
    expect(ids(bad.result, 'unsupported-by-source')).toEqual(['unsupported-by-source:inPerimeter']);
    const good = auditSite(catalogWith(flows, constraints('not-in-perimeter', 'app')), siteWith(ROLES));
    expect(ids(good.result, 'unsupported-by-source')).toEqual([]);
  });
});

describe('proxy legs', () => {
  it('a name destination reached through the proxy is enforceable', () => {
    const site = siteWith(ROLES, 'proxy: { name: out, host: px, port: 3128, zones: [internet] }');
    const r = auditSite(catalogWith(flow('id: a, from: app, to: cloud, services: [tcp/443]')), site);
    expect(r.matrix.rows[0]?.legs).toHaveLength(2);
    expect(ids(r.result, 'fqdn-unenforceable')).toEqual([]);
  });
});

describe('services in findings', () => {
  it('are written as catalogs write them, ICMP type included', () => {
    const text = catalogWith(
      flow(
        'id: a, from: app, to: db, services: [icmp/echo-request, tcp/80, tcp/443], encryption: { supported: [], byDefault: "no" }',
      ),
    );
    const { result } = auditCatalog(text);
    expect(result.findings.map((f) => f.data?.services)).toEqual(['icmp/8 tcp/80 tcp/443']);
  });
});

describe('catalog mode', () => {
  it('runs only the rules that need no site', () => {
    const text = catalogWith(
      [
        flow(
          'id: a, from: anywhere, to: app, services: [tcp/1024-65535], encryption: { supported: [], byDefault: "no" }',
        ),
        flow('id: b, from: app, to: db, services: [tcp/1], level: optional, when: extra'),
      ].join('\n'),
    );
    const { result } = auditCatalog(text);
    expect(result.rules.every((id) => auditRules[id].needs === 'catalog')).toBe(true);
    expect(ids(result)).toEqual(['cleartext-flow:cleartext']);
  });
});

describe('registry', () => {
  it('ids are the file names and every rule carries its documentation in both languages', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(new URL('../../src/audit/rules/', import.meta.url))
      .filter((f) => f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect([...auditRuleIds].sort()).toEqual(files);
    for (const id of auditRuleIds) {
      const r = auditRules[id];
      expect(r.id).toBe(id);
      for (const t of [r.title, r.rationale, r.remediation]) {
        expect(t.fr.length).toBeGreaterThan(5);
        expect(t.en.length).toBeGreaterThan(5);
      }
      expect(r.references.length).toBeGreaterThan(0);
    }
  });
});

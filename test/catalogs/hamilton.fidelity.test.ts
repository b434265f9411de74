import { describe, expect, it } from 'vitest';
import type { Catalog, Flow } from '../../src/model/catalog.js';
import { readCatalog, readSeed } from '../support/catalogs.js';
import { compare000, looseLines, readSeed000, sectionItems } from '../support/seed-000.js';
import { missing, requirements, seedsDir } from '../support/system.js';

/**
 * Fidelity of catalogs/hamilton.yaml to seed 000. The seed is parsed by test/support/seed-000.ts; `compare000`
 * lists every difference between the catalog and the seed's words. The real catalog has none; each mutation below
 * must produce the difference it names.
 */
const SEED = '000_96cfc191cb10ebdb.txt';

const flow = (c: Catalog, id: string): Flow => {
  const f = c.flows.find((x) => x.id === id);
  if (!f) throw new Error(`no flow ${id}`);
  return f;
};

const MUTATIONS: [string, (c: Catalog) => void, RegExp][] = [
  [
    'reverse a flow (SMS provider → WEB)',
    (c) => {
      const f = flow(c, 'sms');
      [f.from, f.to] = [f.to, f.from];
    },
    /§4 row 1: sources sms-provider/,
  ],
  [
    'drop a condition',
    (c) => {
      flow(c, 'sms').when = undefined;
    },
    /sms \(§4 row 1\): condition missing/,
  ],
  [
    'widen a condition',
    (c) => {
      flow(c, 'wifi-guest-portal').when = 'wifi-guest-cloud || graph';
    },
    /wifi-guest-portal .*on without its module/,
  ],
  [
    'put a condition on a base row',
    (c) => {
      flow(c, 'dns').when = 'graph';
    },
    /dns .*condition graph on a base row/,
  ],
  [
    'change a requirement level',
    (c) => {
      flow(c, 'smtp-relay').level = 'mandatory';
    },
    /smtp-relay .*level mandatory, seed recommended/,
  ],
  [
    'change the level of the optional webhooks',
    (c) => {
      flow(c, 'webhooks').level = 'mandatory';
    },
    /webhooks .*level mandatory, seed optional/,
  ],
  [
    'change authentication (OAuth2/OIDC replaced)',
    (c) => {
      flow(c, 'graph-auth-web').auth = { default: ['basic'], supported: ['basic'] };
    },
    /graph-auth-web .*authentication oauth2 missing/,
  ],
  [
    'change encryption (HTTPS row made cleartext)',
    (c) => {
      flow(c, 'graph-api').encryption = { supported: [], byDefault: 'no' };
    },
    /graph-api .*encrypted, seed cleartext|graph-api .*TLS missing/,
  ],
  [
    'change encryption (cleartext NTP made encrypted)',
    (c) => {
      flow(c, 'ntp').encryption = { supported: ['tls'], byDefault: 'yes', minTls: '1.2' };
    },
    /ntp .*TLS missing|ntp .*encrypted, seed cleartext/,
  ],
  [
    'lower the TLS minimum',
    (c) => {
      const e = flow(c, 'sms').encryption;
      if (e) e.minTls = '1.0';
    },
    /sms .*minimum TLS 1.0/,
  ],
  [
    'add an invented destination',
    (c) => {
      c.flows.push({ ...flow(c, 'webhooks'), id: 'telemetry', ref: 'vendor telemetry', origin: undefined });
    },
    /telemetry: row not in the seed without origin/,
  ],
  [
    'send a row to a fixed destination the seed does not give',
    (c) => {
      flow(c, 'webhooks').to = 'graph-api';
    },
    /webhooks: destination graph-api is not the site-given/,
  ],
  [
    'move a port between legs (80 from CRL/OCSP to Graph)',
    (c) => {
      flow(c, 'crl-ocsp').services = ['https'];
      flow(c, 'graph-api').services = ['https', 'http'];
    },
    /crl-ocsp .*ports tcp\/443, seed tcp\/443 tcp\/80[\s\S]*graph-api .*ports tcp\/443 tcp\/80/,
  ],
  [
    'remove a flow with everything that references it',
    (c) => {
      c.flows = c.flows.filter((f) => f.id !== 'sms');
      c.checks = c.checks.filter((k) => !k.flows.includes('sms') || k.flows.length > 1);
      for (const k of c.checks) k.flows = k.flows.filter((f) => f !== 'sms');
    },
    /§4 row 1: no flow[\s\S]*§10 item 4 .*no check/,
  ],
  [
    'drop the origin of a fact not in the seed',
    (c) => {
      flow(c, 'directory-ldaps').origin = undefined;
    },
    /directory-ldaps: ports without origin/,
  ],
  [
    'drop the origin of an authentication reading',
    (c) => {
      flow(c, 'webhooks').origin = undefined;
    },
    /webhooks .*authentication api-key,oauth2,basic without origin/,
  ],
  [
    'make the proxy flow unconditional',
    (c) => {
      flow(c, 'web-proxy').when = undefined;
    },
    /web-proxy: condition missing/,
  ],
];

describe.skipIf(missing(requirements.seeds))('hamilton catalog is faithful to seed 000', () => {
  const seed = readSeed000(readSeed(seedsDir(), SEED));
  const catalog = readCatalog('hamilton');

  it('finds what the document holds', () => {
    expect(seed.sections.map((s) => s.num)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(seed.rows.map((r) => `${r.section}.${r.index}`)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '2.1',
      '2.2',
      '3.1',
      '3.2',
      '4.1',
      '5.1',
      '6.1',
      '7.1',
    ]);
    expect(seed.sections.flatMap(looseLines)).toHaveLength(3);
    expect(sectionItems(seed.sections[7] as never)).toHaveLength(3);
    expect(seed.template).toHaveLength(7);
    expect(seed.checklist).toHaveLength(7);
    expect(seed.minTls).toBe('1.2');
    expect(seed.proxyAdvised).toBe(true);
    expect(seed.modules).toEqual(['SMTP', 'Microsoft Graph', 'SMS', 'Wi-Fi Guest', 'SSO cloud']);
  });

  it('has no difference with the seed', () => {
    expect(compare000(seed, catalog)).toEqual([]);
  });

  it.each(MUTATIONS)('catches a mutation: %s', (_, mutate, expected) => {
    const mutated = structuredClone(catalog);
    mutate(mutated);
    expect(compare000(seed, mutated).join('\n')).toMatch(expected);
  });

  it('keeps the seed typography in French labels (storage is not normalised)', () => {
    expect(catalog.features['wifi-guest-cloud']?.title.fr).toContain('Wi\u2011Fi');
    expect(flow(catalog, 'smtp-relay').label?.fr).toContain('Relais d’entreprise');
  });
});

import { describe, expect, it } from 'vitest';
import type { Catalog, Flow } from '../../src/model/catalog.js';
import { readCatalog, readSeed } from '../support/catalogs.js';
import { parseSeed001, SEED_001, type SeedRow001 } from '../support/seed-001.js';
import { m365Differences } from '../support/seed-001-fidelity.js';
import { missing, requirements, seedsDir } from '../support/system.js';

/**
 * Fidelity of catalogs/m365-additional-endpoints.yaml to seed 001. The seed is parsed on its own (seed-001.ts); the
 * comparison (seed-001-fidelity.ts) returns every difference. The real catalog must have none, and each mutation
 * below — the kinds of mistake a catalog author makes — must be reported.
 */
const skip = missing(requirements.seeds);

type Mutation = readonly [name: string, mutate: (c: Catalog) => void, expected: RegExp];

const flow = (c: Catalog, id: string): Flow => {
  const f = c.flows.find((x) => x.id === id);
  if (!f) throw new Error(`no flow ${id}`);
  return f;
};

const MUTATIONS: readonly Mutation[] = [
  [
    'reverse a flow (row 23: the customer sends to Graph)',
    (c) => {
      const f = flow(c, 'graph-change-notifications');
      [f.from, f.to] = [f.to, f.from];
    },
    /row 23 graph-change-notifications: the type contradicts the ends/,
  ],
  [
    'reverse a flow whose ends are both site-bound (row 6)',
    (c) => {
      const f = flow(c, 'mailbox-migration-ews-mrs');
      [f.from, f.to] = [f.to, f.from];
    },
    /row 6 mailbox-migration-ews-mrs: the type contradicts the ends/,
  ],
  [
    'change a direction (row 6 outbound)',
    (c) => {
      flow(c, 'mailbox-migration-ews-mrs').direction = 'outbound';
    },
    /row 6 .*direction outbound ≠ seed inbound/,
  ],
  ['drop a condition (row 24)', (c) => void delete flow(c, 'ncsi-probe').when, /row 24 ncsi-probe: no condition/],
  [
    'widen a condition (row 4, 49443 without its option)',
    (c) => {
      flow(c, 'sts-clienttls').when = 'adfs-federation';
    },
    /row 4 sts-clienttls: condition "adfs-federation" does not require adfs-port-49443/,
  ],
  [
    'widen a condition (row 20, && becomes ||)',
    (c) => {
      flow(c, 'entra-connect-china-entra').when = 'entra-connect || china-21vianet';
    },
    /row 20 entra-connect-china-entra: condition .* does not require entra-connect/,
  ],
  [
    'invent a condition (row 2 needs Exchange hybrid)',
    (c) => {
      flow(c, 'sara-outbound').when = 'support-recovery-assistant && exchange-hybrid';
    },
    /row 2 sara-outbound: condition .* requires exchange-hybrid, not in the seed/,
  ],
  [
    'move the 2010 SP3 condition to the other leg of row 9',
    (c) => {
      flow(c, 'hcw-exchange-2010-live-domains').when = 'hybrid-wizard';
      flow(c, 'hcw-endpoints').when = 'hybrid-wizard && hybrid-wizard-exchange-2010';
    },
    /row 9 hcw-exchange-2010-live-domains: condition "hybrid-wizard" does not require hybrid-wizard-exchange-2010/,
  ],
  [
    'change a level (row 13 mandatory)',
    (c) => {
      flow(c, 'skype-hybrid-media').level = 'mandatory';
    },
    /row 13 skype-hybrid-media: level mandatory/,
  ],
  [
    'turn a scenario on by default',
    (c) => {
      (c.features.stream as { default: boolean }).default = true;
    },
    /feature stream: on by default/,
  ],
  [
    'change authentication (row 4b without its client certificate)',
    (c) => {
      flow(c, 'sts-clienttls').auth = { default: ['unknown'], supported: ['unknown'] };
    },
    /row 4 sts-clienttls: ClientTLS is certificate authentication/,
  ],
  [
    'invent authentication (row 6 Kerberos)',
    (c) => {
      flow(c, 'mailbox-migration-ews-mrs').auth = { default: ['kerberos'], supported: ['kerberos'] };
    },
    /row 6 mailbox-migration-ews-mrs: authentication kerberos without origin/,
  ],
  [
    'drop the Entra token of row 21',
    (c) => void delete flow(c, 'stream').auth,
    /row 21 stream: the Entra user token is OAuth 2.0/,
  ],
  [
    'change encryption (row 2 https:// not on by default)',
    (c) => {
      (flow(c, 'sara-outbound').encryption as { byDefault: string }).byDefault = 'no';
    },
    /row 2 sara-outbound: https:\/\/ is TLS, on by default/,
  ],
  [
    'claim encryption on by default the seed does not state (row 6)',
    (c) => {
      (flow(c, 'mailbox-migration-ews-mrs').encryption as { byDefault: string }).byDefault = 'yes';
    },
    /row 6 mailbox-migration-ews-mrs: encryption byDefault yes, the seed says nothing/,
  ],
  [
    'add an invented destination (row 2)',
    (c) => void c.roles['sara-endpoints']?.addresses?.push('diag.example.com'),
    /row 2: address \* diag\.example\.com not in the seed/,
  ],
  [
    'drop an address of one cloud (row 23, US Government IPv6)',
    (c) => {
      const values = c.roles['graph-notifications']?.addressesBy?.values as Record<string, string[]>;
      values['us-government'] = (values['us-government'] ?? []).filter((a) => !a.startsWith('2001:'));
    },
    /row 23: seed address us-government 2001:489a:3500::\/50 missing/,
  ],
  [
    'move an address to another cloud (row 9)',
    (c) => {
      const values = c.roles['hcw-endpoints']?.addressesBy?.values as Record<string, string[]>;
      values.worldwide?.push('40.118.209.192/32');
      values['gcc-high-dod'] = ['168.62.190.41/32'];
    },
    /row 9: address worldwide 40\.118\.209\.192\/32 not in the seed/,
  ],
  [
    'move a port between legs (row 20: 80 to the Entra leg)',
    (c) => {
      flow(c, 'entra-connect-china-ca').services = ['https'];
      flow(c, 'entra-connect-china-entra').services = ['http'];
    },
    /row 20: \*\.digicert\.com on tcp\/443 ≠ seed tcp\/80/,
  ],
  [
    'widen a port (row 13 SIP 5060-5061)',
    (c) => {
      flow(c, 'skype-hybrid-sip').services = ['tcp/5060-5061'];
    },
    /row 13: ports/,
  ],
  [
    'remove a flow and what references it (row 24)',
    (c) => {
      c.flows = c.flows.filter((f) => f.id !== 'ncsi-probe');
      delete c.roles['ncsi-probe'];
      delete c.features.ncsi;
    },
    /row 24: no flow/,
  ],
  [
    'add the -my name back without origin (row 17)',
    (c) => {
      const role = c.roles['sharepoint-tenant'];
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a catalog template, filled by the resolver
      role?.addresses?.push('${tenant}-my.sharepoint.com');
      delete role?.origin;
      delete flow(c, 'trusted-sites-sharepoint').origin;
    },
    /row 17: \$\{tenant\}-my\.sharepoint\.com is not in the seed and has no origin/,
  ],
  [
    'drop the origin of the OneDrive name (row 17)',
    (c) => {
      delete c.roles['onedrive-tenant']?.origin;
      delete flow(c, 'trusted-sites-sharepoint').origin;
    },
    /row 17: \$\{tenant\}-my\.sharepoint\.com is not in the seed and has no origin/,
  ],
  [
    'drop the contradiction marker of row 21',
    (c) => void delete flow(c, 'stream').origin?.direction,
    /row 21 stream: the type contradicts the ends; no origin says so/,
  ],
  [
    'drop the origin of an inferred proxy setting (row 20)',
    (c) => void delete flow(c, 'entra-connect-china-entra').origin?.proxy,
    /row 20 entra-connect-china-entra: proxy allowed without origin/,
  ],
  [
    'drop the proxy the seed requires (row 18)',
    (c) => void delete flow(c, 'trusted-sites-yammer').proxy,
    /row 18 .*requires a proxy/,
  ],
  [
    'drop the origin of a source the row does not name (row 9)',
    (c) => void delete flow(c, 'hcw-endpoints').origin?.from,
    /row 9 hcw-endpoints: from exchange-onprem is not named by the row/,
  ],
  [
    'drop the origin of TCP read from host:port (row 20)',
    (c) => void delete flow(c, 'entra-connect-china-ca').origin?.services,
    /row 20 entra-connect-china-ca: ports read from a scheme or host:port carry an origin/,
  ],
  [
    'plain apostrophe in a label (row 24)',
    (c) => {
      (flow(c, 'ncsi-probe').label as { fr: string }).fr = "Indicateur d'état de la connexion réseau";
    },
    /row 24 ncsi-probe: label/,
  ],
  [
    'make a reference row a network row (row 7)',
    (c) => {
      flow(c, 'hybrid-coexistence').services = ['https'];
    },
    /row 7: ports tcp\/443 ≠ seed/,
  ],
];

describe.skipIf(skip)('m365-additional-endpoints catalog against seed 001', () => {
  const raw = skip ? '' : readSeed(seedsDir(), SEED_001);
  const rows = parseSeed001(raw);
  const row = (n: number) => rows[n - 1] as SeedRow001;

  it('finds the 25 numbered rows, each with its facts', () => {
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(raw).toContain('2001\u00A0:489a\u00A0:3500\u00A0::/50');
    const clouds = (cloud: string) => [...row(23).addresses.values()].filter((a) => a.cloud === cloud).length;
    expect([clouds('worldwide'), clouds('us-government'), clouds('china-21vianet')]).toEqual([106, 19, 14]);
    expect(row(23).addresses.has('2406:e500:5500::/48')).toBe(true);
    expect(row(2).addresses.size).toBe(16);
    expect([...row(13).rowPorts].sort()).toEqual(['tcp/50000-59999', 'tcp/5061', 'udp/50000-59999']);
    expect([...(row(9).addresses.get('domains.live.com')?.ports ?? [])]).toEqual(['tcp/80', 'tcp/443']);
    expect(rows.map((r) => r.direction).join(' ')).toBe(
      'outbound outbound inbound inbound outbound inbound inbound inbound outbound inbound outbound user outbound ' +
        'inbound user user user user outbound outbound inbound outbound inbound outbound outbound',
    );
    expect(row(17).namePattern).toEqual({ suffix: '.sharepoint.com', param: 'locataire' });
    expect(rows.filter((r) => r.proxyRequired).map((r) => r.n)).toEqual([18]);
    expect(rows.filter((r) => r.bareHostPorts).map((r) => r.n)).toEqual([20]);
  });

  it('the catalog has no difference with the seed', () => {
    expect(m365Differences(readCatalog('m365-additional-endpoints'), rows)).toEqual([]);
  });

  it.each(MUTATIONS)('reports a mutation: %s', (_name, mutate, expected) => {
    const mutated = structuredClone(readCatalog('m365-additional-endpoints'));
    mutate(mutated);
    const differences = m365Differences(mutated, rows);
    expect(
      differences.some((d) => expected.test(d)),
      differences.join('\n'),
    ).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { Catalog, Flow } from '../../src/model/catalog.js';
import { readCatalog, readSeed } from '../support/catalogs.js';
import { normalisePorts, parseSeed004, SEED_004, splitProtocolCell } from '../support/seed-004.js';
import { lyncDifferences } from '../support/seed-004-fidelity.js';
import { missing, requirements, seedsDir } from '../support/system.js';

/**
 * Fidelity of catalogs/lync-2013-edge.yaml to seed 004. The seed's tables are parsed on their own (seed-004.ts);
 * the comparison (seed-004-fidelity.ts) returns every difference. The real catalog must have none, and each
 * mutation below must be reported.
 */
const reason = missing(requirements.seeds);

type Mutation = readonly [name: string, mutate: (c: Catalog) => void, expected: RegExp];

const flow = (c: Catalog, id: string): Flow => {
  const f = c.flows.find((x) => x.id === id);
  if (!f) throw new Error(`no flow ${id}`);
  return f;
};

const MUTATIONS: readonly Mutation[] = [
  [
    'reverse a flow (external row 14)',
    (c) => {
      const f = flow(c, 'ext-stun-udp-in');
      [f.from, f.to] = [f.to, f.from];
    },
    /External interface, row 14 ext-stun-udp-in: from edge-av ≠ seed|from is « Indifférente »/,
  ],
  [
    'reverse an internal flow (internal row 8)',
    (c) => {
      const f = flow(c, 'int-cms-replication');
      [f.from, f.to] = [f.to, f.from];
    },
    /Internal interface, row 8 int-cms-replication: from edge-internal ≠ seed front-end/,
  ],
  [
    'change a direction (federation row 1 inbound)',
    (c) => {
      flow(c, 'fed-sip-out').direction = 'inbound';
    },
    /Federation, row 1 fed-sip-out: direction inbound ≠ seed outbound/,
  ],
  [
    'move a row to the other interface (XMPP row 3)',
    (c) => {
      flow(c, 'xmpp-gateway-internal').interface = 'external';
    },
    /XMPP, row 3 xmpp-gateway-internal: interface external ≠ seed internal/,
  ],
  [
    'drop a condition (external row 10, OCS 2007 only)',
    (c) => {
      flow(c, 'ext-rtp-udp-out-ocs2007').when = 'av && federation';
    },
    /External interface, row 10 .*does not require federation-ocs2007/,
  ],
  [
    'widen a condition (external row 13 without A/V)',
    (c) => {
      flow(c, 'ext-stun-udp-out').when = 'federation || public-im || multiple-edge-pools';
    },
    /External interface, row 13 .*does not require av/,
  ],
  [
    'narrow an either-or condition (external row 6 federation only)',
    (c) => {
      flow(c, 'ext-sip-federation-in').when = 'federation';
    },
    /External interface, row 6 ext-sip-federation-in: condition does not accept public-im alone/,
  ],
  [
    'drop the several-pools case of external row 13',
    (c) => {
      flow(c, 'ext-stun-udp-out').when = 'av && (federation || public-im)';
    },
    /condition does not accept multiple-edge-pools alone/,
  ],
  [
    'invent a condition (internal row 2 needs federation)',
    (c) => {
      flow(c, 'int-sip-to-edge').when = 'federation';
    },
    /Internal interface, row 2 int-sip-to-edge: condition requires federation, not in the seed/,
  ],
  [
    'change a level (public IM row 1 mandatory)',
    (c) => {
      flow(c, 'pic-sip-in').level = 'mandatory';
    },
    /Public IM connectivity, row 1 pic-sip-in: level mandatory ≠ seed optional/,
  ],
  [
    'change a level (internal row 9 recommended)',
    (c) => {
      flow(c, 'int-cls-50001').level = 'recommended';
    },
    /Internal interface, row 9 int-cls-50001: level recommended ≠ seed mandatory/,
  ],
  [
    'change authentication (internal row 2 without mutual TLS)',
    (c) => {
      flow(c, 'int-sip-to-edge').auth = { default: ['unknown'], supported: ['unknown'] };
    },
    /Internal interface, row 2 int-sip-to-edge: MTLS authenticates both ends/,
  ],
  [
    'invent authentication (external row 5 NTLM)',
    (c) => {
      flow(c, 'ext-sip-client-in').auth = { default: ['ntlm'], supported: ['ntlm', 'kerberos'] };
    },
    /External interface, row 5 ext-sip-client-in: authentication ntlm, ntlm, kerberos without origin/,
  ],
  [
    'change encryption (external row 8 PSOM(TLS) not encrypted)',
    (c) => {
      flow(c, 'ext-psom-in').encryption = { supported: [], byDefault: 'no' };
    },
    /External interface, row 8 ext-psom-in: TLS is encrypted by default/,
  ],
  [
    'claim RTP is encrypted by default (external row 11)',
    (c) => {
      flow(c, 'ext-rtp-tcp-in-ocs2007').encryption = { supported: ['srtp'], byDefault: 'yes' };
    },
    /External interface, row 11 .*encryption byDefault yes, the cell says nothing/,
  ],
  [
    'drop the origin of SRTP on STUN (public IM row 6)',
    (c) => {
      flow(c, 'pic-stun-udp-in').origin = { auth: flow(c, 'pic-stun-udp-in').origin?.auth };
    },
    /Public IM connectivity, row 6 pic-stun-udp-in: encryption srtp without origin/,
  ],
  [
    'add an invented destination (external row 2 also to the front end)',
    (c) => {
      flow(c, 'ext-crl-http').to = ['internet-any', 'front-end'];
    },
    /External interface, row 2 ext-crl-http: to is « Indifférente » \(any\), not internet-any, front-end/,
  ],
  [
    'fix an address on a narrowable source (internal row 4)',
    (c) => {
      (c.roles['front-end'] as { addresses?: string[] }).addresses = ['192.0.2.10'];
    },
    /Internal interface, row 4 int-psom: from front-end is site-bound, not fixed/,
  ],
  [
    'move a port between legs (internal rows 9 and 10 swap 50001/50002)',
    (c) => {
      flow(c, 'int-cls-50001').services = ['cls-50002'];
      flow(c, 'int-cls-50002').services = ['cls-50001'];
    },
    /Internal interface, row 9 int-cls-50001: ports tcp\/50002 ≠ seed tcp\/50001/,
  ],
  [
    'widen a port range (public IM row 4)',
    (c) => {
      flow(c, 'pic-rtp-tcp-out').services = ['tcp/50000-60000'];
    },
    /Public IM connectivity, row 4 pic-rtp-tcp-out: ports tcp\/50000-60000 ≠ seed tcp\/50000-59999/,
  ],
  [
    'remove a flow and what references it (federation row 1)',
    (c) => {
      c.flows = c.flows.filter((f) => f.id !== 'fed-sip-out');
    },
    /Federation, row 1: 0 flows, not 1/,
  ],
  [
    'add a flow the seed does not have, without origin',
    (c) =>
      void c.flows.push({
        ...flow(c, 'ext-dns-udp'),
        id: 'ext-ntp',
        ref: 'External interface, NTP',
        origin: undefined,
      }),
    /ext-ntp: not a table row, and no origin/,
  ],
  [
    'turn a legacy option on by default',
    (c) => {
      (c.features['federation-ocs2007'] as { default: boolean }).default = true;
    },
    /feature federation-ocs2007: on by default without origin/,
  ],
  [
    'drop the origin of a narrowed source (internal row 5)',
    (c) => void delete flow(c, 'int-av-auth').origin,
    /Internal interface, row 5 int-av-auth: from narrows « Indifférente » without origin/,
  ],
  [
    'plain spaces instead of the seed’s no-break spaces in a label (external row 12)',
    (c) => {
      (flow(c, 'ext-rtp-udp-in-ocs2007').label as { fr: string }).fr = 'A/V/RTP/UDP/50 000-59 999 — entrant';
    },
    /External interface, row 12 .*label « A\/V\/RTP\/UDP\/50 000-59 999 »/,
  ],
];

describe.skipIf(reason)('lync-2013-edge catalog vs seed 004', () => {
  const seed = reason ? '' : readSeed(seedsDir(), SEED_004);
  const rows = parseSeed004(seed);

  it('finds the 37 rows of the five tables, with their cells as written', () => {
    expect(rows).toHaveLength(37);
    const rtp = rows.find((r) => r.ref === 'External interface, row 9');
    expect(rtp?.rawCell).toBe('A/V/RTP/TCP/50\u00a0000-59\u00a0999');
    expect(rtp?.spec).toBe('tcp/50000-59999');
    expect(rows.filter((r) => r.iface === 'internal').map((r) => r.ref)).toHaveLength(12);
  });

  it('the catalog has no difference with the seed', () => {
    expect(lyncDifferences(readCatalog('lync-2013-edge'), rows, seed)).toEqual([]);
  });

  it.each(MUTATIONS)('reports a mutation: %s', (_name, mutate, expected) => {
    const mutated = structuredClone(readCatalog('lync-2013-edge'));
    mutate(mutated);
    const differences = lyncDifferences(mutated, rows, seed);
    expect(
      differences.some((d) => expected.test(d)),
      differences.join('\n'),
    ).toBe(true);
  });
});

describe('the Lync seed parser itself', () => {
  it('normalises thousands separators: space, U+00A0 and U+202F', () => {
    expect(normalisePorts('50 000-59 999')).toBe('50000-59999');
    expect(normalisePorts('50\u00a0000-59\u202f999')).toBe('50000-59999');
    expect(normalisePorts('3478')).toBe('3478');
  });

  it('splits role, application, transport and port', () => {
    expect(splitProtocolCell('A/V/RTP/TCP/50 000-59 999', true)).toEqual({ app: 'RTP', spec: 'tcp/50000-59999' });
    expect(splitProtocolCell('A/V/STUN,MSTURN/UDP/3478', true)).toEqual({ app: 'STUN/MSTURN', spec: 'udp/3478' });
    expect(splitProtocolCell('Accès/SIP(MTLS)/TCP/5061', true)).toEqual({ app: 'SIP/MTLS', spec: 'tcp/5061' });
    expect(splitProtocolCell('MTLS/TCP/50001', false)).toEqual({ app: 'MTLS', spec: 'tcp/50001' });
  });
});

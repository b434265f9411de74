import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket, placePacket } from '../../../src/ruleset/packet.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { parseSrxConfig } from '../../../src/targets/juniper-srx/parse/index.js';
import { fixturesDir, fixturesRequirement } from '../../support/fixtures.js';
import { missing } from '../../support/system.js';
import { must } from '../support/verify-round-trip.js';

/**
 * An SRX picks a packet's egress by its routes: a packet that says no interface leaves where its destination is
 * routed (the networks of its units, static routes by next hop or interface, the longest prefix, the lowest
 * preference) and comes in where the route back to its source leads. A discard route, or a next hop no interface
 * holds, places nothing, and keeps a shorter prefix from placing what it would not take.
 */
const SET = `set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.2/24
set interfaces ge-0/0/1 unit 0 family inet address 10.1.0.1/24
set interfaces ge-0/0/1 unit 0 family inet6 address 2001:db8:1::1/64
set interfaces ge-0/0/2 unit 0 family inet address 172.16.0.1/24
set interfaces st0 unit 0 family inet
set routing-options static route 0.0.0.0/0 next-hop 203.0.113.1
set routing-options static route 10.0.0.0/8 next-hop 10.1.0.254
set routing-options static route 10.9.0.0/16 next-hop st0.0
set routing-options static route 10.66.0.0/16 discard
set routing-options static route 10.77.0.0/16 next-hop 10.1.0.253
set routing-options static route 10.77.0.0/16 next-hop 172.16.0.253
set routing-options static route 10.88.0.0/16 next-hop 10.1.0.254
set routing-options static route 10.88.0.0/16 qualified-next-hop 172.16.0.254 preference 7
set routing-options static route 10.99.0.0/16 next-hop 192.0.2.1
set routing-options rib inet6.0 static route ::/0 next-hop 2001:db8:1::fe
set security zones security-zone untrust interfaces ge-0/0/0.0
set security zones security-zone trust interfaces ge-0/0/1.0
set security zones security-zone dmz interfaces ge-0/0/2.0
set security zones security-zone vpn interfaces st0.0
set security policies from-zone untrust to-zone dmz policy web match source-address any destination-address any application junos-http
set security policies from-zone untrust to-zone dmz policy web then permit
set security policies from-zone trust to-zone vpn policy tunnel match source-address any destination-address any application any
set security policies from-zone trust to-zone vpn policy tunnel then permit
`;

const BRACES = `interfaces {
    ge-0/0/0 { unit 0 { family inet { address 203.0.113.2/24; } } }
    ge-0/0/1 {
        unit 0 {
            family inet { address 10.1.0.1/24; }
            family inet6 { address 2001:db8:1::1/64; }
        }
    }
    ge-0/0/2 { unit 0 { family inet { address 172.16.0.1/24; } } }
    st0 { unit 0 { family inet; } }
}
routing-options {
    rib inet6.0 {
        static { route ::/0 next-hop 2001:db8:1::fe; }
    }
    static {
        route 0.0.0.0/0 next-hop 203.0.113.1;
        route 10.0.0.0/8 next-hop 10.1.0.254;
        route 10.9.0.0/16 next-hop st0.0;
        route 10.66.0.0/16 discard;
        route 10.77.0.0/16 next-hop [ 10.1.0.253 172.16.0.253 ];
        route 10.88.0.0/16 {
            next-hop 10.1.0.254;
            qualified-next-hop 172.16.0.254 { preference 7; }
        }
        route 10.99.0.0/16 next-hop 192.0.2.1;
    }
}
security {
    zones {
        security-zone untrust { interfaces { ge-0/0/0.0; } }
        security-zone trust { interfaces { ge-0/0/1.0; } }
        security-zone dmz { interfaces { ge-0/0/2.0; } }
        security-zone vpn { interfaces { st0.0; } }
    }
    policies {
        from-zone untrust to-zone dmz {
            policy web { match { source-address any; destination-address any; application junos-http; } then { permit; } }
        }
        from-zone trust to-zone vpn {
            policy tunnel { match { source-address any; destination-address any; application any; } then { permit; } }
        }
    }
}
`;

function place(ruleset: Ruleset, text: string): { placed: readonly string[]; answer: string } {
  const p = parsePacket(text);
  if (!p.ok) throw new Error(p.message);
  const placed = placePacket(ruleset, p.value);
  if (!placed.ok) throw new Error(placed.message);
  const d = evaluate(ruleset, p.value);
  const answer =
    d.kind === 'decided' ? `${d.action}${d.decidedBy ? ` by ${d.decidedBy.rule.provenance.text}` : ''}` : d.kind;
  return { placed: placed.value.placed.map((s) => s.replace(/srx\.conf:\d+/, 'srx.conf:N')), answer };
}

/** Each route as `prefix interface`, and whether its line holds its prefix, its next hop or the unit's address. */
const said = (ruleset: Ruleset, text: string) =>
  (ruleset.routes ?? []).map((r) => {
    const line = text.split('\n')[(r.provenance.line ?? 0) - 1] ?? '';
    const word = (r.provenance.text ?? '').split(' ').find((w) => /^[\d:].*[.:/]/.test(w) && line.includes(w));
    return `${r.destination.toCidrs()[0]} ${r.interface || '(untold)'}${word ? '' : ' (line?)'}`;
  });

describe.each([
  ['set', SET],
  ['braces', BRACES],
])('juniper-srx (%s): a packet without interfaces is placed by the routes', (form, text) => {
  const ruleset = must(parseSrxConfig({ path: 'srx.conf', text }));

  it('reads unit networks and static routes, by the unit the zones list', () => {
    expect(said(ruleset, text).sort()).toEqual(
      [
        '203.0.113.0/24 ge-0/0/0.0',
        '10.1.0.0/24 ge-0/0/1.0',
        '2001:db8:1::/64 ge-0/0/1.0',
        '172.16.0.0/24 ge-0/0/2.0',
        '0.0.0.0/0 ge-0/0/0.0',
        '10.0.0.0/8 ge-0/0/1.0',
        '10.9.0.0/16 st0.0',
        // discard, and a next hop no interface holds: routed, by no interface that can be told.
        '10.66.0.0/16 (untold)',
        '10.77.0.0/16 ge-0/0/1.0',
        '10.77.0.0/16 ge-0/0/2.0',
        // The qualified next hop's preference 7 loses to the plain next hop's 5.
        '10.88.0.0/16 ge-0/0/1.0',
        '10.99.0.0/16 (untold)',
        '::/0 ge-0/0/1.0',
      ].sort(),
    );
    if (form === 'set')
      expect(ruleset.routes?.map((r) => r.provenance.line)).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 14, 15]);
  });

  it.each([
    [
      'tcp 198.51.100.7:40000 -> 172.16.0.10:80',
      'accept by from-zone untrust to-zone dmz policy web',
      [
        'in ge-0/0/0.0 (the route back to 198.51.100.7: 0.0.0.0/0, srx.conf:N; zone untrust)',
        'out ge-0/0/2.0 (the route to 172.16.0.10: 172.16.0.0/24, srx.conf:N; zone dmz)',
      ],
    ],
    ['tcp 198.51.100.7:40000 -> 172.16.0.10:22', 'drop', undefined],
    // The longest prefix: 10.9/16 by the tunnel, the rest of 10/8 inside.
    [
      'tcp 10.1.0.5:40000 -> 10.9.1.1:22',
      'accept by from-zone trust to-zone vpn policy tunnel',
      [
        'in ge-0/0/1.0 (the route back to 10.1.0.5: 10.1.0.0/24, srx.conf:N; zone trust)',
        'out st0.0 (the route to 10.9.1.1: 10.9.0.0/16, srx.conf:N; zone vpn)',
      ],
    ],
    ['tcp 10.1.0.5:40000 -> 10.88.1.1:22', 'drop', undefined],
  ])('%s: %s', (packet, answer, placed) => {
    const got = place(ruleset, packet);
    expect(got.answer).toBe(answer);
    if (placed) expect(got.placed).toEqual(placed);
  });

  it.each([
    ['a tie of two next hops', '10.77.1.1'],
    ['a discard route (not 10/8 behind it)', '10.66.1.1'],
    ['a next hop no interface holds', '10.99.1.1'],
  ])('leaves the egress unsaid for %s', (_, destination) => {
    expect(place(ruleset, `tcp 10.1.0.5:40000 -> ${destination}:22`).placed).toEqual([
      'in ge-0/0/1.0 (the route back to 10.1.0.5: 10.1.0.0/24, srx.conf:N; zone trust)',
    ]);
  });

  it('routes IPv6 by its rib', () => {
    expect(place(ruleset, 'tcp [2001:db8:1::5]:40000 -> [2001:db8:99::1]:443').placed).toEqual([
      'in ge-0/0/1.0 (the route back to 2001:db8:1::5: 2001:db8:1::/64, srx.conf:N; zone trust)',
      'out ge-0/0/1.0 (the route to 2001:db8:99::1: ::/0, srx.conf:N; zone trust)',
    ]);
  });
});

describe('juniper-srx: routes read carefully', () => {
  it('reads none where routing instances hold interfaces (their own tables)', () => {
    const text = `${SET}set routing-instances blue instance-type virtual-router\nset routing-instances blue interface ge-0/0/2.0\n`;
    expect(must(parseSrxConfig({ path: 'srx.conf', text })).routes).toBeUndefined();
  });
});

const FIXTURE = `${fixturesDir()}/firewalls/juniper_srx/azure_srx_junos_12.1_show_configuration.txt`;

describe.skipIf(missing(fixturesRequirement) !== undefined)('juniper-srx: routes of a real configuration', () => {
  it('places a packet from the LAN to Azure out of the tunnel, by the route to 10.0.0.0/16', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const ruleset = must(parseSrxConfig({ path: 'azure.conf', text }));
    const got = place(ruleset, 'tcp 192.168.1.10:40000 -> 10.0.1.5:443');
    expect(got.placed).toEqual([
      'in vlan.1 (the route back to 192.168.1.10: 192.168.1.0/24, azure.conf:144; zone Internal)',
      'out st0.0 (the route to 10.0.1.5: 10.0.0.0/16, azure.conf:152; zone Internet)',
    ]);
    expect(got.answer).toMatch(/^accept by from-zone Internal to-zone Internet policy /);
  });
});

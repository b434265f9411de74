import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket, placePacket } from '../../../src/ruleset/packet.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { parseFortiosConfig } from '../../../src/targets/fortios/parse/index.js';
import { fixturesDir, fixturesRequirement } from '../../support/fixtures.js';
import { missing } from '../../support/system.js';
import { must } from '../support/verify-round-trip.js';

/**
 * A FortiGate picks a packet's egress by its routes: a packet that says no interface leaves where its destination is
 * routed (the networks of its interfaces, `config router static` and `static6`, the longest prefix, then the lowest
 * distance) and comes in where the route back to its source leads. A blackhole places nothing, and keeps a shorter
 * prefix from placing what it would not take.
 */
const CONFIG = `config system interface
    edit "port1"
        set ip 10.1.0.1 255.255.255.0
        config ipv6
            set ip6-address 2001:db8:1::1/64
        end
    next
    edit "port2"
        set ip 10.2.0.1/24
        config secondaryip
            edit 1
                set ip 10.22.0.1 255.255.255.0
            next
        end
    next
    edit "port3"
        set ip 203.0.113.2 255.255.255.0
    next
    edit "port4"
        set ip 0.0.0.0 0.0.0.0
    next
    edit "vpn1"
        set type tunnel
    next
end
config system zone
    edit "lan"
        set interface "port1" "port2"
    next
end
config router static
    edit 1
        set gateway 203.0.113.1
        set device "port3"
    next
    edit 2
        set dst 10.0.0.0 255.0.0.0
        set gateway 10.1.0.254
        set device "port1"
    next
    edit 3
        set dst 10.9.0.0/16
        set device "vpn1"
    next
    edit 4
        set dst 10.66.0.0 255.255.0.0
        set blackhole enable
    next
    edit 5
        set dst 10.77.0.0 255.255.0.0
        set device "port1"
    next
    edit 6
        set dst 10.77.0.0 255.255.0.0
        set device "port3"
    next
    edit 7
        set dst 10.88.0.0 255.255.0.0
        set device "vpn1"
        set distance 20
    next
    edit 8
        set dst 10.88.0.0 255.255.0.0
        set device "port2"
    next
    edit 9
        set dst 10.99.0.0 255.255.0.0
        set device "port3"
        set status disable
    next
end
config router static6
    edit 1
        set device "port3"
    next
end
config firewall policy
    edit 1
        set srcintf "lan"
        set dstintf "vpn1"
        set srcaddr "all"
        set dstaddr "all"
        set action accept
        set schedule "always"
        set service "ALL"
    next
    edit 2
        set srcintf "port3"
        set dstintf "lan"
        set srcaddr "all"
        set dstaddr "all"
        set action accept
        set schedule "always"
        set service "HTTPS"
    next
end
`;

const ruleset = must(parseFortiosConfig({ path: 'fw.conf', text: CONFIG }));

function place(rs: Ruleset, text: string): { placed: readonly string[]; answer: string } {
  const p = parsePacket(text);
  if (!p.ok) throw new Error(p.message);
  const placed = placePacket(rs, p.value);
  if (!placed.ok) throw new Error(placed.message);
  const d = evaluate(rs, p.value);
  const answer =
    d.kind === 'decided' ? `${d.action}${d.decidedBy ? `@${d.decidedBy.rule.provenance.line}` : ''}` : d.kind;
  return { placed: placed.value.placed, answer };
}

describe('fortios: a packet without interfaces is placed by the routes', () => {
  it('reads interface networks and enabled static routes, by device (no address, blackhole: none told)', () => {
    expect(
      ruleset.routes?.map((r) => `${r.destination.toCidrs()[0]} ${r.interface || '(untold)'} @${r.provenance.line}`),
    ).toEqual([
      '10.1.0.0/24 port1 @3',
      '2001:db8:1::/64 port1 @5',
      '10.2.0.0/24 port2 @9',
      '10.22.0.0/24 port2 @12',
      '203.0.113.0/24 port3 @17',
      '0.0.0.0/0 port3 @32',
      '10.0.0.0/8 port1 @36',
      '10.9.0.0/16 vpn1 @41',
      '10.66.0.0/16 (untold) @45',
      '10.77.0.0/16 port1 @49',
      '10.77.0.0/16 port3 @53',
      // Distance 10 (the default) before 20.
      '10.88.0.0/16 port2 @62',
      '::/0 port3 @73',
    ]);
  });

  it.each([
    [
      'tcp 198.51.100.7:40000 -> 10.2.0.10:443',
      'accept@87',
      [
        'in port3 (the route back to 198.51.100.7: 0.0.0.0/0, fw.conf:32; zone port3)',
        'out port2 (the route to 10.2.0.10: 10.2.0.0/24, fw.conf:9; zone lan)',
      ],
    ],
    ['tcp 198.51.100.7:40000 -> 10.2.0.10:22', 'drop', undefined],
    // The longest prefix: 10.9/16 by the tunnel, the rest of 10/8 by port1.
    [
      'tcp 10.1.0.5:40000 -> 10.9.1.1:22',
      'accept@78',
      [
        'in port1 (the route back to 10.1.0.5: 10.1.0.0/24, fw.conf:3; zone lan)',
        'out vpn1 (the route to 10.9.1.1: 10.9.0.0/16, fw.conf:41; zone vpn1)',
      ],
    ],
    // A disabled route takes nothing: 10/8 does.
    [
      'tcp 10.22.0.5:40000 -> 10.99.1.1:22',
      'drop',
      [
        'in port2 (the route back to 10.22.0.5: 10.22.0.0/24, fw.conf:12; zone lan)',
        'out port1 (the route to 10.99.1.1: 10.0.0.0/8, fw.conf:36; zone lan)',
      ],
    ],
    [
      'tcp [2001:db8:1::5]:40000 -> [2001:db8:99::1]:443',
      'drop',
      [
        'in port1 (the route back to 2001:db8:1::5: 2001:db8:1::/64, fw.conf:5; zone lan)',
        'out port3 (the route to 2001:db8:99::1: ::/0, fw.conf:73; zone port3)',
      ],
    ],
  ])('%s: %s', (packet, answer, placed) => {
    const got = place(ruleset, packet);
    expect(got.answer).toBe(answer);
    if (placed) expect(got.placed).toEqual(placed);
  });

  it.each([
    ['two devices at one distance', '10.77.1.1'],
    ['a blackhole (not 10/8 behind it)', '10.66.1.1'],
  ])('leaves the egress unsaid for %s', (_, destination) => {
    expect(place(ruleset, `tcp 10.1.0.5:40000 -> ${destination}:22`).placed).toEqual([
      'in port1 (the route back to 10.1.0.5: 10.1.0.0/24, fw.conf:3; zone lan)',
    ]);
  });

  it('reads no route where one goes to a named address (its prefix unknown)', () => {
    const text = CONFIG.replace('        set dst 10.9.0.0/16\n', '        set dstaddr "azure"\n');
    expect(must(parseFortiosConfig({ path: 'fw.conf', text })).routes).toBeUndefined();
  });
});

const FIXTURE = `${fixturesDir()}/firewalls/fortigate/azure_fg100d_5.04_show_full-configuration.conf`;

describe.skipIf(missing(fixturesRequirement) !== undefined)('fortios: routes of a real configuration', () => {
  it('places a packet from the LAN to Azure into the tunnel, by the route to 10.2.0.0/16', () => {
    const rs = must(parseFortiosConfig({ path: 'fg.conf', text: readFileSync(FIXTURE, 'utf8') }));
    const got = place(rs, 'tcp 192.168.100.10:40000 -> 10.2.1.1:443');
    expect(got.placed).toEqual([
      'in lan (the route back to 192.168.100.10: 192.168.100.0/24, fg.conf:755; zone lan)',
      'out Site2Site (the route to 10.2.1.1: 10.2.0.0/16, fg.conf:10417; zone Site2Site)',
    ]);
    // Policy 2 (lan → Site2Site), not tried in every zone.
    expect(got.answer).toBe('accept@8080');
  });
});

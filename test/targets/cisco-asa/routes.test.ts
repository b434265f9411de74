import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/model/issues.js';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { rulesetFromJson, rulesetToJson } from '../../../src/ruleset/json.js';
import { parsePacket, placePacket } from '../../../src/ruleset/packet.js';
import { parseAsa } from '../../../src/targets/cisco-asa/parse/index.js';

/**
 * An ASA picks a packet's egress by its routes: a packet that does not say its interfaces leaves where its destination
 * is routed (connected networks, the DHCP default route, static routes, the longest prefix) and comes in where the
 * route back to its source leads — instead of being tried on every interface and called "cannot tell".
 */
const CONFIG = `ASA Version 9.12(4)
hostname fw
interface GigabitEthernet0/0
 nameif outside
 security-level 0
 ip address dhcp setroute
interface GigabitEthernet0/1
 nameif inside
 security-level 100
 ip address 192.168.10.1 255.255.255.0
 ipv6 address 2001:db8:10::1/64
interface GigabitEthernet0/2
 nameif dmz
 security-level 50
 ip address 172.20.0.1 255.255.255.0
route inside 10.0.0.0 255.0.0.0 192.168.10.254 1
route dmz 10.9.0.0 255.255.0.0 172.20.0.254
route Null0 10.66.0.0 255.255.0.0
route inside 10.77.0.0 255.255.0.0 192.168.10.253
route dmz 10.77.0.0 255.255.0.0 172.20.0.253
ipv6 route outside ::/0 2001:db8:ffff::1
access-list OUTSIDE_IN extended permit tcp any host 172.20.0.10 eq 443
access-group OUTSIDE_IN in interface outside
`;

const r = parseAsa([{ path: 'fw.cfg', text: CONFIG }]);
if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
const ruleset = r.value;

function place(text: string): { placed: readonly string[]; answer: string } {
  const p = parsePacket(text);
  if (!p.ok) throw new Error(p.message);
  const placed = placePacket(ruleset, p.value);
  if (!placed.ok) throw new Error(placed.message);
  const d = evaluate(ruleset, p.value);
  const answer =
    d.kind === 'decided' ? `${d.action}${d.decidedBy ? `@${d.decidedBy.rule.provenance.line}` : ''}` : d.kind;
  return { placed: placed.value.placed, answer };
}

describe('cisco-asa: a packet without interfaces is placed by the routes', () => {
  it('reads connected networks, the DHCP default route and static routes by nameif (Null0 places nothing)', () => {
    expect(ruleset.routes?.map((x) => `${x.destination.toCidrs()[0]} ${x.interface} @${x.provenance.line}`)).toEqual([
      '0.0.0.0/0 outside @6',
      '192.168.10.0/24 inside @10',
      '2001:db8:10::/64 inside @11',
      '172.20.0.0/24 dmz @15',
      '10.0.0.0/8 inside @16',
      '10.9.0.0/16 dmz @17',
      '10.77.0.0/16 inside @19',
      '10.77.0.0/16 dmz @20',
      '::/0 outside @21',
    ]);
  });

  it.each([
    // Outside to the DMZ web server: allowed by the access-list, egress by the connected network.
    [
      'tcp 198.51.100.7:2000 -> 172.20.0.10:443',
      'accept@22',
      [
        'in outside (the route back to 198.51.100.7: 0.0.0.0/0, fw.cfg:6; zone outside)',
        'out dmz (the route to 172.20.0.10: 172.20.0.0/24, fw.cfg:15; zone dmz)',
      ],
    ],
    ['tcp 198.51.100.7:2000 -> 172.20.0.10:22', 'drop', undefined],
    // The longest prefix wins: 10.9/16 is in the DMZ, the rest of 10/8 inside.
    ['tcp 192.168.10.5:2000 -> 10.9.1.1:80', 'accept@9', undefined],
    ['tcp 172.20.0.5:2000 -> 10.1.1.1:80', 'drop@14', undefined],
  ])('%s: %s', (packet, answer, placed) => {
    const got = place(packet);
    expect(got.answer).toBe(answer);
    if (placed) expect(got.placed).toEqual(placed);
  });

  it('leaves a side unsaid where two routes of one length disagree, and keeps what the packet says', () => {
    expect(place('tcp 192.168.10.5:2000 -> 10.77.1.1:80').placed).toEqual([
      'in inside (the route back to 192.168.10.5: 192.168.10.0/24, fw.cfg:10; zone inside)',
    ]);
    expect(place('tcp 192.168.10.5:2000 -> 198.51.100.7:80 out dmz').placed).toEqual([
      'in inside (the route back to 192.168.10.5: 192.168.10.0/24, fw.cfg:10; zone inside)',
      'out dmz (zone dmz)',
    ]);
  });

  it('routes IPv6 too, and reads the routes back from the ruleset JSON', () => {
    expect(place('tcp [2001:db8:10::5]:2000 -> [2001:db8:99::1]:443').placed).toEqual([
      'in inside (the route back to 2001:db8:10::5: 2001:db8:10::/64, fw.cfg:11; zone inside)',
      'out outside (the route to 2001:db8:99::1: ::/0, fw.cfg:21; zone outside)',
    ]);
    const back = rulesetFromJson(JSON.parse(JSON.stringify(rulesetToJson(ruleset))));
    if (!back.ok) throw new Error(back.message);
    expect(rulesetToJson(back.value)).toEqual(rulesetToJson(ruleset));
    expect(back.value.routes?.map((x) => x.length)).toEqual(ruleset.routes?.map((x) => x.length));
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket, placePacket } from '../../../src/ruleset/packet.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { parsePanosSet, parsePanosXml } from '../../../src/targets/panos/parse/index.js';
import { fixturesDir, fixturesRequirement } from '../../support/fixtures.js';
import { missing } from '../../support/system.js';

const must = <T>(r: { ok: true; value: T } | { ok: false; issues: { message: string }[] }): T => {
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
};

/**
 * A PAN-OS firewall picks a packet's egress by its virtual router: a packet that says no interface leaves where its
 * destination is routed (the networks of its layer3 interfaces and units, static routes by interface or by the
 * network holding the next hop, the longest prefix, then admin-dist and metric) and comes in where the route back
 * to its source leads. A discard next hop places nothing, and keeps a shorter prefix from placing what it would not.
 */
const VR = 'set network virtual-router default';
const SR = `${VR} routing-table ip static-route`;
const SET = `set network interface ethernet ethernet1/1 layer3 ip 203.0.113.2/24
set network interface ethernet ethernet1/2 layer3 units ethernet1/2.10 ip 10.1.0.1/24
set network interface ethernet ethernet1/2 layer3 units ethernet1/2.10 ipv6 enabled yes
set network interface ethernet ethernet1/2 layer3 units ethernet1/2.10 ipv6 address 2001:db8:1::1/64
set network interface ethernet ethernet1/3 layer3 ip [ 172.16.0.1/24 172.17.0.1/24 ]
set network interface tunnel units tunnel.1 ip 169.254.0.1/30
${VR} interface [ ethernet1/1 ethernet1/2.10 ethernet1/3 tunnel.1 ]
${SR} default destination 0.0.0.0/0
${SR} default nexthop ip-address 203.0.113.1
${SR} inside destination 10.0.0.0/8
${SR} inside nexthop ip-address 10.1.0.254
${SR} azure destination 10.9.0.0/16
${SR} azure interface tunnel.1
${SR} sink destination 10.66.0.0/16
${SR} sink nexthop discard
${SR} a destination 10.77.0.0/16
${SR} a nexthop ip-address 10.1.0.253
${SR} b destination 10.77.0.0/16
${SR} b nexthop ip-address 172.16.0.253
${SR} backup destination 10.88.0.0/16
${SR} backup interface tunnel.1
${SR} backup metric 50
${SR} main destination 10.88.0.0/16
${SR} main nexthop ip-address 172.17.0.254
${VR} routing-table ipv6 static-route v6default destination ::/0
${VR} routing-table ipv6 static-route v6default interface ethernet1/1
set zone untrust network layer3 ethernet1/1
set zone trust network layer3 ethernet1/2.10
set zone dmz network layer3 ethernet1/3
set zone vpn network layer3 tunnel.1
set rulebase security rules web from untrust to dmz source any destination any application any service service-http action allow
set rulebase security rules tunnel from trust to vpn source any destination any application any service any action allow
`;

const route = (name: string, destination: string, hop: string, more = '') =>
  `<entry name="${name}"><destination>${destination}</destination>${hop}${more}</entry>`;
const XML = `<config><devices><entry name="localhost.localdomain">
  <network>
    <interface>
      <ethernet>
        <entry name="ethernet1/1"><layer3><ip><entry name="203.0.113.2/24"/></ip></layer3></entry>
        <entry name="ethernet1/2"><layer3><units><entry name="ethernet1/2.10">
          <ip><entry name="10.1.0.1/24"/></ip>
          <ipv6><enabled>yes</enabled><address><entry name="2001:db8:1::1/64"/></address></ipv6>
        </entry></units></layer3></entry>
        <entry name="ethernet1/3"><layer3><ip><entry name="172.16.0.1/24"/><entry name="172.17.0.1/24"/></ip></layer3></entry>
      </ethernet>
      <tunnel><units><entry name="tunnel.1"><ip><entry name="169.254.0.1/30"/></ip></entry></units></tunnel>
    </interface>
    <virtual-router><entry name="default">
      <interface><member>ethernet1/1</member><member>ethernet1/2.10</member><member>ethernet1/3</member><member>tunnel.1</member></interface>
      <routing-table>
        <ip><static-route>
          ${route('default', '0.0.0.0/0', '<nexthop><ip-address>203.0.113.1</ip-address></nexthop>')}
          ${route('inside', '10.0.0.0/8', '<nexthop><ip-address>10.1.0.254</ip-address></nexthop>')}
          ${route('azure', '10.9.0.0/16', '<interface>tunnel.1</interface>')}
          ${route('sink', '10.66.0.0/16', '<nexthop><discard/></nexthop>')}
          ${route('a', '10.77.0.0/16', '<nexthop><ip-address>10.1.0.253</ip-address></nexthop>')}
          ${route('b', '10.77.0.0/16', '<nexthop><ip-address>172.16.0.253</ip-address></nexthop>')}
          ${route('backup', '10.88.0.0/16', '<interface>tunnel.1</interface>', '<metric>50</metric>')}
          ${route('main', '10.88.0.0/16', '<nexthop><ip-address>172.17.0.254</ip-address></nexthop>')}
        </static-route></ip>
        <ipv6><static-route>${route('v6default', '::/0', '<interface>ethernet1/1</interface>')}</static-route></ipv6>
      </routing-table>
    </entry></virtual-router>
  </network>
  <vsys><entry name="vsys1">
    <zone>
      <entry name="untrust"><network><layer3><member>ethernet1/1</member></layer3></network></entry>
      <entry name="trust"><network><layer3><member>ethernet1/2.10</member></layer3></network></entry>
      <entry name="dmz"><network><layer3><member>ethernet1/3</member></layer3></network></entry>
      <entry name="vpn"><network><layer3><member>tunnel.1</member></layer3></network></entry>
    </zone>
    <rulebase><security><rules>
      <entry name="web"><from><member>untrust</member></from><to><member>dmz</member></to>
        <source><member>any</member></source><destination><member>any</member></destination>
        <application><member>any</member></application><service><member>service-http</member></service>
        <action>allow</action></entry>
      <entry name="tunnel"><from><member>trust</member></from><to><member>vpn</member></to>
        <source><member>any</member></source><destination><member>any</member></destination>
        <application><member>any</member></application><service><member>any</member></service>
        <action>allow</action></entry>
    </rules></security></rulebase>
  </entry></vsys>
</entry></devices></config>
`;

function place(rs: Ruleset, text: string): { placed: readonly string[]; answer: string } {
  const p = parsePacket(text);
  if (!p.ok) throw new Error(p.message);
  const placed = placePacket(rs, p.value);
  if (!placed.ok) throw new Error(placed.message);
  const d = evaluate(rs, p.value);
  const by = d.kind === 'decided' ? d.decidedBy?.rule.provenance : undefined;
  const answer = d.kind === 'decided' ? `${d.action}${by ? ` by ${by.comment ?? by.text}` : ''}` : d.kind;
  return { placed: placed.value.placed.map((s) => s.replace(/fw\.(set|xml):\d+/, 'fw:N')), answer };
}

describe.each([
  ['set', SET, parsePanosSet, 'fw.set'],
  ['xml', XML, parsePanosXml, 'fw.xml'],
] as const)('panos (%s): a packet without interfaces is placed by the routes', (_, text, parse, path) => {
  const ruleset = must(parse({ path, text }));

  it('reads interface networks and static routes of the virtual router, by interface or next hop', () => {
    const lines = text.split('\n');
    expect(
      ruleset.routes?.map((r) => {
        const line = lines[(r.provenance.line ?? 0) - 1] ?? '';
        const cidr = r.destination.toCidrs()[0] ?? '';
        // Said at the address of the interface (one the prefix holds), or at the static route's entry.
        const addresses = line.match(/[\d.:a-f]+\/\d+/g) ?? [];
        const at = addresses.some((a) => r.destination.contains(a)) || /static-route|<entry name=/.test(line);
        return `${cidr} ${r.interface || '(untold)'}${at ? '' : ' (line?)'}`;
      }),
    ).toEqual([
      '203.0.113.0/24 ethernet1/1',
      '10.1.0.0/24 ethernet1/2.10',
      '2001:db8:1::/64 ethernet1/2.10',
      '172.16.0.0/24 ethernet1/3',
      '172.17.0.0/24 ethernet1/3',
      '169.254.0.0/30 tunnel.1',
      '0.0.0.0/0 ethernet1/1',
      '10.0.0.0/8 ethernet1/2.10',
      '10.9.0.0/16 tunnel.1',
      '10.66.0.0/16 (untold)',
      '10.77.0.0/16 ethernet1/2.10',
      '10.77.0.0/16 ethernet1/3',
      // metric 10 (the default) before 50.
      '10.88.0.0/16 ethernet1/3',
      '::/0 ethernet1/1',
    ]);
  });

  it.each([
    [
      'tcp 198.51.100.7:40000 -> 172.16.0.10:80',
      'accept by web',
      [
        'in ethernet1/1 (the route back to 198.51.100.7: 0.0.0.0/0, fw:N; zone untrust)',
        'out ethernet1/3 (the route to 172.16.0.10: 172.16.0.0/24, fw:N; zone dmz)',
      ],
    ],
    ['tcp 198.51.100.7:40000 -> 172.16.0.10:22', 'drop by interzone-default', undefined],
    [
      'tcp 10.1.0.5:40000 -> 10.9.1.1:22',
      'accept by tunnel',
      [
        'in ethernet1/2.10 (the route back to 10.1.0.5: 10.1.0.0/24, fw:N; zone trust)',
        'out tunnel.1 (the route to 10.9.1.1: 10.9.0.0/16, fw:N; zone vpn)',
      ],
    ],
    ['tcp 10.1.0.5:40000 -> 10.88.1.1:22', 'drop by interzone-default', undefined],
    [
      'tcp [2001:db8:1::5]:40000 -> [2001:db8:99::1]:443',
      'drop by interzone-default',
      [
        'in ethernet1/2.10 (the route back to 2001:db8:1::5: 2001:db8:1::/64, fw:N; zone trust)',
        'out ethernet1/1 (the route to 2001:db8:99::1: ::/0, fw:N; zone untrust)',
      ],
    ],
  ])('%s: %s', (packet, answer, placed) => {
    const got = place(ruleset, packet);
    expect(got.answer).toBe(answer);
    if (placed) expect(got.placed).toEqual(placed);
  });

  it.each([
    ['two next hops at one rank', '10.77.1.1'],
    ['a discard next hop (not 10/8 behind it)', '10.66.1.1'],
  ])('leaves the egress unsaid for %s', (_, destination) => {
    expect(place(ruleset, `tcp 10.1.0.5:40000 -> ${destination}:22`).placed).toEqual([
      'in ethernet1/2.10 (the route back to 10.1.0.5: 10.1.0.0/24, fw:N; zone trust)',
    ]);
  });
});

describe('panos: routes read only where the table can be told', () => {
  it('reads none where two virtual routers hold interfaces', () => {
    const text = `${SET}set network virtual-router blue interface ethernet1/4\n`;
    expect(must(parsePanosSet({ path: 'fw.set', text })).routes).toBeUndefined();
  });

  it('reads a Panorama template network, and none where two templates hold one', () => {
    const template = (t: string) =>
      SET.split('\n')
        .filter((l) => l.startsWith('set network'))
        .map((l) => l.replace('set network', `set template ${t} config devices localhost.localdomain network`))
        .join('\n');
    const zones = SET.split('\n')
      .filter((l) => !l.startsWith('set network'))
      .join('\n');
    const one = must(parsePanosSet({ path: 'fw.set', text: `${template('T1')}\n${zones}` }));
    expect(place(one, 'tcp 10.1.0.5:40000 -> 10.9.1.1:22').answer).toBe('accept by tunnel');
    const two = must(parsePanosSet({ path: 'fw.set', text: `${template('T1')}\n${template('T2')}\n${zones}` }));
    expect(two.routes).toBeUndefined();
  });
});

describe.skipIf(missing(fixturesRequirement) !== undefined)('panos: routes of a real configuration', () => {
  it('places a packet by the networks of a Panorama template, as if its interfaces were said', () => {
    const text = readFileSync(`${fixturesDir()}/firewalls/panos/batfish_panorama-rulebase-copy.set.conf`, 'utf8');
    const rs = must(parsePanosSet({ path: 'fw.set', text }));
    const got = place(rs, 'tcp 1.1.1.5:40000 -> 1.1.4.5:22');
    expect(got.placed).toEqual([
      'in ethernet1/1 (the route back to 1.1.1.5: 1.1.1.0/24, fw:N; zone z1)',
      'out ethernet1/4 (the route to 1.1.4.5: 1.1.4.0/24, fw:N; zone z2)',
    ]);
    // Its rules stay undecided by their application-override rules: the routes only put the packet in its zones.
    expect(got.answer).toBe(place(rs, 'tcp 1.1.1.5:40000 -> 1.1.4.5:22 in ethernet1/1 out ethernet1/4').answer);
    expect(rs.routes?.map((r) => r.provenance.line)).toEqual([10, 11]);
  });
});

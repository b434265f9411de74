import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/model/issues.js';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import type { Rule } from '../../../src/ruleset/types.js';
import { parseAsa, readAsa } from '../../../src/targets/cisco-asa/parse/index.js';
import { pickFormat } from '../../../src/verify/config-formats.js';

const config = (body: string) =>
  `ASA Version 9.12(4)\nhostname fw\n!\ninterface GigabitEthernet0/0\n nameif outside\n security-level 0\n!\ninterface GigabitEthernet0/1\n nameif inside\n security-level 100\n!\ninterface GigabitEthernet0/2\n nameif dmz\n security-level 50\n!\n${body}\n`;

function reading(body: string) {
  const r = readAsa('fw.cfg', config(body));
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r;
}

const rulesOf = (body: string): Rule[] => reading(body).value.aces.flatMap((a) => a.rules);

function decide(body: string, packet: string): string {
  const r = reading(body);
  const p = parsePacket(packet);
  if (!p.ok) throw new Error(p.message);
  const d = evaluate(r.value.ruleset, p.value);
  return d.kind === 'decided'
    ? `${d.action}${d.decidedBy ? ` @${d.decidedBy.rule.provenance.line}` : ''}`
    : 'indeterminate';
}

describe('ASA running-config reader', () => {
  it('follows nested network and service groups', () => {
    const body = [
      'object network web1',
      ' host 192.0.2.10',
      'object network web-range',
      ' range 192.0.2.20 192.0.2.23',
      'object-group network web-inner',
      ' network-object object web1',
      ' network-object 198.51.100.0 255.255.255.0',
      'object-group network web',
      ' group-object web-inner',
      ' network-object object web-range',
      ' network-object host 2001:db8::10',
      'object-group service web-ports tcp',
      ' port-object eq www',
      ' port-object range 8000 8010',
      'object-group service more-ports tcp',
      ' group-object web-ports',
      ' port-object eq https',
      'access-list out_in extended permit tcp any object-group web object-group more-ports',
      'access-group out_in in interface outside',
    ].join('\n');
    const [rule] = rulesOf(body);
    expect(rule?.destination?.toCidrs()).toEqual([
      '192.0.2.10/32',
      '192.0.2.20/30',
      '198.51.100.0/24',
      '2001:db8::10/128',
    ]);
    expect(rule?.destinationPorts?.toRanges()).toEqual([
      { from: 80, to: 80 },
      { from: 443, to: 443 },
      { from: 8000, to: 8010 },
    ]);
    expect(decide(body, 'tcp 203.0.113.5:40000 -> 192.0.2.21:8005 from-zone outside to-zone dmz')).toBe('accept @33');
    expect(decide(body, 'tcp 203.0.113.5:40000 -> 192.0.2.24:443 from-zone outside to-zone dmz')).toBe('drop');
  });

  it('service groups with source and destination ports, tcp-udp, icmp, and protocol groups', () => {
    const body = [
      'object service dns',
      ' service udp destination eq domain',
      'object-group service mixed',
      ' service-object tcp source gt 1023 destination eq https',
      ' service-object tcp-udp eq 5060',
      ' service-object icmp echo',
      ' service-object object dns',
      'object-group protocol tunnels',
      ' protocol-object gre',
      ' protocol-object esp',
      'object-group icmp-type pings',
      ' icmp-object echo',
      ' icmp-object echo-reply',
      'access-list a extended permit object-group mixed any any',
      'access-list a extended permit object-group tunnels any any',
      'access-list a extended permit icmp any any object-group pings',
      'access-list a extended permit icmp6 any6 any6 echo',
      'access-group a in interface outside',
    ].join('\n');
    const rules = rulesOf(body);
    expect(rules).toHaveLength(7);
    expect(rules[0]?.sourcePorts?.toRanges()).toEqual([{ from: 1024, to: 65535 }]);
    expect(rules[1]?.protocols?.toRanges()).toEqual([
      { from: 6, to: 6 },
      { from: 17, to: 17 },
    ]);
    expect(rules[2]?.icmp).toEqual([{ type: 8 }]);
    expect(rules[3]?.destinationPorts?.toRanges()).toEqual([{ from: 53, to: 53 }]);
    expect(rules[4]?.protocols?.toRanges()).toEqual([
      { from: 47, to: 47 },
      { from: 50, to: 50 },
    ]);
    expect(rules[5]?.icmp).toEqual([{ type: 8 }, { type: 0 }]);
    expect(rules[6]?.icmp).toEqual([{ type: 128 }]);
    expect(rules[6]?.source?.toCidrs()).toEqual(['::/0']);
  });

  it('a service-object written with a protocol number takes the ports (or ICMP type) of that protocol', () => {
    const body = [
      'object-group service by-number',
      ' service-object 6 source range 1024 65535 destination eq 8443',
      ' service-object 17 destination range 3000 3005',
      ' service-object 1 echo',
      'access-list a extended permit object-group by-number any any',
      'access-group a in interface outside',
    ].join('\n');
    const rules = rulesOf(body);
    expect(rules.map((r) => r.opaque)).toEqual([undefined, undefined, undefined]);
    expect(rules[0]?.sourcePorts?.toRanges()).toEqual([{ from: 1024, to: 65535 }]);
    expect(rules[0]?.destinationPorts?.toRanges()).toEqual([{ from: 8443, to: 8443 }]);
    expect(rules[1]?.destinationPorts?.toRanges()).toEqual([{ from: 3000, to: 3005 }]);
    expect(rules[2]?.icmp).toEqual([{ type: 8 }]);
    expect(decide(body, 'udp 203.0.113.5:40000 -> 192.0.2.10:3003 from-zone outside to-zone dmz')).toBe('accept @20');
    expect(decide(body, 'tcp 203.0.113.5:1000 -> 192.0.2.10:8443 from-zone outside to-zone dmz')).toBe('drop');
  });

  it('port operators: neq, lt, gt, range, and names of the ASA table for the right protocol only', () => {
    const body = [
      'access-list a extended permit tcp any any neq www',
      'access-list a extended permit tcp any lt 1024 any gt 1023',
      'access-list a extended permit udp any range 5000 5010 any eq domain',
      'access-list a extended permit tcp any any eq tftp',
      'access-group a in interface outside',
    ].join('\n');
    const [neq, ltgt, range, tftp] = rulesOf(body);
    expect(neq?.destinationPorts?.toRanges()).toEqual([
      { from: 0, to: 79 },
      { from: 81, to: 65535 },
    ]);
    expect(ltgt?.sourcePorts?.toRanges()).toEqual([{ from: 0, to: 1023 }]);
    expect(ltgt?.destinationPorts?.toRanges()).toEqual([{ from: 1024, to: 65535 }]);
    expect(range?.sourcePorts?.toRanges()).toEqual([{ from: 5000, to: 5010 }]);
    expect(range?.destinationPorts?.toRanges()).toEqual([{ from: 53, to: 53 }]);
    expect(tftp?.opaque?.[0]).toMatch(/"tftp" is a UDP port name/);
  });

  it('keeps remarks as the next entry comment, skips inactive entries and says so', () => {
    const body = [
      'access-list a remark web servers',
      'access-list a remark (ticket 42)',
      'access-list a extended permit tcp any host 192.0.2.10 eq https',
      'access-list a extended deny tcp any host 192.0.2.10 eq https inactive',
      'access-list a extended permit tcp any host 192.0.2.11 eq https log 4 interval 300',
      'access-group a in interface outside',
    ].join('\n');
    const r = reading(body);
    const [first, off, third] = r.value.aces;
    expect(first?.rules[0]?.provenance.comment).toBe('web servers / (ticket 42)');
    expect(off?.inactive).toBe(true);
    expect(third?.rules[0]?.provenance.comment).toBeUndefined();
    expect(r.warnings.map(formatIssue)).toContain(
      'fw.cfg:19:1: warning: inactive entry of access-list a: the device skips it, and so does verify',
    );
    expect(decide(body, 'tcp 203.0.113.5:40000 -> 192.0.2.10:443 from-zone outside to-zone dmz')).toBe('accept @18');
  });

  it('any4 and any6 are one family each; any is both', () => {
    const [four, six, both] = rulesOf(
      [
        'access-list a extended permit ip any4 any',
        'access-list a extended permit ip any6 any',
        'access-list a extended permit ip any any',
        'access-group a in interface outside',
      ].join('\n'),
    );
    expect(four?.source?.toCidrs()).toEqual(['0.0.0.0/0']);
    expect(six?.source?.toCidrs()).toEqual(['::/0']);
    expect(both?.source).toBeUndefined();
  });

  it('names aliases, standard lists (destination), the pre-8.3 form without "extended"', () => {
    const body = [
      'names',
      'name 192.0.2.10 web description the web server',
      'access-list a permit tcp any host web eq 80',
      'access-list s standard permit host web',
      'access-group a in interface outside',
    ].join('\n');
    const r = reading(body);
    expect(r.value.aces[0]?.rules[0]?.destination?.toCidrs()).toEqual(['192.0.2.10/32']);
    expect(r.value.aces[1]?.rules[0]?.destination?.toCidrs()).toEqual(['192.0.2.10/32']);
    expect(r.warnings.some((w) => /access-list s is bound to no interface/.test(w.message))).toBe(true);
  });

  it('a schedule, an FQDN, an undefined group or a group loop make the entry uninterpreted and the verdict indeterminate', () => {
    const body = [
      'object network site',
      ' fqdn v4 www.example.com',
      'object-group network loop1',
      ' group-object loop2',
      'object-group network loop2',
      ' group-object loop1',
      'access-list a extended permit tcp any any eq 22 time-range office',
      'access-list a extended permit tcp any object site eq 443',
      'access-list a extended permit tcp any object-group nowhere eq 25',
      'access-list a extended permit tcp any object-group loop1 eq 110',
      'access-group a in interface outside',
    ].join('\n');
    const reasons = rulesOf(body).map((r) => r.opaque?.join('; '));
    expect(reasons[0]).toMatch(/time-range office/);
    expect(reasons[1]).toMatch(/fqdn www\.example\.com/);
    expect(reasons[2]).toMatch(/object-group nowhere is not defined/);
    expect(reasons[3]).toMatch(/contains itself/);
    expect(decide(body, 'tcp 203.0.113.5:40000 -> 192.0.2.10:22 from-zone outside to-zone dmz')).toBe('indeterminate');
    expect(decide(body, 'tcp 203.0.113.5:40000 -> 192.0.2.10:23 from-zone outside to-zone dmz')).toBe('drop');
  });

  it('a global list follows each interface list; without any list, security levels decide', () => {
    const body = [
      'access-list out_in extended deny tcp any any eq 23',
      'access-list g extended permit tcp any any eq 22',
      'access-group out_in in interface outside',
      'access-group g global',
    ].join('\n');
    expect(decide(body, 'tcp 203.0.113.5:40000 -> 192.0.2.10:22 from-zone outside to-zone dmz')).toBe('accept @17');
    expect(decide(body, 'tcp 203.0.113.5:40000 -> 192.0.2.10:23 from-zone outside to-zone dmz')).toBe('drop @16');
    expect(decide(body, 'tcp 10.0.0.5:40000 -> 192.0.2.10:80 from-zone inside to-zone dmz')).toBe('drop');
    const levels = 'same-security-traffic permit inter-interface';
    expect(decide('', 'tcp 10.0.0.5:40000 -> 192.0.2.10:80 from-zone inside to-zone dmz')).toBe('accept @10');
    expect(decide('', 'tcp 192.0.2.10:40000 -> 10.0.0.5:80 from-zone dmz to-zone inside')).toBe('drop @14');
    expect(decide('', 'tcp 192.0.2.10:40000 -> 10.0.0.5:80 from-zone unknown to-zone inside')).toBe('indeterminate');
    const same = `interface GigabitEthernet0/3\n nameif dmz2\n security-level 50\n!\n${levels}`;
    expect(decide(same, 'tcp 192.0.2.10:40000 -> 192.0.2.99:80 from-zone dmz to-zone dmz2')).toBe('accept @14');
    expect(decide(same.replace(levels, ''), 'tcp 192.0.2.10:40000 -> 192.0.2.99:80 from-zone dmz to-zone dmz2')).toBe(
      'drop @14',
    );
  });

  it('an access-list does not open same-level interfaces, nor a way back out the same interface, without same-security-traffic', () => {
    const body = [
      'interface GigabitEthernet0/3',
      ' nameif dmz2',
      ' security-level 50',
      '!',
      'access-list from_dmz extended permit ip any any',
      'access-list from_out extended permit tcp any any eq 443',
      'access-group from_dmz in interface dmz',
      'access-group from_out in interface outside',
    ].join('\n');
    const toDmz2 = 'tcp 192.0.2.10:40000 -> 192.0.2.99:80 from-zone dmz to-zone dmz2';
    const hairpin = 'tcp 203.0.113.5:40000 -> 203.0.113.9:443 from-zone outside to-zone outside';
    expect(decide(body, toDmz2)).toBe('drop @14');
    expect(decide(body, hairpin)).toBe('drop @6');
    expect(decide(body, 'tcp 192.0.2.10:40000 -> 203.0.113.9:80 from-zone dmz to-zone outside')).toBe('accept @20');
    const inter = `${body}\nsame-security-traffic permit inter-interface`;
    expect(decide(inter, toDmz2)).toBe('accept @20');
    expect(decide(inter, hairpin)).toBe('drop @6');
    expect(decide(`${inter}\nsame-security-traffic permit intra-interface`, hairpin)).toBe('accept @21');
  });

  it('before 9.0: any is IPv4 in an access-list, IPv6 in an ipv6 access-list, each bound for its own family', () => {
    const text = config(
      [
        'access-list web_in extended permit tcp any any eq 8080',
        'ipv6 access-list web_in6 remark only the v6 server',
        'ipv6 access-list web_in6 permit tcp any host 2001:db8:5::8 eq 8443',
        'access-group web_in in interface outside',
        'access-group web_in6 in interface outside',
      ].join('\n'),
    ).replace('ASA Version 9.12(4)', 'ASA Version 8.4(7)');
    const r = readAsa('fw.cfg', text);
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    const at = (packet: string) => {
      const p = parsePacket(packet);
      if (!p.ok) throw new Error(p.message);
      const d = evaluate(r.value.ruleset, p.value);
      return d.kind === 'decided' ? `${d.action}${d.decidedBy ? ` @${d.decidedBy.rule.provenance.line}` : ''}` : '?';
    };
    const zones = 'from-zone outside to-zone inside';
    expect(at(`tcp 203.0.113.5:40000 -> 10.0.0.8:8080 ${zones}`)).toBe('accept @16');
    expect(at(`tcp [2001:db8:9::1]:40000 -> [2001:db8:5::8]:8080 ${zones}`)).toBe('drop');
    expect(at(`tcp [2001:db8:9::1]:40000 -> [2001:db8:5::8]:8443 ${zones}`)).toBe('accept @18');
    expect(at(`tcp 203.0.113.5:40000 -> 10.0.0.8:8443 ${zones}`)).toBe('drop');
    // No IPv6 list on inside: IPv6 from inside falls back to the security levels.
    expect(at('tcp [2001:db8:5::8]:40000 -> [2001:db8:9::1]:22 from-zone inside to-zone outside')).toBe('accept @10');
  });

  it('reports every broken line at once as file:line:col: message — hint', () => {
    const r = readAsa(
      'fw.cfg',
      config(
        [
          'object network a',
          ' hots 192.0.2.1',
          'access-list a extended allow tcp any any',
          'access-list a extended permit tcp any any eq 22 logg',
          'access-list a extended permit tcp any',
          'access-group a sideways interface outside',
          'object-group network g',
          ' service-object tcp eq 80',
        ].join('\n'),
      ),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map(formatIssue)).toEqual([
      'fw.cfg:17:2: "hots" is not a command of object network a — use host, subnet, range, fqdn, nat or description',
      'fw.cfg:18:24: "allow" is not permit or deny',
      'fw.cfg:19:49: unexpected "logg" — an entry ends with log, time-range or inactive',
      'fw.cfg:20:38: an address expected at the end of the line — write host ADDRESS, ADDRESS MASK, object NAME or object-group NAME',
      'fw.cfg:21:16: "sideways" is not a direction — use in, out or global',
      'fw.cfg:23:2: "service-object" is not a command of object-group network g — use network-object, group-object or description',
    ]);
  });

  it('is registered as verify format asa, detected from the text, and takes one file', () => {
    const text = config('access-list a extended permit ip any any\naccess-group a in interface outside');
    const f = pickFormat('auto', [{ path: 'fw.cfg', text }]);
    expect(f.ok && f.value.id).toBe('asa');
    expect(f.ok && f.value.target).toBe('cisco-asa');
    expect(
      parseAsa([
        { path: 'a', text },
        { path: 'b', text },
      ]).ok,
    ).toBe(false);
  });

  it('icmp matches ICMP over IPv4 only, icmp6 ICMPv6 over IPv6 only, also inside a protocol group', () => {
    const body = [
      'object-group protocol pingers',
      ' protocol-object icmp',
      ' protocol-object tcp',
      'access-list a extended permit icmp any any',
      'access-list a extended permit object-group pingers any 2001:db8::/32',
      'access-list a extended permit icmp6 any 10.0.0.0 255.0.0.0',
      'access-group a in interface outside',
    ].join('\n');
    const at = ' from-zone outside to-zone inside';
    expect(decide(body, `icmp 192.0.2.1 -> 198.51.100.1 type echo-request${at}`)).toBe('accept @19');
    expect(decide(body, `icmp 2001:db8::1 -> 2001:db8::2 type echo-request${at}`)).toBe('drop');
    expect(decide(body, `proto 1 2001:db8::1 -> 2001:db8::2${at}`)).toBe('drop');
    expect(decide(body, `proto 58 10.0.0.1 -> 10.0.0.2${at}`)).toBe('drop');
    expect(
      decide(body, `tcp 2001:db8::1:1000 -> [2001:db8::2]:80${at}`.replace('2001:db8::1:1000', '[2001:db8::1]:1000')),
    ).toBe('accept @20');
  });

  it('applies static NAT (object and twice NAT) before the access-lists, which name real addresses (8.3+)', () => {
    const body = [
      'object network web',
      ' host 10.1.0.10',
      ' nat (dmz,outside) static 203.0.113.10 service tcp 8443 https',
      'object network mail',
      ' host 10.1.0.25',
      'object network mail-public',
      ' host 203.0.113.25',
      'object network lan',
      ' subnet 10.2.0.0 255.255.255.0',
      ' nat (inside,outside) dynamic interface',
      'nat (dmz,outside) source static mail mail-public',
      'access-list out_in extended permit tcp any host 10.1.0.10 eq 8443',
      'access-list out_in extended permit tcp any object mail eq smtp',
      'access-group out_in in interface outside',
    ].join('\n');
    const at = ' from-zone outside to-zone dmz';
    // Lines: 16 object web, 18 its nat; 26 twice NAT; 27, 28 the entries.
    expect(decide(body, `tcp 198.51.100.1:40000 -> 203.0.113.10:443${at}`)).toBe('accept @27');
    expect(decide(body, `tcp 198.51.100.1:40000 -> 203.0.113.10:8443${at}`)).toBe('drop');
    expect(decide(body, `tcp 198.51.100.1:40000 -> 10.1.0.10:8443${at}`)).toBe('accept @27');
    expect(decide(body, `tcp 198.51.100.1:40000 -> 203.0.113.25:25${at}`)).toBe('accept @28');
    // The translation applies to packets entering by its mapped interface only.
    expect(decide(body, `tcp 10.2.0.5:40000 -> 203.0.113.25:25 from-zone inside to-zone dmz`)).not.toBe('accept @28');
    const r = reading(body).value.ruleset;
    expect(r.nat?.destination).toHaveLength(1);
    const p = parsePacket(`tcp 198.51.100.1:40000 -> 203.0.113.10:443${at}`);
    const d = p.ok ? evaluate(r, p.value) : undefined;
    expect(d?.kind === 'decided' && d.translatedBy?.rule.provenance.line).toBe(18);
  });

  it('leaves a verdict decided where a dynamic source NAT cannot change it, not where a destination part can', () => {
    const base = [
      'object network wap',
      ' host 10.1.0.20',
      ' nat (dmz,outside) static 203.0.113.20',
      'object-group network dmz-net',
      ' network-object 10.1.0.0 255.255.255.0',
      'object network pat',
      ' host 203.0.113.1',
      'object network lan',
      ' subnet 10.2.0.0 255.255.255.0',
      ' nat (inside,outside) dynamic 203.0.113.2',
      'nat (dmz,outside) source dynamic dmz-net pat',
    ];
    const acl = [
      'access-list out_in extended permit tcp any host 10.1.0.20 eq https',
      'access-list dmz_in extended permit tcp object-group dmz-net any eq https',
      'access-group out_in in interface outside',
      'access-group dmz_in in interface dmz',
    ];
    // Lines: 16 object wap … 26 twice NAT, 27 to 30 the access-lists.
    const body = [...base, ...acl].join('\n');
    const inbound = ' from-zone outside to-zone dmz';
    // Inbound to the published host, from anywhere (a mapped PAT address included): the PAT rewrites only the
    // source of packets leaving by outside; the access-list matches the real destination.
    expect(decide(body, `tcp 198.51.100.1:40000 -> 203.0.113.20:443${inbound}`)).toBe('accept @27');
    expect(decide(body, `tcp 203.0.113.1:40000 -> 203.0.113.20:443${inbound}`)).toBe('accept @27');
    expect(decide(body, `tcp 203.0.113.2:40000 -> 203.0.113.20:443${inbound}`)).toBe('accept @27');
    // Outbound from the source-translated network: the access-list matches its real source.
    expect(decide(body, `tcp 10.1.0.20:40000 -> 198.51.100.1:443 from-zone dmz to-zone outside`)).toBe('accept @28');
    expect(decide(body, `tcp 10.1.0.20:40000 -> 198.51.100.1:80 from-zone dmz to-zone outside`)).toBe('drop');
    // To a mapped address itself, an existing xlate may take the packet to a real host: not guessed.
    expect(decide(body, `tcp 198.51.100.1:40000 -> 203.0.113.1:443${inbound}`)).toBe('indeterminate');
    expect(decide(body, `tcp 198.51.100.1:40000 -> 203.0.113.2:443${inbound}`)).toBe('indeterminate');

    // A twice NAT with a destination part: packets from the DMZ to 203.0.113.20 reach 10.1.0.20 and the
    // access-list sees that address; its mapped addresses stay uncertain on both sides, naming its line.
    const twice = [
      ...base.slice(0, -1),
      'nat (dmz,outside) source dynamic dmz-net pat destination static wap-public wap',
      'object network wap-public',
      ' host 203.0.113.20',
      ...acl,
    ].join('\n');
    expect(decide(twice, `tcp 203.0.113.1:40000 -> 203.0.113.20:443${inbound}`)).toBe('indeterminate');
    expect(decide(twice, `tcp 10.1.0.5:40000 -> 203.0.113.20:443 from-zone dmz to-zone outside`)).toBe('indeterminate');
    const r = reading(twice).value.ruleset;
    const p = parsePacket(`tcp 203.0.113.1:40000 -> 203.0.113.20:443${inbound}`);
    const d = p.ok ? evaluate(r, p.value) : undefined;
    expect(d?.kind === 'indeterminate' && d.opaque.map((m) => m.rule.provenance.line)).toContain(26);
  });
});

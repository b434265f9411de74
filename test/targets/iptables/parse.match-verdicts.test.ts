import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/model/issues.js';
import { type Decision, evaluate, parsePacket, type Ruleset } from '../../../src/ruleset/index.js';
import { parseIptables } from '../../../src/targets/iptables/parse/index.js';
import { fixturesDir, fixturesRequirement } from '../../support/fixtures.js';
import { missing } from '../../support/system.js';

/** A filter table with these FORWARD rules (policy as given), read; throws with the issues when refused. */
function forward(rules: string[], policy = 'DROP'): Ruleset {
  const text = ['*filter', `:FORWARD ${policy} [0:0]`, ':other - [0:0]', ...rules, 'COMMIT', ''].join('\n');
  return read(text, 'fw.rules');
}

function read(text: string, file: string): Ruleset {
  const r = parseIptables([{ file, text, kind: 'iptables' }]);
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value.ruleset;
}

function decide(ruleset: Ruleset, packet: string): Decision {
  const p = parsePacket(packet);
  if (!p.ok) throw new Error(p.message);
  return evaluate(ruleset, p.value);
}

/** `accept line 3`, `drop policy FORWARD`, `? 3,4` (indeterminate, with the lines it names). */
const show = (d: Decision): string =>
  d.kind === 'indeterminate'
    ? `? ${d.opaque.map((h) => h.rule.provenance.line ?? h.chain).join(',')}`
    : `${d.action} ${d.decidedBy ? `line ${d.decidedBy.rule.provenance.line}` : `policy ${d.policyOf}`}`;

const fixture = (name: string): string => readFileSync(`${fixturesDir()}/firewalls/iptables/${name}`, 'utf8');

describe('iptables: -m multiport --ports is the source OR the destination port', () => {
  const rs = forward(['-A FORWARD -p tcp -m multiport --ports 22,1000:1010 -j ACCEPT']);
  it.each([
    ['tcp 10.0.0.1:5000 -> 10.0.0.2:22', 'accept line 4'],
    ['tcp 10.0.0.1:22 -> 10.0.0.2:5000', 'accept line 4'],
    ['tcp 10.0.0.1:22 -> 10.0.0.2:22', 'accept line 4'],
    ['tcp 10.0.0.1:1005 -> 10.0.0.2:80', 'accept line 4'],
    ['tcp 10.0.0.1:999 -> 10.0.0.2:1011', 'drop policy FORWARD'],
    ['udp 10.0.0.1:22 -> 10.0.0.2:22', 'drop policy FORWARD'],
  ])('%s: %s', (packet, want) => expect(show(decide(rs, packet))).toBe(want));

  it('negated, neither port is in the set', () => {
    const neg = forward(['-A FORWARD -p udp -m multiport ! --ports 53 -j ACCEPT']);
    expect(show(decide(neg, 'udp 10.0.0.1:53 -> 10.0.0.2:9'))).toBe('drop policy FORWARD');
    expect(show(decide(neg, 'udp 10.0.0.1:9 -> 10.0.0.2:53'))).toBe('drop policy FORWARD');
    expect(show(decide(neg, 'udp 10.0.0.1:9 -> 10.0.0.2:10'))).toBe('accept line 4');
  });

  it('--sports and --dports with ranges and negation stay one field each', () => {
    const s = forward([
      '-A FORWARD -p tcp -m multiport --sports 1024:65535 -m multiport ! --dports 23,25:26 -j ACCEPT',
    ]);
    expect(show(decide(s, 'tcp 10.0.0.1:2000 -> 10.0.0.2:80'))).toBe('accept line 4');
    expect(show(decide(s, 'tcp 10.0.0.1:2000 -> 10.0.0.2:26'))).toBe('drop policy FORWARD');
    expect(show(decide(s, 'tcp 10.0.0.1:80 -> 10.0.0.2:80'))).toBe('drop policy FORWARD');
  });

  it('with --dport besides, both must hold', () => {
    const s = forward(['-A FORWARD -p tcp --dport 80 -m multiport --ports 22 -j ACCEPT']);
    expect(show(decide(s, 'tcp 10.0.0.1:22 -> 10.0.0.2:80'))).toBe('accept line 4');
    expect(show(decide(s, 'tcp 10.0.0.1:23 -> 10.0.0.2:80'))).toBe('drop policy FORWARD');
    expect(show(decide(s, 'tcp 10.0.0.1:23 -> 10.0.0.2:22'))).toBe('drop policy FORWARD');
  });

  it('a jump is taken once, even when both ports are in the set (the two rules are disjoint)', () => {
    const s = forward([
      '-A FORWARD -p tcp -m multiport --ports 22 -j other',
      '-A FORWARD -p tcp -j ACCEPT',
      '-A other -j RETURN',
    ]);
    const [a, b] = (s.chains.FORWARD?.rules ?? []).filter((r) => r.provenance.line === 4);
    // Source port in the set, then not in it: no packet meets both.
    expect(a?.sourcePorts && b?.sourcePorts && a.sourcePorts.intersect(b.sourcePorts).isEmpty()).toBe(true);
    expect(show(decide(s, 'tcp 10.0.0.1:22 -> 10.0.0.2:22'))).toBe('accept line 5');
  });

  it('a one-rule file decides dport 22 (it was "cannot tell")', () => {
    const one = read(
      '*filter\n:FORWARD DROP [0:0]\n-A FORWARD -p tcp -m multiport --ports 22 -j ACCEPT\nCOMMIT\n',
      'one',
    );
    expect(show(decide(one, 'tcp 10.0.0.1:5 -> 10.0.0.2:22'))).toBe('accept line 3');
  });

  it.skipIf(missing(fixturesRequirement))('docker_topos4: the rule that really accepts decides (line 32)', () => {
    const rs2 = read(fixture('docker_topos4.iptables-save'), 'docker');
    const d = decide(rs2, 'tcp 10.0.0.1:8080 -> 198.51.100.7:40000 in br-b74b417b331f out eth0 state established');
    expect(show(d)).toBe('accept line 32');
  });
});

describe('iptables: -m physdev matches only what the packet path decides', () => {
  const rs = forward(['-A FORWARD -m physdev --physdev-is-bridged -j DROP'], 'ACCEPT');
  it.each([
    ['tcp 10.0.0.1:5 -> 10.0.0.2:80 in eth0 out eth1', 'accept policy FORWARD'],
    ['tcp 10.0.0.1:5 -> 10.0.0.2:80 path routed', 'accept policy FORWARD'],
    ['tcp 10.0.0.1:5 -> 10.0.0.2:80 in br0 out br0 path bridged', 'drop line 4'],
    ['tcp 10.0.0.1:5 -> 10.0.0.2:80 in br0 out br0', '? 4'],
    ['tcp 10.0.0.1:5 -> 10.0.0.2:80', '? 4'],
  ])('--physdev-is-bridged, %s: %s', (packet, want) => expect(show(decide(rs, packet))).toBe(want));

  it('negated options match a routed packet; a port name stays unknown on a bridged one', () => {
    const neg = forward(['-A FORWARD -m physdev ! --physdev-is-bridged ! --physdev-in eth9 -j DROP'], 'ACCEPT');
    expect(show(decide(neg, 'tcp 10.0.0.1:5 -> 10.0.0.2:80 in eth0 out eth1'))).toBe('drop line 4');
    expect(show(decide(neg, 'tcp 10.0.0.1:5 -> 10.0.0.2:80 path bridged'))).toBe('accept policy FORWARD');
    const port = forward(['-A FORWARD -m physdev --physdev-in eth9 -j DROP'], 'ACCEPT');
    expect(show(decide(port, 'tcp 10.0.0.1:5 -> 10.0.0.2:80 path bridged'))).toBe('? 4');
    expect(show(decide(port, 'tcp 10.0.0.1:5 -> 10.0.0.2:80 path routed'))).toBe('accept policy FORWARD');
  });

  it.skipIf(missing(fixturesRequirement))(
    'openlab: a routed packet is not decided by the bridged rule (line 85)',
    () => {
      const open = read(fixture('openlab_stettenstr.iptables-save'), 'openlab');
      const d = decide(open, 'tcp 10.0.0.1:8080 -> 198.51.100.7:443 in eth0 out eth1 state new');
      expect(show(d)).toBe('accept policy FORWARD');
    },
  );
});

describe("iptables: TCP flags are decided where the packet's flags are known", () => {
  const rs = forward([
    '-A FORWARD -p tcp ! --syn -m conntrack --ctstate NEW -j DROP',
    '-A FORWARD -p tcp --tcp-flags SYN,ACK SYN,ACK -j REJECT',
    '-A FORWARD -p tcp --tcp-flags ALL FIN,PSH,URG -j DROP',
    '-A FORWARD -s 10.0.0.0/8 -j ACCEPT',
  ]);
  it.each([
    // A new connection opens with a SYN: no flag rule matches it.
    ['tcp 10.0.0.1:5 -> 10.0.0.2:80', 'accept line 7'],
    ['udp 10.0.0.1:5 -> 10.0.0.2:53', 'accept line 7'],
    // A new packet that is not a SYN (a mid-stream pickup), an answer's SYN-ACK, an Xmas scan.
    ['tcp 10.0.0.1:5 -> 10.0.0.2:80 flags ack', 'drop line 4'],
    ['tcp 10.0.0.1:5 -> 10.0.0.2:80 state established flags syn,ack', 'reject line 5'],
    ['tcp 10.0.0.1:5 -> 10.0.0.2:80 state established flags fin,psh,urg', 'drop line 6'],
    ['tcp 10.0.0.1:5 -> 10.0.0.2:80 state established flags ack,psh', 'accept line 7'],
    // Flags unsaid on an answer: cannot tell.
    ['tcp 10.0.0.1:5 -> 10.0.0.2:80 state established', '? 5,6'],
  ])('%s: %s', (packet, want) => expect(show(decide(rs, packet))).toBe(want));

  it('refuses a flag name iptables does not know, and flags on a packet that is not TCP', () => {
    expect(() => forward(['-A FORWARD -p tcp --tcp-flags SYN,BOGUS SYN -j DROP'])).toThrow(/unknown TCP flag "BOGUS"/);
    expect(parsePacket('udp 10.0.0.1:5 -> 10.0.0.2:53 flags syn').ok).toBe(false);
    expect(parsePacket('tcp 10.0.0.1:5 -> 10.0.0.2:53 flags syn,nope').ok).toBe(false);
    // A word that every object has is no flag either.
    expect(parsePacket('tcp 10.0.0.1:5 -> 10.0.0.2:53 flags constructor').ok).toBe(false);
  });

  it('reads flag names in any case, ALL and NONE too, as libxt_tcp does', () => {
    const rs = forward([
      '-A FORWARD -p tcp --tcp-flags all none -j DROP',
      '-A FORWARD -p tcp --tcp-flags Syn,aCk Ack -j REJECT',
    ]);
    expect(show(decide(rs, 'tcp 10.0.0.1:5 -> 10.0.0.2:80 state established flags none'))).toBe('drop line 4');
    expect(show(decide(rs, 'tcp 10.0.0.1:5 -> 10.0.0.2:80 state established flags ack,psh'))).toBe('reject line 5');
  });

  it("reads --ctproto as the packet's protocol", () => {
    const ct = forward(['-A FORWARD -m conntrack --ctproto udp -j DROP'], 'ACCEPT');
    expect(show(decide(ct, 'udp 10.0.0.1:5 -> 10.0.0.2:53'))).toBe('drop line 4');
    expect(show(decide(ct, 'tcp 10.0.0.1:5 -> 10.0.0.2:53'))).toBe('accept policy FORWARD');
  });

  it('--ctproto matches no packet without a connection (invalid, untracked), either way round, as xt_conntrack', () => {
    const ct = forward(['-A FORWARD -m conntrack ! --ctproto tcp -j DROP'], 'ACCEPT');
    expect(show(decide(ct, 'udp 10.0.0.1:5 -> 10.0.0.2:53'))).toBe('drop line 4');
    expect(show(decide(ct, 'udp 10.0.0.1:5 -> 10.0.0.2:53 state untracked'))).toBe('accept policy FORWARD');
    expect(show(decide(ct, 'udp 10.0.0.1:5 -> 10.0.0.2:53 state invalid'))).toBe('accept policy FORWARD');
    // With --ctstate in the same match, the state test alone decides a packet without a connection.
    const withState = forward(['-A FORWARD -m conntrack --ctstate INVALID,NEW --ctproto udp -j DROP'], 'ACCEPT');
    expect(show(decide(withState, 'udp 10.0.0.1:5 -> 10.0.0.2:53 state invalid'))).toBe('drop line 4');
    // …whatever its protocol: the connection's protocol is not tested without a connection.
    expect(show(decide(withState, 'tcp 10.0.0.1:5 -> 10.0.0.2:53 state invalid'))).toBe('drop line 4');
    expect(show(decide(withState, 'tcp 10.0.0.1:5 -> 10.0.0.2:53'))).toBe('accept policy FORWARD');
  });

  it('--ctproto on a related packet: its own protocol, unless an ICMP error that carries another connection', () => {
    const ct = forward(['-A FORWARD -m conntrack --ctstate RELATED --ctproto tcp -j ACCEPT'], 'DROP');
    // An ICMP error about a TCP connection is accepted by the kernel; which connection it reports on is not said.
    expect(show(decide(ct, 'icmp 10.0.0.1 -> 10.0.0.2 type destination-unreachable code 3 state related'))).toBe('? 4');
    // A related connection a helper opened (FTP data) is of its own protocol.
    expect(show(decide(ct, 'tcp 10.0.0.1:20 -> 10.0.0.2:40000 state related'))).toBe('accept line 4');
    expect(show(decide(ct, 'udp 10.0.0.1:20 -> 10.0.0.2:40000 state related'))).toBe('drop policy FORWARD');
  });
});

describe('evaluate: when every branch of an uninterpreted match gives one action', () => {
  it('names the rule that decides when the match does not, and the uninterpreted rule beside it', () => {
    const rs = forward(['-A FORWARD -m recent --rcheck -j ACCEPT', '-A FORWARD -p tcp -j ACCEPT']);
    const d = decide(rs, 'tcp 10.0.0.1:5 -> 10.0.0.2:80');
    expect(show(d)).toBe('accept line 5');
    expect(d.kind === 'decided' && d.uncertainBy?.map((h) => h.rule.provenance.line)).toEqual([4]);
  });
});

describe('a packet that does not say where it crosses', () => {
  it('is indeterminate in words that match the places when one place cannot tell', () => {
    const rs = forward(['-A FORWARD -i eth1 -m recent --rcheck -j DROP'], 'ACCEPT');
    const d = decide(rs, 'tcp 10.0.0.1:5 -> 10.0.0.2:80');
    expect(d.kind).toBe('indeterminate');
    if (d.kind !== 'indeterminate') return;
    expect(d.reason.en).toContain('of the places tried: accept in 1 place, cannot tell in 1 place (in eth1:');
    expect(d.reason.en).not.toContain('depending');
    expect(d.opaque.map((h) => h.rule.provenance.line)).toEqual([4]);
  });

  it('is decided when every place accepts, naming each place’s deciding rule', () => {
    const rs = forward(['-A FORWARD -i eth1 -j ACCEPT', '-A FORWARD -i eth2 -j ACCEPT'], 'ACCEPT');
    const d = decide(rs, 'tcp 10.0.0.1:5 -> 10.0.0.2:80');
    expect(show(d)).toBe('accept policy FORWARD');
    const places = d.kind === 'decided' ? d.places : undefined;
    expect(places?.map((p) => `${p.place.en}: ${p.decidedBy?.rule.provenance.line ?? p.policyOf}`)).toEqual([
      'where no rule names: FORWARD',
      'in eth1: 4',
      'in eth2: 5',
    ]);
  });
});

describe('iptables: match modules this reading does not model are uninterpreted', () => {
  it.each([
    '-m ttl --ttl-eq 5',
    '-m time --timestart 08:00',
    '-m statistic --mode random --probability 0.5',
    '-m socket',
    '-m length --length 0:100',
    '-m ipvs --ipvs',
  ])('%s', (match) => {
    const rs = forward([`-A FORWARD -p tcp ${match} -j ACCEPT`]);
    expect(show(decide(rs, 'tcp 10.0.0.1:5 -> 10.0.0.2:80'))).toBe('? 4');
  });

  it('refuses an option physdev does not have (iptables does too)', () => {
    expect(() => forward(['-A FORWARD -m physdev --physdev-bogus -j ACCEPT'])).toThrow(/unknown option/);
  });
});

describe('iptables: an address mask whose ones are not contiguous (iptables-save writes it as a.b.c.d/m.m.m.m)', () => {
  const rs = forward([
    '-A FORWARD -d 10.40.0.0/255.0.255.0 -p tcp --dport 80 -j ACCEPT',
    '-A FORWARD -s 172.16.0.9/255.255.0.255 -j ACCEPT',
  ]);
  it.each([
    ['tcp 192.0.2.1:5 -> 10.7.0.33:80', 'accept line 4'],
    ['tcp 192.0.2.1:5 -> 10.255.0.1:80', 'accept line 4'],
    ['tcp 192.0.2.1:5 -> 10.7.1.33:80', 'drop policy FORWARD'],
    ['tcp 192.0.2.1:5 -> 11.7.0.33:80', 'drop policy FORWARD'],
    ['udp 172.16.200.9:5 -> 192.0.2.1:53', 'accept line 5'],
    ['udp 172.16.200.10:5 -> 192.0.2.1:53', 'drop policy FORWARD'],
  ])('%s: %s', (packet, want) => expect(show(decide(rs, packet))).toBe(want));

  it('with too many holes to list, uninterpreted where it could match (within the leading ones)', () => {
    const many = forward(['-A FORWARD -s 10.0.0.5/255.0.0.255 -j ACCEPT']);
    expect(show(decide(many, 'udp 10.9.9.5:5 -> 192.0.2.1:53'))).toBe('? 4');
    expect(show(decide(many, 'udp 11.9.9.5:5 -> 192.0.2.1:53'))).toBe('drop policy FORWARD');
    const neg = forward(['-A FORWARD ! -s 10.0.0.0/255.0.0.255 -j ACCEPT']);
    expect(show(decide(neg, 'udp 10.9.9.0:5 -> 192.0.2.1:53'))).toBe('? 4');
  });

  it('in ip6tables', () => {
    const v6 = parseIptables([
      {
        file: 'v6',
        kind: 'ip6tables',
        text: '*filter\n:FORWARD DROP [0:0]\n-A FORWARD -d 2001:db8::5/ffff:ffff:ffff:ffff:ffff:ffff:ffff:f0ff -j ACCEPT\n-A FORWARD -d 2001:db9::/ffff:ffff:: -j ACCEPT\nCOMMIT\n',
      },
    ]);
    if (!v6.ok) throw new Error(v6.issues.map(formatIssue).join('\n'));
    expect(show(decide(v6.value.ruleset, 'udp [2001:db7::1]:5 -> [2001:db8::a05]:53'))).toBe('accept line 3');
    expect(show(decide(v6.value.ruleset, 'udp [2001:db7::1]:5 -> [2001:db8::a06]:53'))).toBe('drop policy FORWARD');
    expect(show(decide(v6.value.ruleset, 'udp [2001:db7::1]:5 -> [2001:db9:1::1]:53'))).toBe('accept line 4');
  });
});

describe('an ICMP packet that does not say its type or code, where the rules decide by them', () => {
  const rs = forward([
    '-A FORWARD -s 10.1.0.0/16 -p icmp --icmp-type 8/0 -j ACCEPT',
    '-A FORWARD -s 10.2.0.0/16 -p icmp --icmp-type echo-request -j ACCEPT',
    '-A FORWARD -s 10.3.0.0/16 -p icmp -j ACCEPT',
  ]);
  it.each([
    ['icmp 10.1.0.1 -> 192.0.2.1 type echo-request code 0', 'accept line 4'],
    ['icmp 10.1.0.1 -> 192.0.2.1 type echo-request code 1', 'drop policy FORWARD'],
    // Every ICMP packet has a code: without one, the rule of code 0 could match, or not.
    ['icmp 10.1.0.1 -> 192.0.2.1 type echo-request', '? 4'],
    ['icmp 10.2.0.1 -> 192.0.2.1 type echo-request', 'accept line 5'],
    ['icmp 10.2.0.1 -> 192.0.2.1', '? 5'],
    ['icmp 10.3.0.1 -> 192.0.2.1', 'accept line 6'],
    ['icmp 10.4.0.1 -> 192.0.2.1', 'drop policy FORWARD'],
  ])('%s: %s', (packet, want) => expect(show(decide(rs, packet))).toBe(want));
});

describe('iptables: --ctstate listing DNAT with connection states (firewalld: RELATED,ESTABLISHED,DNAT)', () => {
  const rs = forward(['-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED,DNAT -j ACCEPT']);
  it.each([
    ['tcp 10.0.0.1:5 -> 10.0.0.2:80 state established', 'accept line 4'],
    ['tcp 10.0.0.1:5 -> 10.0.0.2:80 state related', 'accept line 4'],
    // Nothing translates destinations here: a new connection is not in the list.
    ['tcp 10.0.0.1:5 -> 10.0.0.2:80', 'drop policy FORWARD'],
  ])('%s: %s', (packet, want) => expect(show(decide(rs, packet))).toBe(want));

  it('negated: no listed state and not translated; -D finds the rule as written', () => {
    const neg = forward(['-A FORWARD -m conntrack ! --ctstate INVALID,DNAT -j ACCEPT']);
    expect(show(decide(neg, 'tcp 10.0.0.1:5 -> 10.0.0.2:80'))).toBe('accept line 4');
    expect(show(decide(neg, 'tcp 10.0.0.1:5 -> 10.0.0.2:80 state invalid'))).toBe('drop policy FORWARD');
    const rule = '-m conntrack --ctstate RELATED,ESTABLISHED,DNAT -j ACCEPT';
    const gone = forward([`-A FORWARD ${rule}`, `-D FORWARD ${rule}`]);
    expect(gone.chains.FORWARD?.rules).toEqual([]);
  });
});

describe('iptables: raw and mangle are walked before and after routing, as the kernel walks them', () => {
  const text = [
    '*raw',
    ':PREROUTING ACCEPT [0:0]',
    ':spoof - [0:0]',
    '-A PREROUTING -i eth9 -j spoof',
    '-A spoof -s 10.9.0.0/16 -j RETURN',
    '-A spoof -j DROP',
    'COMMIT',
    '*mangle',
    ':FORWARD ACCEPT [0:0]',
    ':clamp - [0:0]',
    '-A FORWARD -p udp -j clamp',
    '-A clamp -d 192.0.2.0/24 -j DROP',
    'COMMIT',
    '*filter',
    ':FORWARD ACCEPT [0:0]',
    'COMMIT',
    '',
  ].join('\n');
  const rs = read(text, 'guards');
  it.each([
    // Through eth9 the raw DROP takes what the RETURN before it does not.
    ['tcp 10.8.0.1:5 -> 198.51.100.1:80 in eth9 out eth1', 'drop line 6'],
    ['tcp 10.9.0.1:5 -> 198.51.100.1:80 in eth9 out eth1', 'accept policy FORWARD'],
    ['tcp 10.8.0.1:5 -> 198.51.100.1:80 in eth1 out eth2', 'accept policy FORWARD'],
    ['udp 10.8.0.1:5 -> 192.0.2.1:53 in eth1 out eth2', 'drop line 12'],
    ['tcp 10.8.0.1:5 -> 192.0.2.1:53 in eth1 out eth2', 'accept policy FORWARD'],
    // An interface unsaid: tried in each place the rules decide by (eth9 or not), which disagree.
    ['tcp 10.8.0.1:5 -> 198.51.100.1:80', '? 6'],
  ])('%s: %s', (packet, want) => expect(show(decide(rs, packet))).toBe(want));
});

describe('iptables: a guard before destination NAT', () => {
  it('is "cannot tell" for the packets it may change, said as such (not as a loop)', () => {
    const text = [
      '*raw',
      ':PREROUTING ACCEPT [0:0]',
      '-A PREROUTING -s 10.9.0.0/16 -j CT --notrack',
      'COMMIT',
      '*nat',
      ':PREROUTING ACCEPT [0:0]',
      '-A PREROUTING -d 10.99.0.1/32 -p tcp --dport 80 -j DNAT --to-destination 10.98.0.1',
      'COMMIT',
      '*filter',
      ':FORWARD ACCEPT [0:0]',
      '-A FORWARD -m state --state NEW -j DROP',
      'COMMIT',
      '',
    ].join('\n');
    const d = decide(read(text, 'before-nat'), 'tcp 10.9.1.1:4000 -> 10.20.0.1:80 in eth0 out eth1');
    expect(d.kind).toBe('indeterminate');
    if (d.kind !== 'indeterminate') return;
    expect(d.reason.en).not.toMatch(/loop/);
    expect(d.opaque.map((h) => h.rule.provenance.line ?? h.chain)).toEqual([3, '@unknown']);
  });
});

import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/model/issues.js';
import { type Decision, evaluate, parsePacket, type Rule } from '../../../src/ruleset/index.js';
import { parseIptables } from '../../../src/targets/iptables/parse/index.js';

/** A filter table with these FORWARD rules (policy DROP), read; throws with the issues when refused. */
function forward(rules: string[], extra: { ipset?: string; v6?: boolean } = {}) {
  const text = ['*filter', ':FORWARD DROP [0:0]', ':other - [0:0]', ...rules, 'COMMIT', ''].join('\n');
  const sources = [{ file: 'fw.rules', text, kind: extra.v6 ? ('ip6tables' as const) : ('iptables' as const) }];
  if (extra.ipset) sources.push({ file: 'fw.ipset', text: extra.ipset, kind: 'ipset' as never });
  const r = parseIptables(sources);
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value.ruleset;
}

function decide(rules: string[], packet: string, extra: { ipset?: string; v6?: boolean } = {}): string {
  const p = parsePacket(packet);
  if (!p.ok) throw new Error(p.message);
  return show(evaluate(forward(rules, extra), p.value));
}

const show = (d: Decision): string =>
  d.kind === 'indeterminate'
    ? `? ${d.opaque.map((h) => h.rule.provenance.line ?? h.chain).join(',')}`
    : `${d.action} ${d.decidedBy ? `line ${d.decidedBy.rule.provenance.line}` : d.policyOf ? `policy ${d.policyOf}` : 'default'}`;

const only = (rules: string[], extra: { ipset?: string; v6?: boolean } = {}): Rule =>
  forward(rules, extra).chains.FORWARD?.rules[0] as Rule;

describe('iptables parse: what each match means', () => {
  // [rules (line 4 on), packet, what decides it]
  const cases: [string, string[], string, string][] = [
    [
      'source list',
      ['-A FORWARD -s 10.0.0.0/8,192.0.2.1 -j ACCEPT'],
      'tcp 192.0.2.1:1 -> 198.51.100.1:80',
      'accept line 4',
    ],
    [
      'negated source',
      ['-A FORWARD ! -s 10.0.0.0/8 -j ACCEPT'],
      'tcp 10.1.1.1:1 -> 198.51.100.1:80',
      'drop policy FORWARD',
    ],
    ['old negation', ['-A FORWARD -s ! 10.0.0.0/8 -j ACCEPT'], 'tcp 11.1.1.1:1 -> 198.51.100.1:80', 'accept line 4'],
    [
      'dotted mask',
      ['-A FORWARD -d 192.0.2.0/255.255.255.128 -j ACCEPT'],
      'tcp 10.0.0.1:1 -> 192.0.2.200:80',
      'drop policy FORWARD',
    ],
    [
      'host bits masked',
      ['-A FORWARD -d 192.0.2.77/24 -j ACCEPT'],
      'tcp 10.0.0.1:1 -> 192.0.2.200:80',
      'accept line 4',
    ],
    ['protocol number', ['-A FORWARD -p 17 -j ACCEPT'], 'udp 10.0.0.1:1 -> 10.0.0.2:53', 'accept line 4'],
    [
      'protocol upper case',
      ['-A FORWARD -p ICMP -j ACCEPT'],
      'icmp 10.0.0.1 -> 10.0.0.2 type echo-request',
      'accept line 4',
    ],
    ['protocol all', ['-A FORWARD -p all -j ACCEPT'], 'proto 47 10.0.0.1 -> 10.0.0.2', 'accept line 4'],
    ['negated protocol', ['-A FORWARD ! -p tcp -j ACCEPT'], 'tcp 10.0.0.1:1 -> 10.0.0.2:80', 'drop policy FORWARD'],
    ['interface prefix', ['-A FORWARD -i eth+ -j ACCEPT'], 'tcp 10.0.0.1:1 -> 10.0.0.2:80 in eth7', 'accept line 4'],
    [
      'negated interface',
      ['-A FORWARD ! -o eth0 -j ACCEPT'],
      'tcp 10.0.0.1:1 -> 10.0.0.2:80 out eth0',
      'drop policy FORWARD',
    ],
    [
      'port range',
      ['-A FORWARD -p tcp --dport 1000:2000 -j ACCEPT'],
      'tcp 10.0.0.1:1 -> 10.0.0.2:2000',
      'accept line 4',
    ],
    ['open range', ['-A FORWARD -p tcp --dport 6000: -j ACCEPT'], 'tcp 10.0.0.1:1 -> 10.0.0.2:65535', 'accept line 4'],
    [
      'negated port',
      ['-A FORWARD -p tcp -m tcp ! --dport 80 -j ACCEPT'],
      'tcp 10.0.0.1:1 -> 10.0.0.2:80',
      'drop policy FORWARD',
    ],
    ['source port', ['-A FORWARD -p udp --sport 53 -j ACCEPT'], 'udp 10.0.0.1:53 -> 10.0.0.2:4000', 'accept line 4'],
    [
      'multiport',
      ['-A FORWARD -p tcp -m multiport --dports 22,80,8000:8080 -j ACCEPT'],
      'tcp 10.0.0.1:1 -> 10.0.0.2:8042',
      'accept line 4',
    ],
    [
      'negated multiport',
      ['-A FORWARD -p tcp -m multiport ! --dports 22,80 -j ACCEPT'],
      'tcp 10.0.0.1:1 -> 10.0.0.2:22',
      'drop policy FORWARD',
    ],
    [
      'iprange',
      ['-A FORWARD -m iprange --src-range 10.0.0.5-10.0.0.9 -j ACCEPT'],
      'tcp 10.0.0.9:1 -> 10.0.0.2:22',
      'accept line 4',
    ],
    [
      'negated iprange',
      ['-A FORWARD -m iprange ! --dst-range 10.0.0.0-10.255.255.255 -j ACCEPT'],
      'tcp 10.0.0.9:1 -> 10.0.0.2:22',
      'drop policy FORWARD',
    ],
    [
      'conntrack',
      ['-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'],
      'tcp 10.0.0.9:1 -> 10.0.0.2:22 state established',
      'accept line 4',
    ],
    [
      'state',
      ['-A FORWARD -m state --state NEW -j DROP', '-A FORWARD -j ACCEPT'],
      'tcp 10.0.0.9:1 -> 10.0.0.2:22',
      'drop line 4',
    ],
    [
      'icmp name with code',
      ['-A FORWARD -p icmp -m icmp --icmp-type port-unreachable -j ACCEPT'],
      'icmp 10.0.0.1 -> 10.0.0.2 type 3 code 3',
      'accept line 4',
    ],
    [
      'icmp type/code',
      ['-A FORWARD -p icmp --icmp-type 3/1 -j ACCEPT'],
      'icmp 10.0.0.1 -> 10.0.0.2 type 3 code 3',
      'drop policy FORWARD',
    ],
    [
      'negated icmp',
      ['-A FORWARD -p icmp ! --icmp-type echo-request -j ACCEPT'],
      'icmp 10.0.0.1 -> 10.0.0.2 type echo-reply',
      'accept line 4',
    ],
    [
      'log goes on',
      ['-A FORWARD -j LOG --log-prefix "FW: "', '-A FORWARD -j REJECT --reject-with icmp-port-unreachable'],
      'tcp 10.0.0.1:1 -> 10.0.0.2:22',
      'reject line 5',
    ],
    [
      'counter only',
      ['-A FORWARD -s 10.0.0.1', '-A FORWARD -j ACCEPT'],
      'tcp 10.0.0.1:1 -> 10.0.0.2:22',
      'accept line 5',
    ],
    [
      'jump and return',
      ['-A FORWARD -j other', '-A FORWARD -j ACCEPT', '-A other -p tcp -j RETURN', '-A other -j DROP'],
      'tcp 10.0.0.1:1 -> 10.0.0.2:22',
      'accept line 5',
    ],
    [
      'goto leaves the caller',
      ['-A FORWARD -g other', '-A FORWARD -j DROP', '-A other -p tcp -j RETURN'],
      'tcp 10.0.0.1:1 -> 10.0.0.2:22',
      // RETURN with nothing to return to: the base chain's policy, as iptables does.
      'drop policy FORWARD',
    ],
    ['counters prefix', ['[12:3456] -A FORWARD -p tcp -j ACCEPT'], 'tcp 10.0.0.1:1 -> 10.0.0.2:22', 'accept line 4'],
    [
      'uninterpreted match',
      ['-A FORWARD -m recent --rcheck --seconds 60 --name ssh -j DROP', '-A FORWARD -j ACCEPT'],
      'tcp 10.0.0.1:1 -> 10.0.0.2:22',
      '? 4',
    ],
    ['tcp flags narrow', ['-A FORWARD -p tcp --syn -j ACCEPT'], 'udp 10.0.0.1:1 -> 10.0.0.2:22', 'drop policy FORWARD'],
    // Numbers as libxtables reads them (strtoul, base 0): a leading zero is octal, 0x hexadecimal.
    ['octal port', ['-A FORWARD -p tcp --dport 010 -j ACCEPT'], 'tcp 10.0.0.1:1 -> 10.0.0.2:8', 'accept line 4'],
    // …except where the module reads ports in base 10 (libxt_udp, conntrack): there 010 is 10.
    [
      'udp port in base 10',
      ['-A FORWARD -p udp --dport 010 -j ACCEPT'],
      'udp 10.0.0.1:1 -> 10.0.0.2:10',
      'accept line 4',
    ],
    [
      'udp multiport in base 0',
      ['-A FORWARD -p udp -m multiport --dports 010 -j ACCEPT'],
      'udp 10.0.0.1:1 -> 10.0.0.2:8',
      'accept line 4',
    ],
    [
      'octal port, not decimal',
      ['-A FORWARD -p tcp --dport 010 -j ACCEPT'],
      'tcp 10.0.0.1:1 -> 10.0.0.2:10',
      'drop policy FORWARD',
    ],
    [
      'hex port range',
      ['-A FORWARD -p udp -m multiport --dports 0x50:0x51 -j ACCEPT'],
      'udp 10.0.0.1:1 -> 10.0.0.2:81',
      'accept line 4',
    ],
    ['octal protocol', ['-A FORWARD -p 021 -j ACCEPT'], 'udp 10.0.0.1:1 -> 10.0.0.2:53', 'accept line 4'],
    // Names of /etc/protocols, which iptables-save 1.4 prints (netbase's list).
    ['protocol of /etc/protocols', ['-A FORWARD -p pim -j ACCEPT'], 'proto 103 10.0.0.1 -> 10.0.0.2', 'accept line 4'],
    ['protocol dccp', ['-A FORWARD -p DCCP -j ACCEPT'], 'proto 33 10.0.0.1 -> 10.0.0.2', 'accept line 4'],
    ['protocol ip is every protocol', ['-A FORWARD -p ip -j ACCEPT'], 'udp 10.0.0.1:1 -> 10.0.0.2:53', 'accept line 4'],
    [
      'octal address octets',
      ['-A FORWARD -s 192.168.001.010 -j ACCEPT'],
      'tcp 192.168.1.8:1 -> 10.0.0.2:22',
      'accept line 4',
    ],
    ['short address, a network', ['-A FORWARD -s 10.7/16 -j ACCEPT'], 'tcp 10.7.3.4:1 -> 10.0.0.2:22', 'accept line 4'],
    ['octal prefix length', ['-A FORWARD -s 10.8.0.0/020 -j ACCEPT'], 'tcp 10.8.3.4:1 -> 10.0.0.2:22', 'accept line 4'],
    [
      'octal range',
      ['-A FORWARD -m iprange --src-range 10.0.0.010-10.0.0.012 -j ACCEPT'],
      'tcp 10.0.0.11:1 -> 10.0.0.2:22',
      'drop policy FORWARD',
    ],
    [
      'octal ICMP type and code',
      ['-A FORWARD -p icmp --icmp-type 010/00 -j ACCEPT'],
      'icmp 10.0.0.1 -> 10.0.0.2 type echo-request code 0',
      'accept line 4',
    ],
    [
      'ICMP name start, any case',
      ['-A FORWARD -p icmp --icmp-type Echo-Req -j ACCEPT'],
      'icmp 10.0.0.1 -> 10.0.0.2 type echo-request',
      'accept line 4',
    ],
  ];
  for (const [name, rules, packet, expected] of cases) {
    it(name, () => expect(decide(rules, packet)).toBe(expected));
  }

  it('reads the rule’s own options written after the target (iptables reads them wherever they stand)', () => {
    expect(decide(['-A FORWARD -j ACCEPT -s 10.1.0.0/16'], 'tcp 10.2.0.1:1 -> 10.0.0.2:22')).toBe(
      'drop policy FORWARD',
    );
    const rules = ['-A FORWARD -j REJECT --reject-with tcp-reset ! -i eth0 -p tcp --dport 22', '-A FORWARD -j ACCEPT'];
    expect(decide(rules, 'tcp 10.2.0.1:1 -> 10.0.0.2:23 in eth1 out eth2')).toBe('accept line 5');
    expect(decide(rules, 'tcp 10.2.0.1:1 -> 10.0.0.2:22 in eth1 out eth2')).toBe('reject line 4');
    expect(decide(rules, 'tcp 10.2.0.1:1 -> 10.0.0.2:22 in eth0 out eth2')).toBe('accept line 5');
  });

  it('reads an IPv6 prefix length as libxtables does (/040 is 32)', () => {
    const rules = ['-A FORWARD -s 2001:db8::/040 -j ACCEPT'];
    expect(decide(rules, 'tcp [2001:db8:ff::1]:1 -> [2001:db9::2]:22', { v6: true })).toBe('accept line 4');
  });

  it('reads a quoted comment with escapes', () => {
    const rule = only(['-A FORWARD -m comment --comment "say \\"hi\\" \\\\ o" -j ACCEPT']);
    expect(rule.provenance.comment).toBe('say "hi" \\ o');
    expect(rule.provenance).toMatchObject({ file: 'fw.rules', line: 4 });
  });

  it('keeps uninterpreted matches with their reason', () => {
    expect(only(['-A FORWARD -m limit --limit 3/min -p tcp --tcp-flags SYN,RST SYN,RST -j DROP']).opaque).toEqual([
      "--tcp-flags SYN,RST SYN,RST: TCP flags, known for a connection's opening SYN or a packet that says its flags",
      '-m limit --limit 3/min: a rate limit, which depends on traffic',
    ]);
    expect(only(['-A FORWARD -m xt -j ACCEPT']).opaque?.[0]).toMatch(/^-m xt: an iptables-nft compatibility/);
  });

  it('reads ipsets: hash:net exactly, hash:ip,port as a bound on its addresses', () => {
    const ipset = [
      'create nets hash:net family inet hashsize 1024 maxelem 65536',
      'add nets 10.1.0.0/16',
      'add nets 192.0.2.7',
      'create pairs hash:ip,port family inet',
      'add pairs 10.9.9.9,tcp:443',
      '',
    ].join('\n');
    const rules = [
      '-A FORWARD -m set --match-set nets src -j ACCEPT',
      '-A FORWARD -m set --match-set pairs dst,dst -j ACCEPT',
    ];
    expect(decide(rules, 'tcp 10.1.2.3:1 -> 10.0.0.2:22', { ipset })).toBe('accept line 4');
    expect(decide(rules, 'tcp 10.2.2.3:1 -> 10.0.0.2:22', { ipset })).toBe('drop policy FORWARD');
    expect(decide(rules, 'tcp 10.2.2.3:1 -> 10.9.9.9:22', { ipset })).toBe('? 5');
    expect(
      decide(['-A FORWARD -m set ! --match-set nets src -j ACCEPT'], 'tcp 10.1.2.3:1 -> 10.0.0.2:22', { ipset }),
    ).toBe('drop policy FORWARD');
  });

  it('reads a set a rule adds to (-j SET) as not modelled: it holds what earlier packets put there', () => {
    const ipset = ['create seen hash:ip family inet', 'add seen 10.7.0.1', ''].join('\n');
    const rules = [
      '-A FORWARD -s 10.5.0.0/16 -j SET --add-set seen src',
      '-A FORWARD -m set --match-set seen src -j DROP',
      '-A FORWARD -j ACCEPT',
    ];
    // The kernel adds 10.5.1.1 at line 4 and drops it at line 5; the saved contents do not hold it.
    expect(decide(rules, 'tcp 10.5.1.1:1 -> 10.0.0.2:22', { ipset })).toBe('? 5');
    const deleting = ['-A FORWARD -j SET --del-set seen src', '-A FORWARD -m set --match-set seen src -j ACCEPT'];
    expect(decide(deleting, 'tcp 10.7.0.1:1 -> 10.0.0.2:22', { ipset })).toBe('? 5');
    expect(decide(deleting, 'tcp 10.7.0.2:1 -> 10.0.0.2:22', { ipset })).toBe('drop policy FORWARD');
  });

  it('reads IPv6 with ICMPv6 names', () => {
    const rules = ['-A FORWARD -s 2001:db8::/32 -p ipv6-icmp --icmpv6-type neighbour-solicitation -j ACCEPT'];
    expect(decide(rules, 'icmp [2001:db8::1] -> [2001:db8::2] type 135', { v6: true })).toBe('accept line 4');
  });

  it('merges IPv4 and IPv6 files whose policies differ', () => {
    const r = parseIptables([
      { file: 'v4', text: '*filter\n:FORWARD DROP [0:0]\n-A FORWARD -p tcp -j ACCEPT\nCOMMIT\n' },
      { file: 'v6', text: '*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -p udp -j DROP\nCOMMIT\n', kind: 'ip6tables' },
    ]);
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    const at = (p: string) => {
      const packet = parsePacket(p);
      if (!packet.ok) throw new Error(packet.message);
      return show(evaluate(r.value.ruleset, packet.value));
    };
    expect(at('udp 10.0.0.1:1 -> 10.0.0.2:53')).toBe('drop policy FORWARD (IPv4)');
    expect(at('udp [2001:db8::1]:1 -> [2001:db8::2]:53')).toBe('drop line 3');
    expect(at('tcp [2001:db8::1]:1 -> [2001:db8::2]:53')).toBe('accept policy FORWARD (IPv6)');
  });

  it('applies a DNAT of nat PREROUTING before FORWARD, and REDIRECT or a port range make the verdict "cannot tell"', () => {
    const text = [
      '*nat',
      ':PREROUTING ACCEPT [0:0]',
      '-A PREROUTING -d 203.0.113.1 -p tcp --dport 80 -j DNAT --to-destination 10.0.0.5:8080',
      '-A PREROUTING -d 203.0.113.2 -p tcp -j REDIRECT --to-ports 3128',
      '-A PREROUTING -d 203.0.113.3 -p tcp -j DNAT --to-destination 10.0.0.5:8079-8080',
      '-A PREROUTING -d 203.0.113.4 -p tcp -j DNAT --to-destination 10.0.0.5:8080-8080',
      'COMMIT',
      '*filter',
      ':FORWARD DROP [0:0]',
      '-A FORWARD -d 10.0.0.5 -p tcp --dport 8080 -j ACCEPT',
      'COMMIT',
    ].join('\n');
    const r = parseIptables([{ file: 'nat', text }]);
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    const at = (p: string) => {
      const packet = parsePacket(p);
      if (!packet.ok) throw new Error(packet.message);
      return show(evaluate(r.value.ruleset, packet.value));
    };
    expect(at('tcp 192.0.2.1:1 -> 203.0.113.1:80')).toBe('accept line 10');
    expect(at('tcp 192.0.2.1:1 -> 10.0.0.5:8080')).toBe('accept line 10');
    expect(at('tcp 192.0.2.1:1 -> 203.0.113.1:81')).toBe('drop policy FORWARD');
    expect(at('tcp 192.0.2.1:1 -> 203.0.113.2:80')).toBe('? 4');
    expect(at('tcp 192.0.2.1:1 -> 203.0.113.3:80')).toBe('? 5');
    expect(at('tcp 192.0.2.1:1 -> 203.0.113.4:9')).toBe('accept line 10');
    const packet = parsePacket('tcp 192.0.2.1:1 -> 203.0.113.1:80');
    const d = packet.ok ? evaluate(r.value.ruleset, packet.value) : undefined;
    expect(d?.kind === 'decided' && d.translatedBy?.rule.provenance.line).toBe(3);
    expect(r.value.ruleset.chains['nat/PREROUTING']?.rules).toHaveLength(4);
    expect(r.value.ruleset.nat?.destination).toEqual(['nat/PREROUTING']);
  });
});

describe('iptables parse: a broken file gets every error at once', () => {
  it('positions each error and hints at the fix', () => {
    const text = [
      '*filter',
      ':FORWARD DROP [0:0]',
      ':FORWARD2 ACCEPT [0:0]',
      '-A FORWARD -s 10.0.0.300 -j ACCEPT',
      '-A FORWARD -p tcpp -j ACCEPT',
      '-A FORWARD --dport 80 -j ACCEPT',
      '-A FORWARD -p tcp --dport 90:80 -j ACCEPT',
      '-A FORWRD -j ACCEPT',
      '-A FORWARD -j nowhere',
      '-A FORWARD -m comment --comment "open -j ACCEPT',
      '-A FORWARD ! -s 10.0.0.1,10.0.0.2 -j ACCEPT',
      '-A FORWARD -s 2001:db8::1 -j ACCEPT',
      '-A FORWARD -p tcp --dport 08 -j ACCEPT',
      '-A FORWARD -p icmp --icmp-type echo -j ACCEPT',
      '',
    ].join('\n');
    const r = parseIptables([{ file: 'bad.rules', text, kind: 'iptables' }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map(formatIssue)).toEqual([
      'bad.rules:3:11: FORWARD2 is not a built-in chain of table filter, so its policy is "-"',
      'bad.rules:4:15: "10.0.0.300" is not a valid IPv4 address — four numbers 0 to 255 separated by dots',
      'bad.rules:5:15: unknown protocol "tcpp" — did you mean "tcp"?',
      'bad.rules:6:12: unknown option "--dport" — it belongs to a protocol: add -p tcp, -p udp or -p sctp before it',
      'bad.rules:7:27: port range "90:80" is reversed — did you mean "80:90"?',
      'bad.rules:8:4: chain "FORWRD" is not declared in table filter — did you mean "FORWARD"?',
      'bad.rules:9:15: "nowhere" is neither a declared chain of table filter nor a target — declare it with :nowhere - [0:0] after *filter',
      'bad.rules:10:33: unterminated quote — close the quote with "',
      'bad.rules:11:17: "!" cannot negate a list of addresses — write one rule per address, or use an ipset',
      'bad.rules:12:15: "2001:db8::1" is an IPv6 address in an iptables file — IPv6 rules belong in the ip6tables-save file',
      'bad.rules:13:27: "08" is not a port or port range — a port 0 to 65535, or FROM:TO',
      'bad.rules:14:32: ambiguous ICMP type "echo" for --icmp-type: echo-reply, echo-request — write the whole name',
      'bad.rules:1:1: table filter has no COMMIT — end it with COMMIT',
    ]);
  });
});

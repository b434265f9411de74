import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/model/issues.js';
import { type Decision, evaluate, parsePacket, type Ruleset } from '../../../src/ruleset/index.js';
import { parseNftJson, parseNftText } from '../../../src/targets/nftables/parse/index.js';

/**
 * What `nft list ruleset` and `nft -j list ruleset` print on real hosts that the other tests do not hold: tables of
 * one family next to each other, base chains that return or go to another chain, statements that hand the packet
 * elsewhere, malformed JSON values. Every ruleset here is written by hand.
 */

function text(source: string): Ruleset {
  const r = parseNftText({ path: 'rules.nft', text: source });
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
}

function json(items: readonly unknown[]): Ruleset {
  const r = parseNftJson({ path: 'rules.json', text: JSON.stringify({ nftables: items }) });
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
}

function decide(ruleset: Ruleset, packet: string): string {
  const p = parsePacket(packet);
  if (!p.ok) throw new Error(p.message);
  return show(evaluate(ruleset, p.value));
}

const show = (d: Decision): string =>
  d.kind === 'indeterminate'
    ? `? ${d.opaque.map((h) => h.rule.provenance.line ?? h.chain).join(',')}`
    : `${d.action} ${d.decidedBy ? `line ${d.decidedBy.rule.provenance.line}` : d.policyOf ? `policy ${d.policyOf}` : 'default'}`;

const V4 = 'tcp 10.0.0.1:1000 -> 192.0.2.10:443';
const V6 = 'tcp [2001:db8::1]:1000 -> [2001:db8::2]:443';

describe('nftables parse: a table of one family decides for that family only', () => {
  // iptables-nft and ip6tables-nft make exactly this: table ip filter and table ip6 filter, each with FORWARD.
  const twoTables = [
    'table ip filter {',
    '\tchain FORWARD {',
    '\t\ttype filter hook forward priority filter; policy accept;',
    '\t}',
    '}',
    'table ip6 filter {',
    '\tchain FORWARD {',
    '\t\ttype filter hook forward priority filter; policy drop;',
    '\t\ttcp dport 22 accept',
    '\t}',
    '}',
  ].join('\n');

  it('lets an IPv4 packet through the drop policy of an ip6 table', () => {
    expect(decide(text(twoTables), V4)).toMatch(/^accept /);
  });

  it('drops an IPv6 packet by the policy of the ip6 table', () => {
    expect(decide(text(twoTables), V6)).toMatch(/^drop /);
    expect(decide(text(twoTables), 'tcp [2001:db8::1]:1000 -> [2001:db8::2]:22')).toBe('accept line 9');
  });

  it('does the same in the JSON listing', () => {
    const ruleset = json([
      { table: { family: 'ip6', name: 'filter' } },
      {
        chain: { family: 'ip6', table: 'filter', name: 'FORWARD', type: 'filter', hook: 'forward', prio: 0 },
      },
      { chain: { family: 'ip6', table: 'filter', name: 'IN', type: 'filter', hook: 'input', prio: 0 } },
      {
        chain: {
          family: 'ip6',
          table: 'filter',
          name: 'FWD',
          type: 'filter',
          hook: 'forward',
          prio: 10,
          policy: 'drop',
        },
      },
    ]);
    expect(decide(ruleset, V4)).toMatch(/^accept /);
    expect(decide(ruleset, V6)).toMatch(/^drop /);
  });
});

describe('nftables parse: a base chain that returns or goes to another chain ends with its policy', () => {
  const chains = (base: string) =>
    text(
      [
        'table inet filter {',
        '\tchain forward {',
        '\t\ttype filter hook forward priority filter; policy drop;',
        `\t\t${base}`,
        '\t\taccept',
        '\t}',
        '\tchain sub {',
        '\t\tip saddr 10.0.0.1 return',
        '\t\tip saddr 10.0.0.2 accept',
        '\t}',
        '}',
      ].join('\n'),
    );

  it('drops what a goto chain returns (nft: back to the base chain, which ends with its policy)', () => {
    expect(decide(chains('goto sub'), V4)).toMatch(/^drop /);
    expect(decide(chains('goto sub'), 'tcp 10.0.0.2:1000 -> 192.0.2.10:443')).toBe('accept line 9');
    expect(decide(chains('goto sub'), 'tcp 10.0.0.3:1000 -> 192.0.2.10:443')).toMatch(/^drop /);
  });

  it('still comes back after a jump', () => {
    expect(decide(chains('jump sub'), V4)).toBe('accept line 5');
  });

  it('drops on a return in the base chain itself', () => {
    expect(decide(chains('ip saddr 10.0.0.1 return'), V4)).toMatch(/^drop /);
    expect(decide(chains('ip saddr 10.0.0.1 return'), 'tcp 10.0.0.2:1000 -> 192.0.2.10:443')).toBe('accept line 5');
  });

  it('does the same in the JSON listing', () => {
    const ruleset = json([
      { table: { family: 'inet', name: 't' } },
      { chain: { family: 'inet', table: 't', name: 'fwd', type: 'filter', hook: 'forward', prio: 0, policy: 'drop' } },
      { chain: { family: 'inet', table: 't', name: 'sub' } },
      { rule: { family: 'inet', table: 't', chain: 'fwd', expr: [{ goto: { target: 'sub' } }] } },
      { rule: { family: 'inet', table: 't', chain: 'sub', expr: [{ return: null }] } },
    ]);
    expect(decide(ruleset, V4)).toMatch(/^drop /);
  });
});

describe('nftables parse: a statement that hands the packet elsewhere leaves its fate unknown', () => {
  const forward = (rule: string) =>
    text(
      [
        'table inet filter {',
        '\tchain forward {',
        '\t\ttype filter hook forward priority filter; policy accept;',
        `\t\t${rule}`,
        '\t}',
        '}',
      ].join('\n'),
    );

  // A program reading the queue decides (the kernel waits for its verdict); synproxy answers the handshake itself.
  for (const rule of [
    'tcp dport 443 queue num 1',
    'tcp dport 443 queue num 0-3 bypass,fanout',
    'tcp dport 443 synproxy mss 1460 wscale 7',
  ]) {
    it(`cannot tell what "${rule}" does`, () => {
      expect(decide(forward(rule), V4)).toBe('? 4');
      expect(decide(forward(rule), 'tcp 10.0.0.1:1000 -> 192.0.2.10:80')).toBe('accept policy inet filter forward');
    });
  }

  it('cannot tell what a JSON statement it does not know does', () => {
    const ruleset = json([
      { table: { family: 'inet', name: 't' } },
      {
        chain: { family: 'inet', table: 't', name: 'fwd', type: 'filter', hook: 'forward', prio: 0, policy: 'accept' },
      },
      { rule: { family: 'inet', table: 't', chain: 'fwd', expr: [{ 'some-future-statement': { x: 1 } }] } },
      { rule: { family: 'inet', table: 't', chain: 'fwd', expr: [{ queue: { num: 1 } }] } },
    ]);
    const d = evaluate(ruleset, (parsePacket(V4) as { ok: true; value: never }).value);
    expect(d.kind).toBe('indeterminate');
  });
});

describe('nftables parse: JSON statements that match on traffic', () => {
  it('cannot tell whether a set update with a limit (a meter) matches', () => {
    const update = {
      set: {
        op: 'update',
        elem: { payload: { protocol: 'ip', field: 'saddr' } },
        set: '@flood',
        stmt: [{ limit: { rate: 10, per: 'second', inv: true } }],
      },
    };
    const ruleset = json([
      { table: { family: 'inet', name: 't' } },
      { set: { family: 'inet', table: 't', name: 'flood', type: 'ipv4_addr', flags: ['dynamic'] } },
      {
        chain: { family: 'inet', table: 't', name: 'fwd', type: 'filter', hook: 'forward', prio: 0, policy: 'accept' },
      },
      { rule: { family: 'inet', table: 't', chain: 'fwd', expr: [update, { drop: null }] } },
    ]);
    expect(decide(ruleset, V4)).toBe('? 1');
  });
});

describe('nftables parse: a set whose elements are not known still fixes the family of its header', () => {
  it('ip saddr @dynamic-set is uncertain for IPv4 only: an IPv6 packet cannot match it', () => {
    const ruleset = text(`table inet t {
	set banned {
		type ipv4_addr
		flags dynamic,timeout
		timeout 5m
	}
	chain fwd {
		type filter hook forward priority filter; policy accept;
		ip saddr @banned drop
	}
}
`);
    expect(decide(ruleset, V4)).toBe('? 9');
    expect(decide(ruleset, V6)).toBe('accept policy inet t fwd');
  });
});

describe('nftables parse: named stateful objects of a table (firewalld ct helpers) are read past', () => {
  it('takes a ct helper, a ct timeout, a counter and a quota block in the text listing', () => {
    const ruleset = text(`table inet fw {
	ct helper ftp-helper {
		type "ftp" protocol tcp
		l3proto inet
	}
	ct timeout short-udp {
		protocol udp
		l3proto ip
		policy = { unreplied : 15, replied : 30 }
	}
	counter hits {
		packets 0 bytes 0
	}
	quota cap {
		25 mbytes
	}
	chain forward {
		type filter hook forward priority filter; policy drop;
		tcp dport 21 ct helper set "ftp-helper" accept
	}
}
`);
    expect(decide(ruleset, 'tcp 10.0.0.1:1000 -> 192.0.2.10:21')).toBe('accept line 19');
    expect(decide(ruleset, V4)).toBe('drop policy inet fw forward');
  });
});

describe('nftables parse: a file cut anywhere gives issues, never a hang', () => {
  it('stops on a mark set cut before its value, at the end of the file', () => {
    const cut = 'table ip t {\n\tchain c {\n\t\tmeta mark set ct';
    const r = parseNftText({ path: 'cut.nft', text: cut });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map(formatIssue)).toEqual(['cut.nft:1:1: table t is not closed — add the missing }']);
  });
});

describe('nftables parse: a byte-order mark at the start of a file (saved by a Windows editor)', () => {
  const listing =
    'table inet filter {\n\tchain forward {\n\t\ttype filter hook forward priority 0; policy drop;\n\t\ttcp dport 443 accept\n\t}\n}\n';

  it('reads the text listing', () => {
    expect(decide(text(`\uFEFF${listing}`), V4)).toBe('accept line 4');
  });

  it('reads the JSON listing', () => {
    const items = [
      { table: { family: 'inet', name: 't' } },
      { chain: { family: 'inet', table: 't', name: 'fwd', type: 'filter', hook: 'forward', prio: 0, policy: 'drop' } },
    ];
    const r = parseNftJson({ path: 'rules.json', text: `\uFEFF${JSON.stringify({ nftables: items })}` });
    expect(r.ok && decide(r.value, V4)).toBe('drop policy inet t fwd');
  });
});

describe('nftables parse: an nft -f script stays linear', () => {
  // Quadratic readings took a minute here (each element copied the set, each chain searched all chains).
  it('reads 100,000 add element commands to one set (their speed: bench/nft-json.bench.ts is the place to time)', () => {
    const lines = [
      'add table inet t',
      'add set inet t blocked { type ipv4_addr; flags interval; }',
      'add chain inet t fwd { type filter hook forward priority 0; policy accept; }',
      'add rule inet t fwd ip saddr @blocked drop',
    ];
    for (let i = 0; i < 100_000; i++)
      lines.push(`add element inet t blocked { 10.${i >> 16}.${(i >> 8) & 255}.${i & 255} }`);
    const ruleset = text(lines.join('\n'));
    expect(decide(ruleset, 'tcp 10.1.134.159:1000 -> 192.0.2.10:443')).toBe('drop line 4');
    expect(decide(ruleset, 'tcp 10.2.0.0:1000 -> 192.0.2.10:443')).toMatch(/^accept /);
  }, 30_000);

  it('reads 50,000 add chain commands, each chain with its rule', () => {
    const lines = ['add table inet t', 'add chain inet t fwd { type filter hook forward priority 0; policy drop; }'];
    for (let i = 0; i < 50_000; i++)
      lines.push(`add chain inet t c${i}`, `add rule inet t c${i} tcp dport ${i} accept`);
    lines.push('add rule inet t fwd jump c443');
    const ruleset = text(lines.join('\n'));
    expect(decide(ruleset, V4)).toBe(`accept line ${2 + 2 * 443 + 2}`);
  }, 30_000);
});

describe('nftables parse: a netdev ingress chain filters the packets that enter its devices', () => {
  // As nft 1.0.6 lists them; the forward chain lets everything through.
  const listing = (ingress: string) =>
    text(
      [
        'table netdev edge {',
        '\tchain ingress {',
        `\t\t${ingress}`,
        '\t\tip saddr 10.0.0.0/8 drop',
        '\t}',
        '}',
        'table inet filter {',
        '\tchain forward {',
        '\t\ttype filter hook forward priority filter; policy accept;',
        '\t}',
        '}',
      ].join('\n'),
    );

  it('drops by its rules the packets that enter its device', () => {
    const ruleset = listing('type filter hook ingress device "eth0" priority -500; policy accept;');
    expect(decide(ruleset, 'tcp 10.0.0.1:1000 -> 192.0.2.10:443 in eth0 out eth1')).toBe('drop line 4');
    expect(decide(ruleset, 'tcp 10.0.0.1:1000 -> 192.0.2.10:443 in eth2 out eth1')).toMatch(/^accept /);
    expect(decide(ruleset, 'tcp 192.0.2.1:1000 -> 192.0.2.10:443 in eth0 out eth1')).toMatch(/^accept /);
  });

  it('drops by its policy the packets that enter one of its devices', () => {
    const ruleset = listing('type filter hook ingress devices = { eth0, eth1 } priority -500; policy drop;');
    expect(decide(ruleset, 'tcp 192.0.2.1:1000 -> 192.0.2.10:443 in eth1 out eth2')).toMatch(/^drop /);
    expect(decide(ruleset, 'tcp 192.0.2.1:1000 -> 192.0.2.10:443 in eth2 out eth1')).toMatch(/^accept /);
  });

  it('cannot tell, from a JSON listing that does not name the devices, whether its rules apply', () => {
    const ruleset = json([
      { table: { family: 'netdev', name: 'edge' } },
      {
        chain: {
          family: 'netdev',
          table: 'edge',
          name: 'in',
          type: 'filter',
          hook: 'ingress',
          prio: -500,
          policy: 'accept',
        },
      },
      {
        rule: {
          family: 'netdev',
          table: 'edge',
          chain: 'in',
          expr: [
            { match: { op: '==', left: { payload: { protocol: 'ip', field: 'saddr' } }, right: '10.0.0.1' } },
            { drop: null },
          ],
        },
      },
    ]);
    expect(decide(ruleset, 'tcp 10.0.0.1:1000 -> 192.0.2.10:443 in eth0 out eth1')).toMatch(/^\? /);
    expect(decide(ruleset, 'tcp 10.0.0.2:1000 -> 192.0.2.10:443 in eth0 out eth1')).toMatch(/^accept /);
  });
});

describe('nftables parse: concatenations in named sets and verdict maps (kube-proxy, firewalld)', () => {
  // The shape kube-proxy's nftables mode writes: a verdict map keyed by address . protocol . port.
  const services = text(
    [
      'table ip kube-proxy {',
      '\tmap service-ips {',
      '\t\ttype ipv4_addr . inet_proto . inet_service : verdict',
      '\t\telements = { 10.96.0.10 . tcp . 53 : goto service-dns,',
      '\t\t\t     10.96.0.1 . tcp . 443 : goto service-api }',
      '\t}',
      '\tchain service-dns {',
      '\t\taccept',
      '\t}',
      '\tchain service-api {',
      '\t\tdrop',
      '\t}',
      '\tchain services {',
      '\t\tip daddr . meta l4proto . th dport vmap @service-ips',
      '\t}',
      '\tchain forward {',
      '\t\ttype filter hook forward priority -110; policy accept;',
      '\t\tjump services',
      '\t\tip daddr 10.96.0.0/16 drop',
      '\t}',
      '}',
    ].join('\n'),
  );

  it('follows the verdict map of a concatenation', () => {
    expect(decide(services, 'tcp 10.0.0.1:1000 -> 10.96.0.10:53')).toBe('accept line 8');
    expect(decide(services, 'tcp 10.0.0.1:1000 -> 10.96.0.1:443')).toBe('drop line 11');
    expect(decide(services, 'udp 10.0.0.1:1000 -> 10.96.0.10:53')).toBe('drop line 19');
  });

  it('matches a named set of address . port pairs', () => {
    const pairs = text(
      [
        'table inet f {',
        '\tset pairs {',
        '\t\ttype ipv4_addr . inet_service',
        '\t\telements = { 10.0.0.1 . 443, 10.0.0.2 . 80 }',
        '\t}',
        '\tchain forward {',
        '\t\ttype filter hook forward priority 0; policy drop;',
        '\t\tip daddr . tcp dport @pairs accept',
        '\t}',
        '}',
      ].join('\n'),
    );
    expect(decide(pairs, 'tcp 10.0.0.9:1000 -> 10.0.0.1:443')).toBe('accept line 8');
    expect(decide(pairs, 'tcp 10.0.0.9:1000 -> 10.0.0.1:80')).toBe('drop policy inet f forward');
  });

  it('follows a JSON verdict map keyed by a concatenation', () => {
    const key = {
      concat: [{ payload: { protocol: 'ip', field: 'daddr' } }, { payload: { protocol: 'th', field: 'dport' } }],
    };
    const ruleset = json([
      { table: { family: 'ip', name: 't' } },
      { chain: { family: 'ip', table: 't', name: 'fwd', type: 'filter', hook: 'forward', prio: 0, policy: 'accept' } },
      {
        rule: {
          family: 'ip',
          table: 't',
          chain: 'fwd',
          expr: [{ vmap: { key, data: { set: [[{ concat: ['10.0.0.1', 443] }, { drop: null }]] } } }],
        },
      },
    ]);
    expect(decide(ruleset, 'tcp 10.0.0.9:1000 -> 10.0.0.1:443')).toBe('drop line 1');
    expect(decide(ruleset, 'tcp 10.0.0.9:1000 -> 10.0.0.1:80')).toMatch(/^accept policy/);
  });

  it('cannot tell (never decides drop) what a verdict map it does not read does', () => {
    const ruleset = text(
      [
        'table inet f {',
        '\tchain forward {',
        '\t\ttype filter hook forward priority 0; policy drop;',
        '\t\tip daddr vmap { 10.0.0.1 : frobnicate }',
        '\t}',
        '}',
      ].join('\n'),
    );
    expect(decide(ruleset, 'tcp 10.0.0.9:1000 -> 10.0.0.1:443')).toBe('? 4');
  });
});

describe('nftables parse: a dormant table filters nothing', () => {
  const listing = [
    'table inet off {',
    '\tflags dormant',
    '',
    '\tchain forward {',
    '\t\ttype filter hook forward priority filter; policy drop;',
    '\t}',
    '}',
    'table inet on {',
    '\tchain forward {',
    '\t\ttype filter hook forward priority filter; policy accept;',
    '\t}',
    '}',
  ].join('\n');

  it('lets through what only a dormant table would drop, and says so', () => {
    const r = parseNftText({ path: 'rules.nft', text: listing });
    expect(r.ok && decide(r.value, V4)).toBe('accept policy inet on forward');
    expect(r.ok && r.warnings.map(formatIssue)).toEqual([
      'rules.nft:1:1: warning: table inet off is dormant (flags dormant): it filters nothing and is not analysed',
    ]);
  });

  it('reads the flag of an nft -f script', () => {
    const script = [
      'add table inet off { flags dormant; }',
      'add chain inet off f { type filter hook forward priority 0; policy drop; }',
      'add table inet on',
      'add chain inet on f { type filter hook forward priority 0; policy accept; }',
    ].join('\n');
    expect(decide(text(script), V4)).toBe('accept policy inet on f');
  });

  it('reads the flag of the JSON listing (nft 1.0.6 writes it "d")', () => {
    for (const flags of ['d', 'dormant', ['dormant']]) {
      const ruleset = json([
        { table: { family: 'inet', name: 'off', flags } },
        {
          chain: { family: 'inet', table: 'off', name: 'f', type: 'filter', hook: 'forward', prio: 0, policy: 'drop' },
        },
        { table: { family: 'inet', name: 'on' } },
        {
          chain: { family: 'inet', table: 'on', name: 'f', type: 'filter', hook: 'forward', prio: 0, policy: 'accept' },
        },
      ]);
      expect(decide(ruleset, V4)).toBe('accept policy inet on f');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { parseNftJson, parseNftText } from '../../../src/targets/nftables/parse/index.js';

/**
 * `nft list ruleset` prints `meta nfproto ipv4 icmp type 13` as `icmp type timestamp-request`: in an inet table the
 * ICMP match depends on the IPv4 family (ICMPv6 on IPv6), a dependency the listing hides. Found by
 * test/targets/print-list-parse.kernel.test.ts: read as any family, an IPv6 packet of next header 1 was accepted.
 */
const TEXT = `table inet t {
	chain forward {
		type filter hook forward priority filter; policy drop;
		icmp type timestamp-request accept
		icmpv6 type echo-request accept
		ip6 saddr 2001:db8::/32 icmp type echo-request accept
	}
}
`;

const JSON_LISTING = JSON.stringify({
  nftables: [
    { table: { family: 'inet', name: 't', handle: 1 } },
    {
      chain: {
        family: 'inet',
        table: 't',
        name: 'forward',
        handle: 1,
        type: 'filter',
        hook: 'forward',
        prio: 0,
        policy: 'drop',
      },
    },
    {
      rule: {
        family: 'inet',
        table: 't',
        chain: 'forward',
        handle: 2,
        expr: [
          { match: { op: '==', left: { payload: { protocol: 'icmp', field: 'type' } }, right: 'timestamp-request' } },
          { accept: null },
        ],
      },
    },
  ],
});

/** `icmp A -> B type T`: ICMP (protocol 1) in either family, also an IPv6 packet of next header 1. */
const action = (rs: Ruleset, packet: string): string => {
  const p = parsePacket(packet);
  if (!p.ok) throw new Error(p.message);
  const d = evaluate(rs, packet.startsWith('icmp ') ? { ...p.value, protocol: 1 } : p.value);
  return d.kind === 'decided' ? d.action : d.kind;
};

describe('nftables reader: icmp and icmpv6 matches imply their family in an inet table', () => {
  const read = (r: ReturnType<typeof parseNftText>): Ruleset => {
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    return r.value;
  };
  it.each([
    ['icmp 192.0.2.1 -> 192.0.2.2 type 13', 'accept'],
    ['icmp 2001:db8::1 -> 2001:db8::2 type 13', 'drop'],
    ['icmpv6 2001:db8::1 -> 2001:db8::2 type 128', 'accept'],
    ['icmp 2001:db8::1 -> 2001:db8::2 type 8', 'accept'],
    ['icmp 2001:db9::1 -> 2001:db8::2 type 8', 'drop'],
  ])('text: %s → %s', (packet, want) => {
    expect(action(read(parseNftText({ path: 'listed.nft', text: TEXT })), packet)).toBe(want);
  });
  it.each([
    ['icmp 192.0.2.1 -> 192.0.2.2 type 13', 'accept'],
    ['icmp 2001:db8::1 -> 2001:db8::2 type 13', 'drop'],
  ])('JSON: %s → %s', (packet, want) => {
    expect(action(read(parseNftJson({ path: 'listed.json', text: JSON_LISTING })), packet)).toBe(want);
  });
});

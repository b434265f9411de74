import { describe, expect, it } from 'vitest';
import { parseNftJson, readNftJson } from '../../../src/targets/nftables/parse/index.js';
import { locationOf, where } from '../../../src/verify/report.js';
import { nftJsonOf, readOrThrow } from '../../support/nft-json.js';
import { missing, requirements } from '../../support/system.js';
import { decision } from '../support/decide.js';

/**
 * What the real `nft -j list ruleset` writes (one line, `": "` separators, handles, a comment holding brackets, a
 * doubled backslash and a non-ASCII letter before later rules): each rule read from it is placed at its own object.
 */
const skip = missing(requirements.netns, requirements.nft);

// nft strings have no escapes: a `"` cannot be written, `\\` is kept as two backslashes (JSON doubles each).
const NFT = `table inet t {
  set admins { type ipv4_addr; elements = { 10.0.0.1, 10.0.0.2 } }
  chain fwd_f {
    type filter hook forward priority 0; policy drop;
    ip saddr @admins tcp dport 22 accept comment "ssh }],{ [rule]: é \\\\ x"
    tcp dport { 80, 443 } accept comment "web"
    ip saddr 10.1.0.0/16 drop
  }
}
table ip n {
  chain in_f {
    type filter hook input priority 0; policy accept;
    udp dport 53 counter accept comment "a,b:{c}]"
  }
}
`;

describe.skipIf(skip)('nftables JSON positions on real nft -j output', () => {
  it('gives each rule the line and column of its {"rule": …} object', async () => {
    const text = await nftJsonOf(NFT, 'fmpos');
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    const doc = readOrThrow(readNftJson({ path: 'live.json', text }));
    // Inside a JSON string every `"` is escaped, so `{"rule":` in the raw text opens a rule object and nothing else.
    const opened: number[] = [];
    for (let i = text.indexOf('{"rule":'); i >= 0; i = text.indexOf('{"rule":', i + 1)) opened.push(i + 1);
    expect(opened).toHaveLength(4);
    expect(doc.rules.map((r) => [r.line, r.column])).toEqual(opened.map((c) => [1, c]));
    for (const r of doc.rules) {
      const at = text.slice((r.column ?? 0) - 1);
      expect(at.startsWith(`{"rule": {"family": "${r.family}", "table": "${r.table}", "chain": "${r.chain}"`)).toBe(
        true,
      );
      expect(at).toContain(`"handle": ${r.handle}`);
    }
    expect(doc.rules.map((r) => r.comment)).toEqual(['ssh }],{ [rule]: é \\\\ x', 'web', undefined, 'a,b:{c}]']);
  }, 60_000);

  it('a packet names the rule that decides it by file:1:col, and the text there is that rule', async () => {
    const text = await nftJsonOf(NFT, 'fmpos');
    const rs = readOrThrow(parseNftJson({ path: 'live.json', text }));
    const d = decision(rs, 'tcp 192.0.2.1:40000 -> 198.51.100.1:443 in eth0 out eth1');
    expect(d.kind).toBe('decided');
    const place = d.kind === 'decided' && d.decidedBy ? where(locationOf(d.decidedBy)) : '';
    const column = Number(/^live\.json:1:(\d+)$/.exec(place)?.[1]);
    expect(text.slice(column - 1)).toMatch(/^\{"rule": \{[^{]*"comment": "web"/);
  }, 60_000);
});

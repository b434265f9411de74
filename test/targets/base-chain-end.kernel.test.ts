import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/model/issues.js';
import { evaluate, parsePacket, type Ruleset } from '../../src/ruleset/index.js';
import { parseIptables } from '../../src/targets/iptables/parse/index.js';
import { parseNftText } from '../../src/targets/nftables/parse/index.js';
import { agreeWithKernel } from '../support/kernel-agree.js';
import { netnsRequirements } from '../support/netns.js';
import { createOracleLab, type OracleLab } from '../support/netns-oracle.js';
import { missing, requirements } from '../support/system.js';
import { samplePackets } from './iptables/parse-sampler.js';

/**
 * The end of a base chain, with the kernel as the oracle: a `return` in a base chain (netfilter: a built-in chain),
 * and the end of, or a `return` in, a chain it went to (`goto`), apply the base chain's policy. Each file has a drop
 * policy where the readers' default action is accept, a second base chain of one family only (nftables), and
 * built-in chain policies that differ between the families (iptables), so a walk that ended elsewhere would show.
 */
const skip = missing(requirements.netns, requirements.iptables, requirements.nft, netnsRequirements.ping);

const NFT = `table inet filter {
  chain users {
    ip saddr 10.1.0.0/24 tcp dport 22 accept
    ip saddr 10.1.1.0/24 return
    ip saddr 10.1.2.0/24 drop
  }
  chain ssh {
    tcp dport 22 return
    ip saddr 10.1.3.0/24 accept
  }
  chain forward {
    type filter hook forward priority 0; policy drop;
    ip saddr 10.2.0.0/24 return
    ip saddr 10.2.0.0/22 accept
    ip6 saddr 2001:db8:1::/48 return
    ip6 saddr 2001:db8::/32 accept
    ip saddr 10.1.0.0/16 goto users
    ip daddr 10.3.0.0/24 jump ssh
    ip daddr 10.3.0.0/16 accept
  }
}
table ip guard {
  chain web {
    tcp dport 80 accept
  }
  chain forward {
    type filter hook forward priority 10; policy drop;
    ip saddr 10.2.2.0/24 return
    ip saddr 10.2.1.0/24 goto web
    accept
  }
}
`;

const V4 = `*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:users - [0:0]
:ssh - [0:0]
-A FORWARD -s 10.2.0.0/24 -j RETURN
-A FORWARD -s 10.2.1.0/24 -j ACCEPT
-A FORWARD -s 10.1.0.0/16 -g users
-A FORWARD -d 10.3.0.0/24 -j ssh
-A FORWARD -d 10.3.0.0/16 -j ACCEPT
-A users -s 10.1.0.0/24 -p tcp --dport 22 -j ACCEPT
-A users -s 10.1.1.0/24 -j RETURN
-A users -s 10.1.2.0/24 -j DROP
-A ssh -p tcp --dport 22 -j RETURN
-A ssh -s 10.1.3.0/24 -j ACCEPT
COMMIT
`;

const V6 = `*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:users6 - [0:0]
-A FORWARD -s 2001:db8:1::/48 -j DROP
-A FORWARD -s 2001:db8:2::/48 -g users6
-A FORWARD -d 2001:db8:3::/48 -j RETURN
-A FORWARD -d 2001:db8::/32 -j DROP
-A users6 -p tcp --dport 22 -j DROP
COMMIT
`;

function nft(): Ruleset {
  const r = parseNftText({ path: 'base-chain-end.nft', text: NFT });
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
}

function iptables(): Ruleset {
  const r = parseIptables([
    { file: 'fw.iptables', text: V4, kind: 'iptables' },
    { file: 'fw.ip6tables', text: V6, kind: 'ip6tables' },
  ]);
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value.ruleset;
}

const decide = (rs: Ruleset, text: string): string => {
  const p = parsePacket(text);
  if (!p.ok) throw new Error(p.message);
  const d = evaluate(rs, p.value);
  return d.kind === 'decided' ? `${d.action} ${d.policyOf ?? 'default'}` : 'indeterminate';
};

describe('the end of a base chain, as the readers read it', () => {
  it('nftables: a return and the end of a chain gone to meet the base chain policy', () => {
    const rs = nft();
    expect(decide(rs, 'tcp 10.2.0.1:1000 -> 10.9.0.1:80')).toBe('drop inet filter forward');
    expect(decide(rs, 'tcp 10.1.1.1:1000 -> 10.9.0.1:80')).toBe('drop inet filter forward');
    expect(decide(rs, 'tcp 10.1.9.1:1000 -> 10.9.0.1:80')).toBe('drop inet filter forward');
    expect(decide(rs, 'tcp [2001:db8:1::1]:1000 -> [2001:db8:9::1]:80')).toBe('drop inet filter forward');
    // Accepted by inet filter, then the ip table: its return and its goto's end meet its own policy.
    expect(decide(rs, 'tcp 10.2.2.1:1000 -> 10.9.0.1:80')).toBe('drop ip guard forward');
    expect(decide(rs, 'tcp 10.2.1.1:1000 -> 10.9.0.1:443')).toBe('drop ip guard forward');
  });

  it('iptables: RETURN and the end of a chain gone to meet the policy of its family FORWARD', () => {
    const rs = iptables();
    expect(decide(rs, 'tcp 10.2.0.1:1000 -> 10.9.0.1:80')).toBe('drop FORWARD (IPv4)');
    expect(decide(rs, 'tcp 10.1.9.1:1000 -> 10.9.0.1:80')).toBe('drop FORWARD (IPv4)');
    expect(decide(rs, 'tcp [2001:db8:2::1]:1000 -> [2001:db8:9::1]:80')).toBe('accept FORWARD (IPv6)');
    expect(decide(rs, 'tcp [2001:db8:9::1]:1000 -> [2001:db8:3::1]:80')).toBe('accept FORWARD (IPv6)');
  });
});

describe.skipIf(skip)('the end of a base chain: evaluate agrees with the kernel', () => {
  let lab: OracleLab | undefined;
  beforeAll(async () => {
    lab = await createOracleLab();
  }, 60_000);
  afterAll(() => lab?.destroy());

  it('nftables', async () => {
    const rs = nft();
    await lab?.loadNft(NFT);
    const a = await agreeWithKernel(lab as OracleLab, rs, samplePackets(rs, [4, 6], 400, 3));
    expect(a.mismatches).toEqual([]);
    expect(a.sent).toBeGreaterThan(300);
    expect(a.indeterminate).toBe(0);
    expect(a.accepted).toBeGreaterThan(0);
    expect(a.accepted).toBeLessThan(a.sent);
  }, 240_000);

  it('iptables', async () => {
    const rs = iptables();
    await lab?.loadIptables({ v4: V4, v6: V6 });
    const a = await agreeWithKernel(lab as OracleLab, rs, samplePackets(rs, [4, 6], 400, 3));
    expect(a.mismatches).toEqual([]);
    expect(a.sent).toBeGreaterThan(300);
    expect(a.indeterminate).toBe(0);
    expect(a.accepted).toBeGreaterThan(0);
    expect(a.accepted).toBeLessThan(a.sent);
  }, 240_000);
});

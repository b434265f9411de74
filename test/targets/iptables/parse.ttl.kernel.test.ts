import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netnsRequirements } from '../../support/netns.js';
import { createOracleLab, type OracleLab } from '../../support/netns-oracle.js';
import { missing, requirements } from '../../support/system.js';
import { agreeOnFiles } from './kernel-files.js';
import type { Sampled } from './parse-sampler.js';

/**
 * `-j TTL`/`-j HL` in mangle PREROUTING act before routing: a packet left with one hop or none is dropped by the
 * forwarding path, whatever the filter says; after routing (mangle FORWARD) they change nothing the kernel decides.
 */
const skip = missing(requirements.netns, requirements.iptables, requirements.nft, netnsRequirements.ping);

const V4 = `*mangle
:PREROUTING ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
-A PREROUTING -s 10.81.0.0/16 -j TTL --ttl-set 1
-A PREROUTING -s 10.82.0.0/16 -j TTL --ttl-dec 64
-A PREROUTING -s 10.83.0.0/16 -j TTL --ttl-set 2
-A PREROUTING -s 10.84.0.0/16 -j TTL --ttl-inc 1
-A FORWARD -s 10.85.0.0/16 -j TTL --ttl-set 0
COMMIT
*filter
:FORWARD DROP [0:0]
-A FORWARD -s 10.80.0.0/12 -j ACCEPT
COMMIT
`;

const V6 = `*mangle
:PREROUTING ACCEPT [0:0]
-A PREROUTING -s 2001:db8:81::/48 -j HL --hl-set 1
COMMIT
*filter
:FORWARD DROP [0:0]
-A FORWARD -s 2001:db8::/32 -j ACCEPT
COMMIT
`;

function samples(): Sampled[] {
  const sources = [
    '10.81.0.1',
    '10.82.0.1',
    '10.83.0.1',
    '10.84.0.1',
    '10.85.0.1',
    '10.86.0.1',
    '2001:db8:81::1',
    '10.99.0.1',
  ];
  return sources.flatMap((src, i) =>
    (['tcp', 'udp'] as const).map((proto, k) => {
      const dst = src.includes(':') ? `2001:db9::${i * 2 + k + 1}` : `198.51.100.${i * 2 + k + 1}`;
      const at = (a: string, p: number) => (a.includes(':') ? `[${a}]:${p}` : `${a}:${p}`);
      const sport = 40000 + i * 2 + k;
      return {
        probe: { proto, src, dst, sport, dport: 80 },
        in: 'eth1',
        out: 'eth2',
        packet: `${proto} ${at(src, sport)} -> ${at(dst, 80)}`,
      };
    }),
  );
}

describe.skipIf(skip)('iptables -j TTL / -j HL: evaluate agrees with the kernel', () => {
  let lab: OracleLab | undefined;
  beforeAll(async () => {
    lab = await createOracleLab();
  }, 60_000);
  afterAll(() => lab?.destroy());

  it('a TTL set to 1 or decreased before routing may drop the packet; set to 2, increased or after routing not', async () => {
    const a = await agreeOnFiles(lab, 'ttl', { v4: V4, v6: V6 }, samples());
    expect(a.mismatches).toEqual([]);
    // 10.81 (set 1), 10.82 (decreased) and 2001:db8:81:: (hop limit 1): "cannot tell", two probes each.
    expect(a.indeterminate).toBe(6);
    expect(a.sent).toBe(10);
    expect(a.accepted).toBe(8);
  }, 240_000);
});

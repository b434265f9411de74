import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netnsRequirements } from '../../support/netns.js';
import { createOracleLab, type OracleLab } from '../../support/netns-oracle.js';
import { missing, requirements } from '../../support/system.js';
import { agreeOnFiles } from './kernel-files.js';
import type { Sampled } from './parse-sampler.js';

/**
 * `--tcp-flags`, `--syn` and `--ctproto` decided for connection openings: the lab's TCP probes are real SYNs of new
 * connections, so every rule below is decided (no "cannot tell") and must agree with the kernel, the bad-tcp
 * pattern of real routers (NEW and not a SYN: dropped) included. UDP probes check that no flag match holds for them.
 */
const skip = missing(requirements.netns, requirements.iptables, requirements.nft, netnsRequirements.ping);

const V4 = `*filter
:FORWARD DROP [0:0]
:bad-tcp - [0:0]
-A FORWARD -m conntrack --ctstate NEW,RELATED --ctproto 6 -j bad-tcp
-A FORWARD -s 10.91.0.0/16 -p tcp ! --syn -j ACCEPT
-A FORWARD -s 10.91.0.0/16 -j DROP
-A FORWARD -s 10.92.0.0/16 -p tcp --syn -j DROP
-A FORWARD -s 10.93.0.0/16 -p tcp -m tcp --tcp-flags SYN,ACK SYN,ACK -j DROP
-A FORWARD -s 10.94.0.0/16 -p tcp -m tcp --tcp-flags ALL SYN -j DROP
-A FORWARD -s 10.95.0.0/16 -p tcp -m tcp --tcp-flags ALL NONE -j DROP
-A FORWARD -s 10.96.0.0/16 -m conntrack ! --ctproto tcp -j DROP
-A FORWARD -s 10.97.0.0/16 -p tcp -m tcp ! --tcp-flags fin,syn SYN -j DROP
-A FORWARD -s 10.64.0.0/10 -j ACCEPT
-A bad-tcp -p tcp -m tcp --tcp-flags SYN,ACK SYN,ACK -j REJECT --reject-with tcp-reset
-A bad-tcp -p tcp -m tcp ! --tcp-flags FIN,SYN,RST,ACK SYN -j DROP
-A bad-tcp -s 10.98.0.0/16 -p tcp -m tcp --syn -j DROP
COMMIT
`;

function samples(): Sampled[] {
  const sources = ['10.91', '10.92', '10.93', '10.94', '10.95', '10.96', '10.97', '10.98', '10.99'];
  return sources.flatMap((net, i) =>
    (['tcp', 'udp'] as const).map((proto, k) => {
      const src = `${net}.0.1`;
      const dst = `198.51.100.${i * 2 + k + 1}`;
      const sport = 41000 + i * 2 + k;
      return {
        probe: { proto, src, dst, sport, dport: 80 },
        in: 'eth1',
        out: 'eth2',
        packet: `${proto} ${src}:${sport} -> ${dst}:80`,
      };
    }),
  );
}

describe.skipIf(skip)(
  'iptables TCP flags and --ctproto: evaluate agrees with the kernel on connection openings',
  () => {
    let lab: OracleLab | undefined;
    beforeAll(async () => {
      lab = await createOracleLab();
    }, 60_000);
    afterAll(() => lab?.destroy());

    it('decides every opening SYN and every UDP packet, as the kernel does', async () => {
      const a = await agreeOnFiles(lab, 'tcp-flags', { v4: V4 }, samples());
      expect(a.mismatches).toEqual([]);
      expect(a.indeterminate).toBe(0);
      expect(a.sent).toBe(18);
      // Dropped: both of 10.91 (not `! --syn`, then the drop), the SYNs of 10.92, 10.94 and 10.98, the UDP of 10.96.
      expect(a.accepted).toBe(18 - 6);
    }, 240_000);
  },
);

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netnsRequirements } from '../../support/netns.js';
import { createOracleLab, type OracleLab } from '../../support/netns-oracle.js';
import { missing, requirements } from '../../support/system.js';
import { agreeOnFiles } from './kernel-files.js';
import type { Sampled } from './parse-sampler.js';

/**
 * A set that rules add to (`-j SET --add-set`) holds, when a packet comes, what earlier packets (this one too) put
 * there, not the saved contents: the kernel drops a packet its own rule added; `evaluate` must not say it accepts.
 */
const skip = missing(
  requirements.netns,
  requirements.iptables,
  requirements.nft,
  netnsRequirements.ping,
  netnsRequirements.ipset,
);

const IPSET = 'create seen hash:ip family inet hashsize 1024 maxelem 65536\nadd seen 10.7.0.1\n';

const RULES = `*filter
:FORWARD DROP [0:0]
-A FORWARD -p udp -j ACCEPT
-A FORWARD -s 10.5.0.0/16 -j SET --add-set seen src
-A FORWARD -m set --match-set seen src -j DROP
-A FORWARD -j ACCEPT
COMMIT
`;

function samples(): Sampled[] {
  return [
    ['tcp', '10.5.1.1'],
    ['tcp', '10.6.1.1'],
    ['tcp', '10.7.0.1'],
    ['udp', '10.5.1.2'],
  ].map(([proto, src], i) => {
    const p = proto as 'tcp' | 'udp';
    return {
      probe: { proto: p, src: src as string, dst: '198.51.100.9', sport: 40000 + i, dport: 80 },
      in: 'eth1',
      out: 'eth2',
      packet: `${p} ${src}:${40000 + i} -> 198.51.100.9:80`,
    };
  });
}

describe.skipIf(skip)('iptables -j SET: evaluate agrees with the kernel', () => {
  let lab: OracleLab | undefined;
  beforeAll(async () => {
    lab = await createOracleLab();
  }, 60_000);
  afterAll(() => lab?.destroy());

  it('a set rules add to is not its saved contents', async () => {
    const a = await agreeOnFiles(lab, 'set', { v4: RULES, ipset: IPSET }, samples());
    expect(a.mismatches).toEqual([]);
    // The TCP probes meet the set's match: "cannot tell"; the UDP one is accepted before it.
    expect(a.indeterminate).toBe(3);
    expect(a.sent).toBe(1);
    expect(a.accepted).toBe(1);
  }, 240_000);
});

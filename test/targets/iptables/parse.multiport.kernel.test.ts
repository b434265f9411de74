import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netnsRequirements } from '../../support/netns.js';
import { createOracleLab, type OracleLab } from '../../support/netns-oracle.js';
import { missing, requirements } from '../../support/system.js';
import { agreeOnFiles } from './kernel-files.js';
import type { Sampled } from './parse-sampler.js';

/**
 * `-m multiport` against the kernel: `--ports` (source OR destination port), its negation, `--sports`/`--dports`
 * with ranges, and a jump guarded by `--ports`, loaded with iptables-restore in a firewall namespace; every port
 * pair below sent through it must arrive exactly when `evaluate` accepts it.
 */
const skip = missing(requirements.netns, requirements.iptables, requirements.nft, netnsRequirements.ping);

const RULES = `*filter
:FORWARD DROP [0:0]
:guarded - [0:0]
-A FORWARD -p tcp -m multiport --ports 22,1000:1010 -j ACCEPT
-A FORWARD -p udp -m multiport ! --ports 53,5000:5010 -j guarded
-A FORWARD -p udp -m multiport --sports 1000:1010 -m multiport --dports 53,5005 -j ACCEPT
-A FORWARD -p tcp -m multiport --ports 7000 -j guarded
-A guarded -p udp -m multiport --dports 40000:40010 -j ACCEPT
-A guarded -p tcp -m multiport --sports 7000 -j RETURN
-A guarded -p tcp -j ACCEPT
COMMIT
`;

const PORTS = [22, 53, 999, 1000, 1005, 1010, 1011, 5000, 5005, 7000, 40000, 40010, 40011];

function samples(): Sampled[] {
  const out: Sampled[] = [];
  let host = 1;
  for (const proto of ['tcp', 'udp'] as const)
    for (const sport of PORTS)
      for (const dport of PORTS) {
        // One source address per probe, so the sink tells them apart whatever the ports.
        const src = `10.1.${Math.floor(host / 250)}.${(host % 250) + 1}`;
        host++;
        const probe = { proto, src, dst: '10.2.0.9', sport, dport };
        out.push({ probe, in: 'eth1', out: 'eth2', packet: `${proto} ${src}:${sport} -> 10.2.0.9:${dport}` });
      }
  return out;
}

describe.skipIf(skip)('iptables -m multiport: evaluate agrees with the kernel', () => {
  let lab: OracleLab | undefined;
  beforeAll(async () => {
    lab = await createOracleLab();
  }, 60_000);
  afterAll(() => lab?.destroy());

  it('on --ports, ! --ports, --sports/--dports ranges and a jump guarded by --ports', async () => {
    const a = await agreeOnFiles(lab, 'multiport', { v4: RULES }, samples());
    expect(a.mismatches).toEqual([]);
    expect(a.indeterminate).toBe(0);
    expect(a.sent).toBe(2 * PORTS.length * PORTS.length);
    expect(a.accepted).toBeGreaterThan(0);
    expect(a.accepted).toBeLessThan(a.sent);
  }, 240_000);
});

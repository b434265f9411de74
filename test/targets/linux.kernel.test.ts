import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arbitraryLabMatrix } from '../fixtures/targets/arbitrary.js';
import { NS_LAB, NS_PLAN } from '../fixtures/targets/lab.js';
import { realisticMatrix } from '../fixtures/targets/realistic.js';
import { createLab, DEFAULT_LAB, type Lab, netnsRequirements } from '../support/netns.js';
import { proveInKernel } from '../support/netns-kernel.js';
import { missing, requirements } from '../support/system.js';

/** The Linux targets loaded into a real kernel (network namespaces) and crossed by real packets. */
const TARGETS = {
  nftables: [requirements.nft, requirements.netns, netnsRequirements.ping],
  iptables: [
    requirements.nft,
    requirements.netns,
    netnsRequirements.ping,
    requirements.iptables,
    netnsRequirements.ipset,
  ],
} as const;

for (const [target, needs] of Object.entries(TARGETS) as [
  keyof typeof TARGETS,
  (typeof TARGETS)[keyof typeof TARGETS],
][]) {
  describe.skipIf(missing(...needs))(`${target} in a real kernel`, () => {
    let lab: Lab | undefined;
    let randomLab: Lab | undefined;
    beforeAll(async () => {
      [lab, randomLab] = await Promise.all([createLab(NS_LAB), createLab(DEFAULT_LAB)]);
    });
    afterAll(() => {
      lab?.destroy();
      randomLab?.destroy();
    });

    it('lets every row of the realistic site through, return traffic included, and drops the near misses', async () => {
      const probes = await proveInKernel(lab as Lab, NS_LAB, realisticMatrix(NS_PLAN), target);
      const permitted = new Set(probes.filter((p) => p.expected).map((p) => p.why.split(' ')[0]));
      // Every row with lab addresses was proven open (the wildcard-only rows are findings, not rules).
      expect([...permitted].sort()).toEqual([
        'admin-web',
        'graph',
        'lync-media',
        'ntp',
        'ping',
        'ssh-v6',
        'web-smtp',
        'web-sql',
        'webhooks',
      ]);
      const kinds = new Set(probes.filter((p) => !p.expected).map((p) => p.why.replace(/^\S+ /, '')));
      for (const k of ['wrong source', 'wrong protocol', 'port + 1', 'port - 1']) expect(kinds.has(k)).toBe(true);
    });

    it('agrees with the matrix on random small matrices', async () => {
      await fc.assert(
        fc.asyncProperty(arbitraryLabMatrix(), async (m) => {
          await proveInKernel(randomLab as Lab, DEFAULT_LAB, m, target);
        }),
        { numRuns: 4, seed: 7 },
      );
    }, 240_000);
  });
}

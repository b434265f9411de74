import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firewallDeltas } from '../../src/diff/delta/index.js';
import type { Matrix } from '../../src/model/matrix.js';
import { arbitraryLabMatrix } from '../fixtures/targets/arbitrary.js';
import { DOC_PLAN, realisticMatrix } from '../fixtures/targets/realistic.js';
import { netnsRequirements } from '../support/netns.js';
import { missing, requirements } from '../support/system.js';
import { generated, listing, load, namespaces, type Pair, runScript } from './kernel.js';
import { diffPair } from './pair.js';

const TARGETS = ['nftables', 'iptables'] as const;
type KernelTarget = (typeof TARGETS)[number];

/** OLD loaded, delta applied: the kernel holds what loading NEW directly gives; the rollback gives OLD back. */
async function prove(ns: Pair, before: Matrix, after: Matrix, firewall: string, target: KernelTarget): Promise<void> {
  const on = (m: Matrix): Matrix => ({ ...m, firewalls: m.firewalls.map((f) => ({ ...f, platform: target })) });
  const { deltas, errors } = firewallDeltas(on(before), on(after));
  expect(errors).toEqual([]);
  const delta = deltas.find((d) => d.firewall === firewall);
  const oldOut = generated(on(before), firewall, target);
  const newOut = generated(on(after), firewall, target);
  await load(ns.b, target, newOut);
  const wanted = await listing(ns.b, target);
  await load(ns.a, target, oldOut);
  const start = await listing(ns.a, target);
  if (!delta) {
    expect(start).toBe(wanted);
    return;
  }
  await runScript(ns.a, delta.apply.content);
  expect(await listing(ns.a, target)).toBe(wanted);
  await runScript(ns.a, delta.rollback.content);
  expect(await listing(ns.a, target)).toBe(start);
}

describe.skipIf(missing(requirements.nft, requirements.iptables, requirements.netns, netnsRequirements.ipset))(
  'rule deltas in the kernel',
  () => {
    let ns: Pair;
    beforeAll(() => {
      ns = namespaces();
    });
    afterAll(() => ns?.destroy());

    it.each(TARGETS)('%s: the fixture pair (one change of each class)', async (target) => {
      const { old, new: now } = diffPair();
      await prove(ns, old, now, 'fw', target);
    });

    it.each(TARGETS)('%s: a large group shrinks and grows (set / ipset elements)', async (target) => {
      const a = realisticMatrix(DOC_PLAN);
      const b = realisticMatrix({
        ...DOC_PLAN,
        lyncClients: [...DOC_PLAN.lyncClients.slice(2), '10.31.0.0/24', '10.31.1.0/23'],
      });
      await prove(ns, a, b, 'fw', target);
      await prove(ns, b, a, 'fw', target);
    });

    it.each(TARGETS)('%s: random pairs of matrices (bounded runs)', async (target) => {
      const pairs = fc.sample(fc.tuple(arbitraryLabMatrix(), arbitraryLabMatrix()), { numRuns: 6, seed: 1313 });
      for (const [a, b] of pairs) await prove(ns, a, b, 'fw', target);
    });
  },
);

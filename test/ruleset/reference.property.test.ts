import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateAsGiven } from '../../src/ruleset/evaluate.js';
import { type Box, type Classification, classify, type Region } from '../../src/ruleset/region.js';
import { randomPacket, randomRuleset, ZONES } from './random-ruleset.js';
import { evaluate as referenceEvaluate } from './reference/evaluate.js';
import { classify as referenceClassify } from './reference/region.js';

/**
 * The walks were rewritten for speed (evaluate: a loop over an explicit stack of forks; classify: pieces apart from
 * a rule skipped without building sets). Their answers must be the reference's, field for field: the same decision,
 * deciding rule, path, outcomes and reasons for every packet; the same boxes, in the same order, for every region.
 */
describe('evaluate (the packet as given) answers as the reference walk does', () => {
  it('on random rulesets and packets (forks, returns, gotos, stages, missing chains)', () => {
    fc.assert(
      fc.property(randomRuleset, fc.array(randomPacket, { minLength: 1, maxLength: 16 }), (rs, packets) => {
        for (const p of packets) expect(evaluateAsGiven(rs, p)).toEqual(referenceEvaluate(rs, p));
      }),
      { numRuns: 400, seed: 20261206 },
    );
  });
});

const boxText = (b: Box): string =>
  [b.source, b.destination].map((s) => s.toCidrs().join(',')).join(' ') +
  [b.protocols, b.sourcePorts, b.destinationPorts, b.icmp].map((s) => JSON.stringify(s.toRanges())).join(' ');
const hitText = (h: { chain: string; index: number } | undefined) => (h ? `${h.chain}#${h.index}` : undefined);
const shown = (c: Classification) => ({
  overflow: c.overflow,
  outcomes: c.outcomes.map((o) => ({
    box: boxText(o.box),
    action: o.action,
    by: hitText(o.decidedBy),
    policyOf: o.policyOf,
    maybe: o.maybe.map(hitText),
    acceptedBy: o.acceptedBy?.map(hitText),
    reason: o.reason,
    between: o.between,
  })),
});

describe('classify splits as the reference does', () => {
  it('on random rulesets, for regions with and without interfaces, zones and sets', () => {
    const region = fc.record(
      {
        family: fc.constant<4>(4),
        inInterface: fc.constantFrom('eth0', 'eth1', 'wan0'),
        outInterface: fc.constantFrom('eth0', 'eth1', 'wan0'),
        fromZone: fc.constantFrom(...ZONES),
        toZone: fc.constantFrom(...ZONES),
        state: fc.constantFrom<'new' | 'established'>('new', 'established'),
      },
      { requiredKeys: ['family'] },
    );
    fc.assert(
      fc.property(randomRuleset, fc.array(region, { minLength: 1, maxLength: 4 }), (rs, regions) => {
        // A rule's own sets as the region too: the shape verify's rule checks classify.
        const own = Object.values(rs.chains)
          .flatMap((c) => c.rules)
          .slice(0, 3)
          .map(
            (r): Region => ({
              family: 4,
              ...(r.source ? { source: r.source } : {}),
              ...(r.destination ? { destination: r.destination } : {}),
              ...(r.protocols ? { protocols: r.protocols } : {}),
              ...(r.destinationPorts ? { destinationPorts: r.destinationPorts } : {}),
            }),
          );
        for (const r of [...regions, ...own]) expect(shown(classify(rs, r))).toEqual(shown(referenceClassify(rs, r)));
      }),
      { numRuns: 300, seed: 20261207 },
    );
  });
});

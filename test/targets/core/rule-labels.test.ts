import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FirewallRule, ruleLabel, ruleLabels } from '../../../src/targets/generate/rules.js';

/** The fields a label is made of, drawn from a few values so that runs of equal parts happen. */
const rule = fc
  .record({
    catalog: fc.constantFrom('c1', 'c2'),
    flow: fc.constantFrom('f1', 'f2'),
    ref: fc.constantFrom('r1', 'r2'),
    legs: fc.integer({ min: 1, max: 2 }),
    legIndex: fc.integer({ min: 0, max: 1 }),
    ticket: fc.option(fc.constantFrom('CHG-1', 'CHG-2'), { nil: undefined }),
  })
  .map(
    ({ catalog, flow, ref, legs, legIndex, ticket }) =>
      ({
        row: {
          catalog,
          flow,
          ref,
          legs: Array.from({ length: legs }, () => ({})),
          ...(ticket ? { meta: { ticket } } : {}),
        },
        legIndex: Math.min(legIndex, legs - 1),
      }) as unknown as FirewallRule,
  );

describe('ruleLabels (one label string for a run of rules with the same parts)', () => {
  it('gives every rule of any sequence the label ruleLabel gives it alone', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 30 }), (rules) => {
        const labelOf = ruleLabels();
        expect(rules.map((r) => labelOf(r))).toEqual(rules.map(ruleLabel));
      }),
      { numRuns: 300, seed: 20261207 },
    );
  });

  it('shares the string between consecutive rules of one flow', () => {
    const [a, b] = fc.sample(rule, { numRuns: 1, seed: 1 }).flatMap((r) => [r, { ...r, row: { ...r.row } }]);
    const labelOf = ruleLabels();
    expect(Object.is(labelOf(a as FirewallRule), labelOf(b as FirewallRule))).toBe(true);
  });
});

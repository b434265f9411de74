import { expect, it } from 'vitest';
import { PortSet } from '../../src/net/port-set.js';
import type { Ruleset } from '../../src/ruleset/types.js';
import { checkRules } from '../../src/verify/rules.js';

/**
 * A packet accepted by one base chain walks the next (nftables tables, ASA in then out): what a later stage then
 * decides is still the earlier accepting rule's — it is not "hidden by the later policy", and what it opens counts.
 */
it('credits a box to the rule that accepted it in an earlier stage', () => {
  const rs: Ruleset = {
    entry: 'in',
    stages: ['out'],
    defaultAction: 'drop',
    objects: [],
    chains: {
      in: {
        name: 'in',
        policy: 'drop',
        rules: [{ protocols: PortSet.of(6), verdict: { kind: 'accept' }, provenance: { line: 1 } }],
      },
      out: { name: 'out', policy: 'accept', rules: [] },
    },
  };
  const [check] = checkRules(rs, []);
  expect(check?.shadowed).toBeUndefined();
  expect(check?.beyondMatrix?.length).toBeGreaterThan(0);
});

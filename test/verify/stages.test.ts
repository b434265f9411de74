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

/**
 * An earlier stage that may drop a box by matches the analysis does not interpret (iptables raw or mangle guards in
 * front of destination NAT) leaves the box's fate untold: a later rule is not "redundant, hidden by the stage's
 * policy" (a real home router's forward rules were all reported so).
 */
it('does not call a rule shadowed when an earlier stage leaves the box untold', () => {
  const rs: Ruleset = {
    entry: 'guards',
    stages: ['filter'],
    defaultAction: 'drop',
    objects: [],
    chains: {
      guards: {
        name: 'guards',
        policy: 'accept',
        rules: [{ verdict: { kind: 'drop' }, opaque: ['-m recent --rcheck'], provenance: { line: 1 } }],
      },
      filter: {
        name: 'filter',
        policy: 'drop',
        rules: [{ protocols: PortSet.of(6), verdict: { kind: 'accept' }, provenance: { line: 2 } }],
      },
    },
  };
  const accept = checkRules(rs, []).find((c) => c.hit.rule.provenance.line === 2);
  expect(accept).toBeDefined();
  expect(accept?.shadowed).toBeUndefined();
});

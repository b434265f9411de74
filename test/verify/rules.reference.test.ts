import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CidrSet } from '../../src/net/cidr-set.js';
import { PortSet } from '../../src/net/port-set.js';
import { lowerSlice } from '../../src/ruleset/lower.js';
import type { Box } from '../../src/ruleset/region.js';
import { checkCapabilities } from '../../src/targets/generate/capabilities.js';
import { allowRule, sliceForFirewall } from '../../src/targets/generate/rules.js';
import { nftables } from '../../src/targets/nftables/index.js';
import { type RowRegion, rowRegions } from '../../src/verify/regions.js';
import { checkRules, type RuleCheck } from '../../src/verify/rules.js';
import { randomRuleset } from '../ruleset/random-ruleset.js';
import { checkRules as referenceCheckRules } from '../ruleset/reference/rules.js';
import { EXAMPLES, exampleMatrix } from '../targets/support/examples.js';

/**
 * Shadowing by union and the drift beyond the matrix run on the faster classification: every answer must be the
 * reference's — which rules are shadowed, by which rules and policies, which are unused, and the very boxes each
 * rule opens beyond the matrix, in order.
 */
const boxText = (b: Box): string =>
  [b.source, b.destination].map((s) => s.toCidrs().join(',')).join(' ') +
  [b.protocols, b.sourcePorts, b.destinationPorts, b.icmp].map((s) => JSON.stringify(s.toRanges())).join(' ');
const at = (h: { chain: string; index: number }) => `${h.chain}#${h.index}`;
const shown = (checks: readonly RuleCheck[]) =>
  checks.map((c) => ({
    at: at(c.hit),
    shadowed: c.shadowed && { kind: c.shadowed.kind, by: c.shadowed.by.map(at), policies: c.shadowed.policies },
    unused: c.unused,
    anyToAny: c.anyToAny,
    beyond: c.beyondMatrix?.map(boxText),
  }));

describe('checkRules answers as the reference does', () => {
  it('on random rulesets, against random matrix regions', () => {
    // checkRules reads only a needed row's region: the row and service are not part of what is compared.
    const needed = fc.array(
      fc
        .record({
          host: fc.integer({ min: 0, max: 255 }),
          prefix: fc.integer({ min: 24, max: 32 }),
          port: fc.option(fc.integer({ min: 0, max: 50 })),
          inInterface: fc.option(fc.constantFrom('eth0', 'eth1')),
        })
        .map(({ host, prefix, port, inInterface }) => {
          const set = CidrSet.parse([`10.0.0.${host}/${prefix}`], { lenient: true });
          if (!set.ok) throw new Error(set.message);
          return {
            region: {
              family: 4,
              destination: set.value,
              state: 'new',
              ...(port !== null ? { protocols: PortSet.of(6), destinationPorts: PortSet.of(port) } : {}),
              ...(inInterface !== null ? { inInterface } : {}),
            },
          } as unknown as RowRegion;
        }),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(randomRuleset, needed, (rs, rows) => {
        expect(shown(checkRules(rs, rows))).toEqual(shown(referenceCheckRules(rs, rows)));
      }),
      { numRuns: 300, seed: 20261208 },
    );
  });

  let beyond = 0;
  it.each(EXAMPLES)('on %s: each firewall lowered, with its rows and with half of them', (name) => {
    const matrix = exampleMatrix(name);
    for (const fw of matrix.firewalls) {
      const slice = sliceForFirewall(matrix, fw.name);
      const rules = checkCapabilities(slice.rules, nftables).rules;
      if (rules.length === 0) continue;
      const ruleset = lowerSlice(rules.map(allowRule));
      const needed = rules.flatMap((rule) => rowRegions(rule).regions);
      for (const rows of [needed, needed.filter((_, i) => i % 2 === 0)]) {
        const checks = checkRules(ruleset, rows);
        expect(shown(checks)).toEqual(shown(referenceCheckRules(ruleset, rows)));
        beyond += checks.filter((c) => c.beyondMatrix).length;
      }
    }
  });

  it('compared rules that open more than the matrix (half the rows gone)', () => {
    expect(beyond).toBeGreaterThan(0);
  });
});

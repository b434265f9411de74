import { describe, expect, it } from 'vitest';
import { PortSet } from '../../src/net/port-set.js';
import type { FinalAction, Ruleset } from '../../src/ruleset/types.js';
import { sliceForFirewall } from '../../src/targets/generate/rules.js';
import { checkRow } from '../../src/verify/index.js';
import { exampleMatrix } from '../targets/support/examples.js';

/**
 * A row is let through or not: a box that an uninterpreted rule may reject and a later rule drops is stopped either
 * way (shorewall's broadcast and multicast rejects in front of its drops), so the row is denied, not "cannot tell".
 * Where the uninterpreted rule may accept instead, it still cannot be told.
 */
describe('verify: a row stopped whichever uninterpreted rule decides', () => {
  const row = sliceForFirewall(exampleMatrix('lync-2013-edge-site'), 'fw-internal').rules[0];
  const ruleset = (maybe: FinalAction): Ruleset => ({
    entry: 'forward',
    defaultAction: 'drop',
    objects: [],
    chains: {
      forward: {
        name: 'forward',
        policy: 'drop',
        rules: [
          {
            protocols: PortSet.of(6, 17),
            verdict: { kind: maybe },
            opaque: ['-m addrtype --dst-type BROADCAST: depends on the addresses of the firewall itself'],
            provenance: { file: 'fw', line: 1 },
          },
          { verdict: { kind: 'drop' }, provenance: { file: 'fw', line: 2 } },
        ],
      },
    },
  });

  it('is denied when the uninterpreted rule would reject and the walk drops', () => {
    if (!row) throw new Error('the example has no row through fw-internal');
    const check = checkRow(ruleset('reject'), row);
    expect(check.verdict).toBe('denied');
    expect(check.reasons).toEqual([]);
    expect(check.deniedParts.map((p) => p.by?.rule.provenance.line)).toContain(2);
  });

  it('stays indeterminate when the uninterpreted rule would accept', () => {
    if (!row) throw new Error('the example has no row through fw-internal');
    const check = checkRow(ruleset('accept'), row);
    expect(check.verdict).toBe('indeterminate');
    expect(check.reasons.map((r) => r.en).join(' ')).toContain('could decide otherwise');
  });
});

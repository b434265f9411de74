import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/ruleset/evaluate.js';
import type { Packet } from '../../src/ruleset/packet.js';
import type { Rule, Ruleset } from '../../src/ruleset/types.js';
import { MAX_PLACES } from '../../src/ruleset/unplaced.js';
import { randomPacket, randomRuleset } from './random-ruleset.js';
import { evaluate as referenceEvaluate } from './reference/evaluate.js';

type Place = 'inInterface' | 'outInterface' | 'fromZone' | 'toZone';

/** Every way the packet could cross that matters: for each place it leaves unsaid, each name a rule gives it, or none. */
function placings(rs: Ruleset, p: Packet): Packet[] {
  const names: Record<Place, Set<string>> = {
    inInterface: new Set(),
    outInterface: new Set(),
    fromZone: new Set(),
    toZone: new Set(),
  };
  for (const chain of Object.values(rs.chains))
    for (const r of chain.rules as Rule[]) {
      if (r.inInterface) names.inInterface.add(r.inInterface.name);
      if (r.outInterface) names.outInterface.add(r.outInterface.name);
      for (const z of r.fromZones ?? []) names.fromZone.add(z);
      for (const z of r.toZones ?? []) names.toZone.add(z);
    }
  let out: Packet[] = [p];
  for (const place of Object.keys(names) as Place[]) {
    if (p[place] !== undefined) continue;
    out = out.flatMap((q) => [q, ...[...names[place]].map((n) => ({ ...q, [place]: n }))]);
  }
  return out;
}

/**
 * A packet that does not say its interfaces or zones is decided only when it would be decided the same wherever it
 * crosses (fail closed: a rule of one interface no longer silently misses it).
 */
describe('a packet that leaves its place unsaid', () => {
  it('is decided as the reference decides it in every place, or indeterminate where places disagree', () => {
    fc.assert(
      fc.property(randomRuleset, fc.array(randomPacket, { minLength: 1, maxLength: 8 }), (rs, packets) => {
        for (const p of packets) {
          const places = placings(rs, p);
          if (places.length > MAX_PLACES) {
            expect(evaluate(rs, p)).toMatchObject({
              kind: 'indeterminate',
              reason: { en: expect.stringContaining('give') },
            });
            continue;
          }
          const each = places.map((q) => referenceEvaluate(rs, q));
          const actions = new Set(each.map((d) => (d.kind === 'decided' ? d.action : 'indeterminate')));
          const got = evaluate(rs, p);
          if (actions.size === 1 && !actions.has('indeterminate')) {
            // The packet's own answer, with each place's deciding rule beside it when they differ.
            const { places: byPlace, ...own } = got as typeof got & { places?: unknown[] };
            expect(own).toEqual(referenceEvaluate(rs, p));
            if (byPlace) expect(byPlace).toHaveLength(places.length);
          } else {
            expect(got.kind).toBe('indeterminate');
            if (got.kind === 'indeterminate')
              for (const a of actions) if (a !== 'indeterminate') expect(got.outcomes).toContain(a);
          }
        }
      }),
      { numRuns: 300, seed: 20261207 },
    );
  });
});

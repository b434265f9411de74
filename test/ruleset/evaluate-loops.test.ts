import { describe, expect, it } from 'vitest';
import { PortSet } from '../../src/net/port-set.js';
import { evaluate } from '../../src/ruleset/evaluate.js';
import { parsePacket } from '../../src/ruleset/packet.js';
import type { Rule, Ruleset } from '../../src/ruleset/types.js';

/** Chains that go to each other in a loop (a parsed configuration may hold one): evaluation ends, and says so. */
const at = (line: number) => ({ file: 'fw', line });
const packet = (() => {
  const r = parsePacket('tcp 10.0.0.1:1000 -> 10.0.0.2:22');
  if (!r.ok) throw new Error(r.message);
  return r.value;
})();
const loop = (verdict: 'goto' | 'jump', extra: Rule[] = []): Ruleset => ({
  entry: 'a',
  defaultAction: 'accept',
  objects: [],
  chains: {
    a: { name: 'a', rules: [...extra, { verdict: { kind: verdict, chain: 'b' }, provenance: at(1) }], policy: 'drop' },
    b: { name: 'b', rules: [{ verdict: { kind: verdict, chain: 'a' }, provenance: at(2) }] },
  },
});

describe('evaluate on chains in a loop', () => {
  it.each(['goto', 'jump'] as const)('%s loop: indeterminate, named as a loop', (verdict) => {
    const d = evaluate(loop(verdict), packet);
    expect(d.kind).toBe('indeterminate');
    if (d.kind === 'indeterminate') expect(d.reason.en).toContain('loop');
  });

  it('a goto loop behind an uninterpreted rule: the walk it forks ends too', () => {
    const opaque: Rule = {
      protocols: PortSet.of(6),
      opaque: ['-m recent'],
      verdict: { kind: 'accept' },
      provenance: at(0),
    };
    const d = evaluate(loop('goto', [opaque]), packet);
    expect(d.kind).toBe('indeterminate');
    if (d.kind === 'indeterminate') expect(d.outcomes).toEqual([]);
  });
});

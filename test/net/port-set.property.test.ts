import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PortSet, parsePortList } from '../../src/net/index.js';

/** Ranges near both ends of 0..65535 so that sets overlap, touch and hit the bounds. */
const range = fc
  .tuple(fc.constantFrom(0, 65535 - 300), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 40 }))
  .map(([base, offset, length]) => ({ from: base + offset, to: Math.min(65535, base + offset + length) }));
const ranges = fc.array(range, { maxLength: 8 });

const model = (rs: readonly { from: number; to: number }[]) => {
  const s = new Set<number>();
  for (const r of rs) for (let p = r.from; p <= r.to; p++) s.add(p);
  return s;
};
const expand = (set: PortSet) => model(set.toRanges());
const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);

describe('PortSet against a Set<number> model', () => {
  it('union, intersect, subtract, contains, size', () => {
    fc.assert(
      fc.property(ranges, ranges, fc.integer({ min: 0, max: 65535 }), (a, b, port) => {
        const sa = PortSet.fromRanges(a);
        const sb = PortSet.fromRanges(b);
        const ma = model(a);
        const mb = model(b);
        expect(sorted(expand(sa))).toEqual(sorted(ma));
        expect(sorted(expand(sa.union(sb)))).toEqual(sorted(new Set([...ma, ...mb])));
        expect(sorted(expand(sa.intersect(sb)))).toEqual(sorted(new Set([...ma].filter((p) => mb.has(p)))));
        expect(sorted(expand(sa.subtract(sb)))).toEqual(sorted(new Set([...ma].filter((p) => !mb.has(p)))));
        expect(sa.size).toBe(ma.size);
        expect(sa.contains(port)).toBe(ma.has(port));
        expect(sa.contains(sb)).toBe([...mb].every((p) => ma.has(p)));
        expect(sa.overlaps(sb)).toBe([...mb].some((p) => ma.has(p)));
        for (const r of b) expect(sa.contains(r)).toBe(sorted(model([r])).every((p) => ma.has(p)));
      }),
      { numRuns: 500 },
    );
  });

  it('toRanges is sorted, disjoint and never adjacent', () => {
    fc.assert(
      fc.property(ranges, (a) => {
        const rs = PortSet.fromRanges(a).toRanges();
        for (let i = 1; i < rs.length; i++) expect((rs[i]?.from ?? 0) > (rs[i - 1]?.to ?? 0) + 1).toBe(true);
      }),
    );
  });

  it('agrees with parsePortList on merged ranges', () => {
    fc.assert(
      fc.property(
        fc.array(
          range.filter((r) => r.from > 0),
          { minLength: 1, maxLength: 8 },
        ),
        (a) => {
          const text = a.map((r) => `${r.from}-${r.to}`).join(',');
          const parsed = parsePortList(text);
          expect(parsed.ok && parsed.value).toEqual(PortSet.fromRanges(a).toRanges());
        },
      ),
    );
  });

  it('has the whole space and rejects out-of-range input', () => {
    expect(PortSet.all().size).toBe(65536);
    expect(PortSet.all().subtract(PortSet.of(0)).toRanges()).toEqual([{ from: 1, to: 65535 }]);
    expect(PortSet.empty().isEmpty()).toBe(true);
    expect(() => PortSet.fromRanges([{ from: 10, to: 70000 }])).toThrow(RangeError);
    expect(() => PortSet.fromRanges([{ from: 20, to: 10 }])).toThrow(RangeError);
  });
});

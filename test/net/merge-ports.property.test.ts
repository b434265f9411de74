import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergedPortRanges, mergePortRanges, mergePortRangesInPlace } from '../../src/net/ports.js';
import type { PortRange } from '../../src/net/types.js';

/** Ranges crowded into a few hundred ports, so that they overlap, touch and repeat. */
const range = fc
  .tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 12 }))
  .map(([from, length]): PortRange => ({ from, to: from + length }));
// Past 16 ranges the merge sorts with Array.prototype.sort, below with its own insertion sort: both are drawn.
const ranges = fc.array(range, { maxLength: 40 });

/** The reference: every port of the ranges, then maximal runs of consecutive ports. */
function reference(rs: readonly PortRange[]): PortRange[] {
  const ports = new Set<number>();
  for (const r of rs) for (let p = r.from; p <= r.to; p++) ports.add(p);
  const out: PortRange[] = [];
  for (const p of [...ports].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && last.to + 1 === p) out[out.length - 1] = { from: last.from, to: p };
    else out.push({ from: p, to: p });
  }
  return out;
}

describe('merging port ranges', () => {
  it('merges overlapping and adjacent ranges into sorted maximal runs, leaving its input as it was', () => {
    fc.assert(
      fc.property(ranges, (rs) => {
        const before = JSON.stringify(rs);
        expect(mergePortRanges(rs)).toEqual(reference(rs));
        expect(JSON.stringify(rs)).toBe(before);
      }),
      { numRuns: 500 },
    );
  });

  it('in place: the same runs, in the very list it was given', () => {
    fc.assert(
      fc.property(ranges, (rs) => {
        const own = rs.slice();
        expect(mergePortRangesInPlace(own)).toBe(own);
        expect(own).toEqual(reference(rs));
      }),
      { numRuns: 500 },
    );
  });

  it('mergedPortRanges hands back a list that is already merged as it is, and merges any other', () => {
    fc.assert(
      fc.property(ranges, (rs) => {
        const merged = reference(rs);
        expect(mergedPortRanges(merged)).toBe(merged);
        expect(mergedPortRanges(rs)).toEqual(merged);
      }),
      { numRuns: 500 },
    );
  });
});

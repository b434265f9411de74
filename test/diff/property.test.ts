import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffMatrices } from '../../src/diff/diff.js';
import type { Matrix } from '../../src/model/matrix.js';
import { alignLines } from '../../src/targets/kit/align.js';
import { arbitraryLabMatrix } from '../fixtures/targets/arbitrary.js';

const labels = { old: 'A', new: 'B' };
const pairs = fc.tuple(arbitraryLabMatrix(), arbitraryLabMatrix());
const keys = (m: Matrix) => m.rows.map((r) => r.key);

describe('diff properties over random pairs of matrices', () => {
  it('diff(A, A) is empty', () => {
    fc.assert(
      fc.property(arbitraryLabMatrix(), (a) => {
        const d = diffMatrices(a, structuredClone(a), labels);
        expect(d.changes).toEqual([]);
        expect(d.unchanged).toBe(a.rows.length);
      }),
      { numRuns: 200 },
    );
  });

  it('opened ∪ kept rows are B’s rows; closed ∪ kept are A’s', () => {
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        const d = diffMatrices(a, b, labels);
        const withAfter = d.changes.filter((c) => c.after).map((c) => c.key);
        const withBefore = d.changes.filter((c) => c.before).map((c) => c.oldKey ?? c.key);
        const bKeys = new Set(keys(b));
        const kept = keys(a).filter((k) => bKeys.has(k));
        // Every row of B is opened, changed, or unchanged (kept without a change): each exactly once.
        expect(new Set([...withAfter, ...kept])).toEqual(bKeys);
        expect(withAfter.length + d.unchanged).toBe(b.rows.length);
        expect(new Set([...withBefore, ...kept])).toEqual(new Set(keys(a)));
        expect(d.counts.opened).toBe(keys(b).filter((k) => !keys(a).includes(k)).length);
        expect(d.counts.closed).toBe(keys(a).filter((k) => !bKeys.has(k)).length);
      }),
      { numRuns: 300 },
    );
  });

  it('the reverse diff swaps opened and closed, widened and narrowed', () => {
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        const there = diffMatrices(a, b, labels).counts;
        const back = diffMatrices(b, a, labels).counts;
        expect([back.opened, back.closed, back.widened, back.narrowed]).toEqual([
          there.closed,
          there.opened,
          there.narrowed,
          there.widened,
        ]);
      }),
      { numRuns: 200 },
    );
  });

  it('line alignment keeps lines in order, each kept OLD line equal to its NEW line', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, (x, y) => {
        const { keptOld, keptNew } = alignLines(x, y);
        expect(x.filter((_, i) => keptOld[i])).toEqual(y.filter((_, j) => keptNew[j]));
      }),
      { numRuns: 500 },
    );
  });
});

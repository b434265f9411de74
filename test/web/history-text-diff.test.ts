import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines } from '../../web/src/screens/common/text-diff.js';

const sides = (lines: ReturnType<typeof diffLines>) => ({
  old: lines.filter((l) => l.op !== 'add').map((l) => l.text),
  new: lines.filter((l) => l.op !== 'del').map((l) => l.text),
});

describe('the YAML text diff of two versions (history screen)', () => {
  it('marks the changed line and keeps both line numbers', () => {
    const lines = diffLines(
      'zones:\n  lan: 10.0.0.0/8\n  dmz: 192.0.2.0/24\n',
      'zones:\n  lan: 10.0.0.0/16\n  dmz: 192.0.2.0/24\n',
    );
    expect(lines).toEqual([
      { op: 'same', text: 'zones:', oldLine: 1, newLine: 1 },
      { op: 'del', text: '  lan: 10.0.0.0/8', oldLine: 2 },
      { op: 'add', text: '  lan: 10.0.0.0/16', newLine: 2 },
      { op: 'same', text: '  dmz: 192.0.2.0/24', oldLine: 3, newLine: 3 },
    ]);
  });

  it('rebuilds both texts from any diff, and a minimal one for an insertion', () => {
    const line = fc.constantFrom('a', 'b', 'c', 'd');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), (a, b) => {
        const d = diffLines(a.join('\n'), b.join('\n'));
        expect(sides(d)).toEqual({ old: a, new: b });
      }),
      { numRuns: 300 },
    );
    const d = diffLines('1\n2\n3\n4\n', '1\n2\nX\n3\n4\n');
    expect(d.filter((l) => l.op !== 'same')).toEqual([{ op: 'add', text: 'X', newLine: 3 }]);
  });

  it('falls back to all removed then all added past the edit bound, still faithful', () => {
    const a = Array.from({ length: 50 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 50 }, (_, i) => `b${i}`);
    const d = diffLines(a.join('\n'), b.join('\n'), 10);
    expect(sides(d)).toEqual({ old: a, new: b });
    expect(d.slice(0, 50).every((l) => l.op === 'del')).toBe(true);
  });
});

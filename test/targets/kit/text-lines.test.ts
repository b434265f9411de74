import { describe, expect, it } from 'vitest';
import { TextLines } from '../../../src/targets/kit/text-lines.js';

describe('TextLines (src/targets/kit/text-lines.ts)', () => {
  it('joins like one join, across the edges of its pieces', () => {
    for (const n of [0, 1, 4095, 4096, 4097, 12_289]) {
      const lines = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? '' : `line ${i}`));
      const out = new TextLines();
      out.add('head', '');
      out.addAll(lines);
      out.line('tail');
      expect(out.text()).toBe(['head', '', ...lines, 'tail'].join('\n'));
    }
  });

  it('takes a list longer than a call can spread (a 200k-chain ruleset declares that many)', () => {
    const lines = Array.from({ length: 300_000 }, (_, i) => `:c${i} - [0:0]`);
    const out = new TextLines();
    out.addAll(lines);
    expect(out.text().length).toBe(lines.join('\n').length);
  });
});

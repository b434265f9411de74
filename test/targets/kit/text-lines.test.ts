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

  it('hands its text out in pieces that make the same text, without joining them', () => {
    for (const n of [0, 1, 4096, 4097, 12_289]) {
      const lines = Array.from({ length: n }, (_, i) => `line ${i}`);
      const out = new TextLines();
      out.addAll(lines);
      out.line('');
      const pieces = [...out.chunks()];
      expect(pieces.length).toBe(2 * Math.ceil((n + 1) / 4096) - 1);
      expect(pieces.join('')).toBe([...lines, ''].join('\n'));
    }
  });

  it('as an artifact: path, content and media type as a plain one, the pieces beside them', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `rule ${i}`);
    const out = new TextLines();
    out.addAll(lines);
    const artifact = out.artifact('fw.nft', 'text/x-nftables');
    const plain = { path: 'fw.nft', content: lines.join('\n'), mediaType: 'text/x-nftables' };
    // JSON (the web API) and equality see the same keys, in the same order, as a plain artifact.
    expect(JSON.stringify(artifact)).toBe(JSON.stringify(plain));
    expect(artifact).toEqual(plain);
    expect({ ...artifact }).toEqual(plain);
    expect([...(artifact.chunks?.() ?? [])].join('')).toBe(plain.content);
  });
});

import { describe, expect, it } from 'vitest';
import { formats } from '../../src/render/index.js';
import { append } from '../../src/util/append.js';
import { matrix } from '../render/fixtures/matrix.js';

describe('append', () => {
  it('appends more items than a call can take as arguments', () => {
    const big = Array.from({ length: 500_000 }, (_, i) => i);
    expect(() => [].push(...(big as never[]))).toThrow(RangeError);
    const out = append([-1], big);
    expect(out).toHaveLength(500_001);
    expect(out[500_000]).toBe(499_999);
  });
  it('lets Markdown render a matrix of 150k rows', () => {
    const row = matrix.rows[0];
    if (!row) throw new Error('fixture has rows');
    const rows = Array.from({ length: 150_000 }, (_, i) => ({ ...row, key: `k${i}` }));
    const md = formats.md.render({ ...matrix, rows }, { lang: 'en' }) as string;
    expect(md.split('\n').filter((l) => l.startsWith('| ')).length).toBeGreaterThan(150_000);
  });
});

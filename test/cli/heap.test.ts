import { describe, expect, it } from 'vitest';
import { heapGrowthFlag, TIGHT_HEAP_FLOWS } from '../../src/cli/heap.js';

describe('the heap kept close to what is alive on very large sites (src/cli/heap.ts)', () => {
  it('asks for it from the threshold on, never below it, and never over a flag node was given', () => {
    expect(heapGrowthFlag(TIGHT_HEAP_FLOWS - 1, [])).toBeUndefined();
    expect(heapGrowthFlag(10_000, ['--max-semi-space-size=16'])).toBeUndefined();
    expect(heapGrowthFlag(TIGHT_HEAP_FLOWS, [])).toBe('--heap-growing-percent=30');
    expect(heapGrowthFlag(100_000, ['--enable-source-maps', ''])).toBe('--heap-growing-percent=30');
    expect(heapGrowthFlag(100_000, ['--heap-growing-percent=80'])).toBeUndefined();
    expect(heapGrowthFlag(100_000, ['--max-old-space-size=4096 --heap-growing-percent=80'])).toBeUndefined();
  });
});

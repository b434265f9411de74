import { describe, expect, it } from 'vitest';
import { ReadCache } from '../../src/server/read-cache.js';

describe('the read cache', () => {
  it('answers until the lifetime passes', () => {
    const cache = new ReadCache<string, number>(1000);
    cache.set('a', 1, cache.generation, 0);
    expect(cache.get('a', 999)).toBe(1);
    expect(cache.get('a', 1000)).toBeUndefined();
  });

  it('never stores an answer read before a drop (a lookup racing a write)', () => {
    const cache = new ReadCache<string, string>(1000);
    const before = cache.generation;
    cache.delete('session'); // a logout lands while the lookup waits for the database
    cache.set('session', 'still signed in', before, 0);
    expect(cache.get('session', 1)).toBeUndefined();
    const after = cache.generation;
    cache.clear();
    cache.set('session', 'old role', after, 0);
    expect(cache.get('session', 1)).toBeUndefined();
  });

  it('keeps at most its capacity, oldest out first', () => {
    const cache = new ReadCache<number, number>(1000, 3);
    for (let i = 0; i < 5; i++) cache.set(i, i, cache.generation, 0);
    expect([0, 1, 2, 3, 4].map((i) => cache.get(i, 1))).toEqual([undefined, undefined, 2, 3, 4]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { compiled } from '../../src/catalog/fast-schema.js';
import { Catalog } from '../../src/model/catalog.js';
import { Site } from '../../src/model/site.js';
import { differential, mutate, mutation, valid } from './fast-schema-arbitraries.js';

/**
 * Generated from the real schemas, then broken at one random place. Whenever the fast path says yes, zod says
 * yes with a deep-equal value (checked inside `differential`); and it gives zod's verdict, except on an own
 * `__proto__` key, which it always leaves to zod.
 */
describe.each([
  ['Catalog', Catalog],
  ['Site', Site],
] as [string, z.ZodType][])('fast schema path against zod: generated %s values', (_name, schema) => {
  it('is compiled, not declined', () => {
    expect(compiled(schema)).toBeDefined();
  });

  it('accepts what zod accepts, with the same value', () => {
    let accepted = 0;
    fc.assert(
      fc.property(valid(schema), (value) => {
        const { fast, zod } = differential(schema, value);
        expect(fast).toBe(zod);
        if (fast) accepted++;
      }),
      { numRuns: 150 },
    );
    // The generated values are meant to be valid: most are (the Site's refinements refuse about a quarter: 102–120
    // of 150 over 30 runs). Half is the floor: it fails when the generator stops making valid values, not on a tail.
    expect(accepted).toBeGreaterThan(75);
  });

  it('refuses what zod refuses, and never accepts more', () => {
    let refused = 0;
    fc.assert(
      fc.property(valid(schema), mutation, (value, m) => {
        const { fast, zod } = differential(schema, mutate(value, m));
        if (m.kind !== 'proto') expect(fast).toBe(zod);
        if (!zod) refused++;
      }),
      { numRuns: 400 },
    );
    expect(refused).toBeGreaterThan(100);
  });
});

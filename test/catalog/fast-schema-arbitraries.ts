import fc from 'fast-check';
import { expect } from 'vitest';
import type { z } from 'zod';
import { fastParse } from '../../src/catalog/fast-schema.js';

/**
 * Values generated from a zod schema's own definition (the real Catalog and Site schemas), then broken at one
 * random place: the fast path's differential tests run on both.
 */
type Def = Readonly<Record<string, unknown>> & { readonly type: string };
const defOf = (s: z.core.$ZodType): Def => s._zod.def as unknown as Def;
const checksOf = (s: z.core.$ZodType): Def[] =>
  ((defOf(s).checks ?? []) as z.core.$ZodCheck[]).map((c) => c._zod.def as unknown as Def);

const SMALL = 3;

function stringArbitrary(s: z.core.$ZodType): fc.Arbitrary<string> {
  const checks = checksOf(s);
  const regex = checks.find((c) => c.format === 'regex')?.pattern as RegExp | undefined;
  if (regex) return fc.stringMatching(regex, { maxLength: 12 });
  const minLength = (checks.find((c) => c.check === 'min_length')?.minimum as number | undefined) ?? 0;
  return fc.oneof(
    fc.string({ minLength, maxLength: minLength + 8 }),
    fc.string({ minLength, maxLength: minLength + 4, unit: 'binary' }),
  );
}

function numberArbitrary(s: z.core.$ZodType): fc.Arbitrary<number> {
  const checks = checksOf(s);
  const min = checks.find((c) => c.check === 'greater_than')?.value as number | undefined;
  const max = checks.find((c) => c.check === 'less_than')?.value as number | undefined;
  if (checks.some((c) => c.check === 'number_format')) return fc.integer({ min: min ?? -1000, max: max ?? 1000 });
  return fc.double({ noNaN: true, noDefaultInfinity: true, min: min ?? -1e6, max: max ?? 1e6 });
}

const keyArbitrary = fc.oneof(fc.constantFrom('a', 'web', 'r1', '10', 'x-y'), fc.string({ maxLength: 6 }));

/** A value the schema should accept (a `.refine()` may still refuse it: the tests ask zod). */
export function valid(s: z.core.$ZodType): fc.Arbitrary<unknown> {
  const def = defOf(s);
  switch (def.type) {
    case 'string':
      return stringArbitrary(s);
    case 'number':
      return numberArbitrary(s);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...(s._zod.values ?? []));
    case 'date':
      return fc.date({ noInvalidDate: true });
    case 'pipe':
      return valid(def.in as z.core.$ZodType);
    case 'object': {
      const shape = def.shape as Record<string, z.core.$ZodType>;
      const arbs = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, valid(v)]));
      const requiredKeys = Object.keys(shape).filter((k) => (shape[k] as z.core.$ZodType)._zod.optin === undefined);
      return fc.record(arbs, { requiredKeys, noNullPrototype: true });
    }
    case 'array': {
      const minLength = (checksOf(s).find((c) => c.check === 'min_length')?.minimum as number | undefined) ?? 0;
      return fc.array(valid(def.element as z.core.$ZodType), { minLength, maxLength: Math.max(minLength, SMALL) });
    }
    case 'record':
      return fc.dictionary(keyArbitrary, valid(def.valueType as z.core.$ZodType), {
        maxKeys: SMALL,
        noNullPrototype: true,
      });
    case 'union':
      return fc.oneof(...(def.options as z.core.$ZodType[]).map(valid));
    case 'optional':
    case 'default':
      return fc.option(valid(def.innerType as z.core.$ZodType), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(valid(def.innerType as z.core.$ZodType), { nil: null, freq: 3 });
  }
  throw new Error(`no arbitrary for ${def.type}`);
}

type Container = Record<string, unknown> | unknown[];

/** Every object and array in a value, the value itself first. */
function containers(value: unknown, out: Container[] = []): Container[] {
  if (typeof value !== 'object' || value === null || value instanceof Date) return out;
  out.push(value as Container);
  for (const v of Object.values(value)) containers(v, out);
  return out;
}

const REPLACEMENTS: readonly unknown[] = [
  null,
  undefined,
  42,
  1.5,
  0,
  65536,
  -1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  'Bad Id',
  'x',
  true,
  [],
  {},
  [null],
  { fr: 'x' },
];

export type Mutation = { kind: 'replace' | 'delete' | 'extra' | 'empty' | 'proto'; at: number; pick: number };

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('replace', 'replace', 'delete', 'extra', 'empty', 'proto'),
  at: fc.nat(),
  pick: fc.nat(),
});

/** Breaks a copy of `value` at one place: a wrong value, a missing or extra key, an emptied list, `__proto__`. */
export function mutate(value: unknown, m: Mutation): unknown {
  const copy = structuredClone(value);
  const all = containers(copy);
  const target = all[m.at % Math.max(all.length, 1)];
  if (target === undefined) return REPLACEMENTS[m.pick % REPLACEMENTS.length];
  const keys = Object.keys(target);
  const key = keys[m.pick % Math.max(keys.length, 1)];
  const t = target as Record<string, unknown>;
  switch (m.kind) {
    case 'replace':
      if (key !== undefined) t[key] = REPLACEMENTS[m.pick % REPLACEMENTS.length];
      break;
    case 'delete':
      if (key !== undefined) {
        if (Array.isArray(target)) target.splice(Number(key), 1);
        else delete t[key];
      }
      break;
    case 'extra':
      if (Array.isArray(target)) target.push(REPLACEMENTS[m.pick % REPLACEMENTS.length]);
      else t[`extra${m.pick % 3}`] = 'x';
      break;
    case 'empty':
      if (Array.isArray(target)) target.length = 0;
      else for (const k of keys) delete t[k];
      break;
    case 'proto':
      if (!Array.isArray(target)) Object.defineProperty(target, '__proto__', { value: 1, enumerable: true });
      break;
  }
  return copy;
}

/**
 * The compiled fast path against zod itself: whenever it says yes, zod says yes with a deep-equal value; on
 * the repository's files it must give zod's verdict; when it says no, it has not touched the data.
 */
export function differential(schema: z.ZodType, data: unknown): { fast: boolean; zod: boolean } {
  const reference = schema.safeParse(structuredClone(data));
  const before = structuredClone(data);
  const input = structuredClone(data);
  const fast = fastParse(schema, input);
  if (fast) {
    expect(reference.success, 'the fast path accepted what zod refuses').toBe(true);
    expect(fast.value).toStrictEqual(reference.data);
  } else {
    expect(input, 'a refusal must leave the data as it was').toStrictEqual(before);
  }
  return { fast: fast !== undefined, zod: reference.success };
}

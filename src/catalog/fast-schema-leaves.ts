import type { z } from 'zod';

/**
 * Scalar schemas (string, number, boolean, enum) compiled for `fast-schema.ts`. Each one mirrors what zod 4's own
 * parse and checks accept (read in node_modules/zod/v4/core/{schemas,checks}.js); anything else declines.
 */

/** A compiled schema: `check` says whether zod accepts a value (no allocation, no mutation); `apply` gives zod's
 * output for a value `check` accepted, completing objects and arrays in place (undefined: the value as it is). */
export interface FastNode {
  readonly check: (value: unknown) => boolean;
  readonly apply: ((value: unknown) => unknown) | undefined;
  /** Zod's own `optin` / `optout` of the schema: how an object treats a missing key. */
  readonly optin: 'optional' | 'defaulted' | undefined;
  readonly optout: 'optional' | undefined;
}

/** Thrown while compiling a schema construct the fast path does not model: the whole schema then uses zod. */
export class Declined extends Error {}

export type ZodSchema = z.core.$ZodType;
export type LooseDef = Readonly<Record<string, unknown>> & { readonly type: string };

export const defOf = (schema: ZodSchema): LooseDef => schema._zod.def as unknown as LooseDef;

export function checksOf(schema: ZodSchema): LooseDef[] {
  const checks = (defOf(schema).checks ?? []) as readonly z.core.$ZodCheck[];
  return checks.map((c) => c._zod.def as unknown as LooseDef);
}

/** Declines a def carrying a key the fast path does not know (a coercion, a format, a discriminator...). */
export function onlyKeys(def: LooseDef, allowed: readonly string[]): void {
  for (const key of Object.keys(def)) {
    if (key === 'type' || key === 'checks' || key === 'error') continue;
    if (key === 'coerce' && !def.coerce) continue;
    if (!allowed.includes(key)) throw new Declined(`${def.type}.${key}`);
  }
}

const plain = (check: (value: unknown) => boolean): FastNode => ({
  check,
  apply: undefined,
  optin: undefined,
  optout: undefined,
});

/** Unicode code points, as zod measures string lengths. */
function codePoints(s: string): number {
  let count = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}

/** A string's length test as zod does it: in code points, counted only when the UTF-16 length leaves a doubt. */
function stringLength(c: LooseDef): (s: string) => boolean {
  switch (c.check) {
    case 'min_length': {
      const min = c.minimum as number;
      return (s) => s.length >= min && (s.length >= min * 2 || codePoints(s) >= min);
    }
    case 'max_length': {
      const max = c.maximum as number;
      return (s) => s.length <= max || codePoints(s) <= max;
    }
    case 'length_equals': {
      const n = c.length as number;
      return (s) => s.length >= n && (s.length > n * 2 ? false : codePoints(s) === n);
    }
  }
  throw new Declined(`string check ${String(c.check)}`);
}

type StringStep = { readonly test: (s: string) => boolean } | { readonly tx: (s: string) => unknown };

function stringStep(c: LooseDef): StringStep {
  if (c.check === 'overwrite') return { tx: c.tx as (s: string) => unknown };
  if (c.check === 'string_format' && c.format === 'regex') {
    const pattern = c.pattern as RegExp;
    return {
      test: (s) => {
        pattern.lastIndex = 0;
        return pattern.test(s);
      },
    };
  }
  return { test: stringLength(c) };
}

/** `z.string()` with min/max/length/regex checks and overwrites (`.toLowerCase()`, `.trim()`), run in order. */
export function stringNode(schema: ZodSchema): FastNode {
  if (schema._zod.traits.has('$ZodCheck')) throw new Declined('string format');
  onlyKeys(defOf(schema), []);
  const steps = checksOf(schema).map(stringStep);
  if (steps.length === 0) return plain((v) => typeof v === 'string');
  const txs = steps.flatMap((s) => ('tx' in s ? [s.tx] : []));
  if (txs.length === 0) {
    const tests = steps.map((s) => (s as { test: (s: string) => boolean }).test);
    if (tests.length === 1) {
      const [only] = tests as [(s: string) => boolean];
      return plain((v) => typeof v === 'string' && only(v));
    }
    return plain((v) => typeof v === 'string' && tests.every((t) => t(v)));
  }
  // Each check sees the value the overwrites before it produced, as in zod's runChecks.
  const check = (v: unknown): boolean => {
    if (typeof v !== 'string') return false;
    let s: unknown = v;
    for (const step of steps) {
      if (typeof s !== 'string') return false;
      if ('tx' in step) s = step.tx(s);
      else if (!step.test(s)) return false;
    }
    return typeof s === 'string';
  };
  const apply = (v: unknown): unknown => {
    let s = v;
    for (const tx of txs) s = tx(s as string);
    return s;
  };
  return { check, apply, optin: undefined, optout: undefined };
}

const NUMBER_FORMATS: Record<string, readonly [number, number]> = {
  safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
  float32: [-3.4028234663852886e38, 3.4028234663852886e38],
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE],
};

function numberTest(c: LooseDef): (n: number) => boolean {
  if (c.check === 'number_format') {
    const range = NUMBER_FORMATS[c.format as string];
    if (!range) throw new Declined(`number format ${String(c.format)}`);
    const [min, max] = range;
    if ((c.format as string).includes('int')) return (n) => Number.isSafeInteger(n) && n >= min && n <= max;
    return (n) => n >= min && n <= max;
  }
  if ((c.check === 'greater_than' || c.check === 'less_than') && typeof c.value === 'number') {
    const bound = c.value;
    if (c.check === 'greater_than') return c.inclusive ? (n) => n >= bound : (n) => n > bound;
    return c.inclusive ? (n) => n <= bound : (n) => n < bound;
  }
  throw new Declined(`number check ${String(c.check)}`);
}

/** `z.number()`: finite numbers only (zod refuses NaN and ±Infinity), then int/min/max. */
export function numberNode(schema: ZodSchema): FastNode {
  if (schema._zod.traits.has('$ZodCheck')) throw new Declined('number format');
  onlyKeys(defOf(schema), []);
  const tests = checksOf(schema).map(numberTest);
  return plain((v) => typeof v === 'number' && Number.isFinite(v) && tests.every((t) => t(v)));
}

export function booleanNode(schema: ZodSchema): FastNode {
  onlyKeys(defOf(schema), []);
  if (checksOf(schema).length > 0) throw new Declined('boolean checks');
  return plain((v) => typeof v === 'boolean');
}

export function enumNode(schema: ZodSchema): FastNode {
  onlyKeys(defOf(schema), ['entries']);
  if (checksOf(schema).length > 0) throw new Declined('enum checks');
  const values = schema._zod.values;
  if (!values) throw new Declined('enum without values');
  return plain((v) => values.has(v as string));
}

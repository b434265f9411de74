import type { z } from 'zod';
import { Declined, defOf, type FastNode, onlyKeys, type ZodSchema } from './fast-schema-leaves.js';

/** Objects, arrays, records and unions for `fast-schema.ts`, mirroring zod 4's parse of each. */

export type Compile = (schema: ZodSchema) => FastNode;

export const noChecks = (schema: ZodSchema): void => {
  if (((defOf(schema).checks ?? []) as unknown[]).length > 0) throw new Declined(`${defOf(schema).type} checks`);
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

interface Field {
  readonly key: string;
  readonly node: FastNode;
}

/**
 * `z.strictObject`. A key is present when `key in input` (as in zod; the check walks the value's keys, which for
 * the plain objects read here are the same). Required keys must be present; an optional one may be absent; a
 * defaulted one is checked as undefined when absent (once, here: the answer does not depend on the data). Extra
 * keys are refused.
 */
export function objectNode(schema: ZodSchema, compile: Compile): FastNode {
  const def = defOf(schema);
  onlyKeys(def, ['shape', 'catchall']);
  noChecks(schema);
  const catchall = def.catchall as ZodSchema | undefined;
  if (catchall === undefined || defOf(catchall).type !== 'never') throw new Declined('non-strict object');
  const shape = def.shape as Record<string, ZodSchema>;
  if (Object.getOwnPropertySymbols(shape).length > 0) throw new Declined('symbol keys');
  const fields: Field[] = Object.keys(shape).map((key) => {
    // `in` would find these on Object.prototype.
    if (key in Object.prototype) throw new Declined(`key ${key}`);
    return { key, node: compile(shape[key] as ZodSchema) };
  });
  const byKey = new Map(fields.map((f) => [f.key, f.node]));
  // The keys whose absence zod refuses: required ones, and those whose inner schema refuses undefined.
  const needed = new Set(
    fields
      .filter(({ node }) => node.optin === undefined || (node.optout !== 'optional' && !node.check(undefined)))
      .map((f) => f.key),
  );
  // The value's keys, not the schema's: a flow writes 7 of its 17 fields.
  const check = (v: unknown): boolean => {
    if (!isPlainObject(v)) return false;
    let present = 0;
    for (const key in v) {
      const node = byKey.get(key);
      if (node === undefined || !node.check(v[key])) return false;
      if (needed.has(key)) present++;
    }
    return present === needed.size;
  };
  const toApply = fields.filter((f) => f.node.apply !== undefined || f.node.optin === 'defaulted');
  if (toApply.length === 0) return { check, apply: undefined, optin: undefined, optout: undefined };
  const apply = (v: unknown): unknown => {
    const o = v as Record<string, unknown>;
    for (const { key, node } of toApply) {
      if (key in o) {
        const before = o[key];
        const after = node.apply ? node.apply(before) : before;
        if (after !== before) o[key] = after;
      } else if (node.optout === 'optional') {
        // Absence permitted: zod keeps only what a substituting (defaulted) inner schema gives, if it passes.
        if (node.optin === 'defaulted' && node.check(undefined)) {
          const after = node.apply ? node.apply(undefined) : undefined;
          if (after !== undefined) o[key] = after;
        }
      } else if (node.optin !== undefined) {
        const after = node.apply ? node.apply(undefined) : undefined;
        if (node.optin === 'defaulted' || after !== undefined) o[key] = after;
      }
    }
    return o;
  };
  return { check, apply, optin: undefined, optout: undefined };
}

/** Length checks of an array (plain `.length`, no code points there). */
function arrayLength(check: z.core.$ZodCheck): (n: number) => boolean {
  const c = check._zod.def as unknown as Readonly<Record<string, unknown>>;
  if (c.check === 'min_length') return (n) => n >= (c.minimum as number);
  if (c.check === 'max_length') return (n) => n <= (c.maximum as number);
  if (c.check === 'length_equals') return (n) => n === (c.length as number);
  throw new Declined(`array check ${String(c.check)}`);
}

export function arrayNode(schema: ZodSchema, compile: Compile): FastNode {
  const def = defOf(schema);
  onlyKeys(def, ['element']);
  const lengthOk = ((def.checks ?? []) as z.core.$ZodCheck[]).map(arrayLength);
  const element = compile(def.element as ZodSchema);
  const each = element.check;
  const check = (v: unknown): boolean => {
    if (!Array.isArray(v)) return false;
    for (const ok of lengthOk) if (!ok(v.length)) return false;
    for (let i = 0; i < v.length; i++) if (!each(v[i])) return false;
    return true;
  };
  const applyOne = element.apply;
  if (applyOne === undefined) return { check, apply: undefined, optin: undefined, optout: undefined };
  const apply = (v: unknown): unknown => {
    const a = v as unknown[];
    for (let i = 0; i < a.length; i++) {
      const after = applyOne(a[i]);
      if (after !== a[i]) a[i] = after;
    }
    return a;
  };
  return { check, apply, optin: undefined, optout: undefined };
}

/** `z.record(z.string(...), value)`: every own key must pass the key schema (which may not rewrite it). */
export function recordNode(schema: ZodSchema, compile: Compile): FastNode {
  const def = defOf(schema);
  onlyKeys(def, ['keyType', 'valueType']);
  noChecks(schema);
  const keyType = def.keyType as ZodSchema;
  if (defOf(keyType).type !== 'string') throw new Declined('record key type');
  const keyNode = compile(keyType);
  if (keyNode.apply !== undefined) throw new Declined('record key overwrite');
  const keyOk = keyNode.check;
  const value = compile(def.valueType as ZodSchema);
  const each = value.check;
  const check = (v: unknown): boolean => {
    if (!isPlainObject(v)) return false;
    for (const key in v) {
      // Zod strips an own `__proto__` entry from its copy; in place it would stay.
      if (key === '__proto__' || !keyOk(key) || !each(v[key])) return false;
    }
    return true;
  };
  const applyOne = value.apply;
  if (applyOne === undefined) return { check, apply: undefined, optin: undefined, optout: undefined };
  const apply = (v: unknown): unknown => {
    const o = v as Record<string, unknown>;
    for (const key in o) {
      const after = applyOne(o[key]);
      if (after !== o[key]) o[key] = after;
    }
    return o;
  };
  return { check, apply, optin: undefined, optout: undefined };
}

/** Zod's inclusive union: the first option that accepts the value gives the output. */
export function unionNode(schema: ZodSchema, compile: Compile): FastNode {
  const def = defOf(schema);
  onlyKeys(def, ['options']);
  noChecks(schema);
  const options = (def.options as ZodSchema[]).map((o) => compile(o));
  const checks = options.map((o) => o.check);
  const check = (v: unknown): boolean => {
    for (const ok of checks) if (ok(v)) return true;
    return false;
  };
  const apply = options.some((o) => o.apply)
    ? (v: unknown): unknown => {
        for (const o of options) if (o.check(v)) return o.apply ? o.apply(v) : v;
        return v;
      }
    : undefined;
  return { check, apply, optin: schema._zod.optin, optout: schema._zod.optout };
}

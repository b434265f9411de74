import type { z } from 'zod';
import {
  Declined,
  defOf,
  enumNode,
  type FastNode,
  booleanNode as leafBoolean,
  numberNode,
  onlyKeys,
  stringNode,
  type ZodSchema,
} from './fast-schema-leaves.js';

/**
 * A compiled fast path for zod schemas, for the tree the YAML reader just built (fresh plain objects and arrays,
 * string keys, no shared nodes: `fast-yaml.ts` declines anchors and `__proto__` keys).
 *
 * `fastParse` first checks the whole tree without allocating or mutating anything; only when zod would accept
 * it does it fill `.default()` values and apply overwrites in place, giving what zod would return (deep-equal;
 * keys a default adds come last instead of in shape order, which nothing downstream reads). When the data
 * fails, or the schema uses a construct not modelled here, it returns undefined and the caller runs zod, so
 * every error message stays zod's. A node with a `.refine()` is handed to zod itself (its predicate reads the
 * parsed value). Zod's behaviour is mirrored from node_modules/zod/v4/core/schemas.js (4.6).
 */
export function fastParse<S extends ZodSchema>(schema: S, data: unknown): { value: z.output<S> } | undefined {
  const node = compiled(schema);
  if (node === undefined || !node.check(data)) return undefined;
  return { value: (node.apply ? node.apply(data) : data) as z.output<S> };
}

/** The compiled form of a schema, or undefined when the fast path declines it (then `fastParse` always does). */
export function compiled(schema: ZodSchema): FastNode | undefined {
  const known = roots.get(schema);
  if (known !== undefined || roots.has(schema)) return known;
  let node: FastNode | undefined;
  try {
    node = compile(schema);
  } catch (e) {
    if (!(e instanceof Declined)) throw e;
  }
  roots.set(schema, node);
  return node;
}

const roots = new WeakMap<ZodSchema, FastNode | undefined>();
/** Sub-schemas shared between roots (Text, Id...) compile once; `COMPILING` catches recursive schemas. */
const nodes = new WeakMap<ZodSchema, FastNode | typeof COMPILING>();
const COMPILING = Symbol('compiling');

function compile(schema: ZodSchema): FastNode {
  const known = nodes.get(schema);
  if (known === COMPILING) throw new Declined('recursive schema');
  if (known) return known;
  nodes.set(schema, COMPILING);
  try {
    const node = build(schema);
    nodes.set(schema, node);
    return node;
  } catch (e) {
    nodes.delete(schema);
    throw e;
  }
}

function build(schema: ZodSchema): FastNode {
  const def = defOf(schema);
  const checks = (def.checks ?? []) as readonly z.core.$ZodCheck[];
  if (checks.some((c) => c._zod.def.check === 'custom')) return delegated(schema);
  switch (def.type) {
    case 'string':
      return stringNode(schema);
    case 'number':
      return numberNode(schema);
    case 'boolean':
      return leafBoolean(schema);
    case 'enum':
      return enumNode(schema);
    case 'object':
      return objectNode(schema);
    case 'array':
      return arrayNode(schema);
    case 'record':
      return recordNode(schema);
    case 'union':
      return unionNode(schema);
    case 'optional':
      return optionalNode(schema);
    case 'nullable':
      return nullableNode(schema);
    case 'default':
      return defaultNode(schema);
  }
  throw new Declined(`type ${def.type}`);
}

const noChecks = (schema: ZodSchema): void => {
  if (((defOf(schema).checks ?? []) as unknown[]).length > 0) throw new Declined(`${defOf(schema).type} checks`);
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/**
 * A schema with a `.refine()`: zod runs it (its predicate needs the parsed value), on this subtree only. The
 * subtrees are small (site policy entries, suppressions); `apply` runs zod again for the value.
 */
function delegated(schema: ZodSchema): FastNode {
  const run = (value: unknown) => {
    const result = schema._zod.run({ value, issues: [] }, { async: false });
    return result instanceof Promise ? undefined : result;
  };
  return {
    check: (v) => run(v)?.issues.length === 0,
    apply: (v) => run(v)?.value,
    optin: schema._zod.optin,
    optout: schema._zod.optout,
  };
}

interface Field {
  readonly key: string;
  readonly node: FastNode;
}

/**
 * `z.strictObject`. A key is present when `key in input` (as in zod). Required keys must be present; an optional
 * one may be absent; a defaulted one is checked as undefined when absent. Extra keys are refused.
 */
function objectNode(schema: ZodSchema): FastNode {
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
  const count = fields.length;
  const check = (v: unknown): boolean => {
    if (!isPlainObject(v)) return false;
    let present = 0;
    for (let i = 0; i < count; i++) {
      const { key, node } = fields[i] as Field;
      if (key in v) {
        present++;
        if (!node.check(v[key])) return false;
      } else if (node.optin === undefined) {
        return false;
      } else if (node.optout !== 'optional' && !node.check(undefined)) {
        return false;
      }
    }
    let own = 0;
    for (const _ in v) own++;
    return own === present;
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

function arrayNode(schema: ZodSchema): FastNode {
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
function recordNode(schema: ZodSchema): FastNode {
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
function unionNode(schema: ZodSchema): FastNode {
  const def = defOf(schema);
  onlyKeys(def, ['options']);
  noChecks(schema);
  const options = (def.options as ZodSchema[]).map(compile);
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

function innerOf(schema: ZodSchema, extra: readonly string[] = []): FastNode {
  const def = defOf(schema);
  onlyKeys(def, ['innerType', ...extra]);
  noChecks(schema);
  return compile(def.innerType as ZodSchema);
}

/** `.optional()`: undefined passes; a defaulted inner schema still substitutes its default for it. */
function optionalNode(schema: ZodSchema): FastNode {
  const inner = innerOf(schema);
  const substitutes = inner.optin === 'defaulted';
  const innerApply = inner.apply;
  const check = (v: unknown): boolean => v === undefined || inner.check(v);
  const apply =
    innerApply || substitutes
      ? (v: unknown): unknown => {
          if (v !== undefined) return innerApply ? innerApply(v) : v;
          if (!substitutes || !inner.check(undefined)) return undefined;
          return innerApply ? innerApply(undefined) : undefined;
        }
      : undefined;
  return { check, apply, optin: substitutes ? 'defaulted' : 'optional', optout: 'optional' };
}

function nullableNode(schema: ZodSchema): FastNode {
  const inner = innerOf(schema);
  const innerApply = inner.apply;
  return {
    check: (v) => v === null || inner.check(v),
    apply: innerApply ? (v) => (v === null ? null : innerApply(v)) : undefined,
    optin: inner.optin,
    optout: inner.optout,
  };
}

/** `.default(x)`: undefined becomes a fresh copy of x (zod's `defaultValue` getter clones it on each read). */
function defaultNode(schema: ZodSchema): FastNode {
  const inner = innerOf(schema, ['defaultValue']);
  const def = defOf(schema);
  const innerApply = inner.apply;
  return {
    check: (v) => v === undefined || inner.check(v),
    apply: (v) => {
      if (v === undefined) return def.defaultValue;
      const out = innerApply ? innerApply(v) : v;
      return out === undefined ? def.defaultValue : out;
    },
    optin: 'defaulted',
    optout: undefined,
  };
}

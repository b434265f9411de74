import type { z } from 'zod';
import { arrayNode, noChecks, objectNode, recordNode, unionNode } from './fast-schema-containers.js';
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
 * string keys, no shared nodes: `fast-yaml/` declines anchors and `__proto__` keys).
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
      return objectNode(schema, compile);
    case 'array':
      return arrayNode(schema, compile);
    case 'record':
      return recordNode(schema, compile);
    case 'union':
      return unionNode(schema, compile);
    case 'optional':
      return optionalNode(schema);
    case 'nullable':
      return nullableNode(schema);
    case 'default':
      return defaultNode(schema);
  }
  throw new Declined(`type ${def.type}`);
}

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

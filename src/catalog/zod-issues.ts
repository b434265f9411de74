import type { z } from 'zod';
import { didYouMean, type Issue, issue, type YamlPath } from '../model/issues.js';

/** `flows[2].level`: how messages name the place, next to the file:line:col. */
export function pathText(path: YamlPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? 'the document' : out;
}

export function valueAt(data: unknown, path: YamlPath): unknown {
  let node = data;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v === 'number' ? 'the number' : 'the value'} ${String(v)}`;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
};
const TYPE_HINTS: Record<string, string> = {
  array: 'write a list here: one "- item" per line below the key, or [a, b] on its line',
  object: 'write a mapping here: "key: value" lines indented below the key, or { key: value }',
  record: 'write a mapping here: "name: value" lines indented below the key, or { name: value }',
  string: 'write a text here (in quotes if it could be read as a number, true/false or a list)',
  number: 'write a number here',
  boolean: 'write true or false here',
};
const typeName = (t: string): string => TYPE_NAMES[t] ?? t;

type ZodIssue = z.core.$ZodIssue;

/** Unwraps optional/default/nullable wrappers to the schema that describes the shape. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let s = schema;
  for (;;) {
    const def = s._zod.def as { type: string; innerType?: z.core.$ZodType };
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType) {
      s = def.innerType;
    } else {
      return s;
    }
  }
}

/** The schema at `path` (following objects, records, arrays and object branches of unions). */
export function schemaAt(root: z.core.$ZodType, path: YamlPath): z.core.$ZodType | undefined {
  let s: z.core.$ZodType | undefined = unwrap(root);
  for (const seg of path) {
    if (!s) return undefined;
    s = childSchema(s, seg);
    if (s) s = unwrap(s);
  }
  return s;
}

function childSchema(s: z.core.$ZodType, seg: string | number): z.core.$ZodType | undefined {
  const def = s._zod.def as {
    type: string;
    shape?: Record<string, z.core.$ZodType>;
    valueType?: z.core.$ZodType;
    element?: z.core.$ZodType;
    options?: z.core.$ZodType[];
  };
  switch (def.type) {
    case 'object':
      return typeof seg === 'string' ? def.shape?.[seg] : undefined;
    case 'record':
      return def.valueType;
    case 'array':
      return typeof seg === 'number' ? def.element : undefined;
    case 'union':
      for (const option of def.options ?? []) {
        const child = childSchema(unwrap(option), seg);
        if (child) return child;
      }
      return undefined;
    default:
      return undefined;
  }
}

export function allowedKeys(root: z.core.$ZodType, path: YamlPath): string[] {
  const s = schemaAt(root, path);
  if (!s) return [];
  const def = s._zod.def as { type: string; shape?: Record<string, unknown>; options?: z.core.$ZodType[] };
  if (def.type === 'object') return Object.keys(def.shape ?? {});
  if (def.type === 'union') return (def.options ?? []).flatMap((o) => allowedKeys(o, []));
  return [];
}

const list = (values: readonly unknown[]): string => values.map((v) => String(v)).join(', ');

/** Turns zod's issues into ours: one Issue per unknown key, allowed values in hints, the bad value named. */
export function fromZodIssues(schema: z.core.$ZodType, data: unknown, issues: readonly ZodIssue[]): Issue[] {
  return issues.flatMap((i) => convert(schema, data, i, []));
}

function convert(schema: z.core.$ZodType, data: unknown, zi: ZodIssue, prefix: YamlPath): Issue[] {
  const path: YamlPath = [...prefix, ...(zi.path as (string | number)[])];
  const where = pathText(path);
  const value = valueAt(data, path);
  switch (zi.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(schema, path);
      return zi.keys.map((key) => ({
        ...issue(
          'unknown-key',
          [...path, key],
          `unknown key "${key}" in ${where}`,
          valueAt(data, [...path, key]) === null && isText(allowed)
            ? `inside { … } a comma ends a value, so "${key}" became a key: quote the text, e.g. en: "…, ${key}"`
            : (didYouMean(key, allowed) ?? `allowed keys: ${list([...new Set(allowed)])}`),
        ),
        at: 'key' as const,
      }));
    }
    case 'invalid_value': {
      const values = list(zi.values);
      // An enumerated key left out: missing, as for any other required key (not "nothing is not an allowed value").
      if (value === undefined && path.length > 0) {
        const key = String(path[path.length - 1]);
        return [
          issue(
            'schema',
            path,
            `missing required key "${key}" in ${pathText(path.slice(0, -1))}`,
            `add "${key}:" (one of ${values})`,
          ),
        ];
      }
      // YAML reads `1.2` as a number; the vocabulary holds the text "1.2".
      const quoted = typeof value === 'number' && zi.values.map(String).includes(String(value));
      const hint = quoted
        ? `write it in quotes, "${String(value)}": YAML reads ${String(value)} as a number`
        : didYouMean(String(value), zi.values.map(String));
      return [
        issue(
          'schema',
          path,
          `${where}: ${describeValue(value)} is not an allowed value`,
          hint ? `${hint} (allowed: ${values})` : `allowed: ${values}`,
        ),
      ];
    }
    case 'invalid_type': {
      if (value === undefined) {
        const key = path[path.length - 1];
        return [
          issue(
            'schema',
            path,
            `missing required key "${String(key)}" in ${pathText(path.slice(0, -1))}`,
            `add "${String(key)}:" (${typeName(zi.expected)})`,
          ),
        ];
      }
      // `[tcp/80,443]`: inside a flow list the comma starts a new item, and `443` arrives as a number.
      const split = zi.expected === 'string' && typeof value === 'number' && typeof path[path.length - 1] === 'number';
      return [
        issue(
          'schema',
          path,
          `${where}: expected ${typeName(zi.expected)}, found ${describeValue(value)}`,
          split
            ? 'inside [ … ] a comma starts a new item: quote the whole entry, e.g. "tcp/80,443"'
            : zi.expected === 'array' && typeof value === 'string' && value.includes(',')
              ? `a list is written in brackets: ['${value.replace(/,\s*/g, ',')}'] (one quoted entry) — unquoted, [a, b] would cut it at the comma`
              : path.length === 0
                ? 'a catalog or a site is a mapping of keys ("id: …", "title: …"): see the examples/ folder'
                : zi.expected === 'number' && typeof value === 'string' && /^\d+$/.test(value)
                  ? `write ${value} without quotes`
                  : (TYPE_HINTS[zi.expected] ?? `write ${typeName(zi.expected)} here`),
        ),
      ];
    }
    case 'invalid_union':
      return convertUnion(schema, data, zi, path);
    case 'too_small':
      return [
        issue(
          'schema',
          path,
          `${where}: ${tooSmall(zi, value)}`,
          zi.origin === 'array' ? 'add at least one entry, or remove the key' : undefined,
        ),
      ];
    case 'too_big':
      return [issue('schema', path, `${where}: ${tooBig(zi)}`)];
    case 'invalid_format':
      return [issue('schema', path, `${where}: ${describeValue(value)} is not valid`, lowerFirst(zi.message))];
    default:
      return [issue('schema', path, `${where}: ${lowerFirst(zi.message)}`)];
  }
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

function tooSmall(zi: z.core.$ZodIssueTooSmall, value: unknown): string {
  if (zi.origin === 'array' || zi.origin === 'string') {
    return Number(zi.minimum) <= 1 ? 'must not be empty' : `needs at least ${String(zi.minimum)} entries`;
  }
  return `${describeValue(value)} is below the minimum ${String(zi.minimum)}`;
}

function tooBig(zi: z.core.$ZodIssueTooBig): string {
  if (zi.origin === 'array' || zi.origin === 'string') return `has more than ${String(zi.maximum)} entries`;
  return `must be at most ${String(zi.maximum)}`;
}

/**
 * A union failed. When one branch got further (its issues are deeper than the union itself, e.g. a
 * `{ k8s: … }` binding with a typo inside), report that branch; otherwise list the accepted shapes.
 */
function convertUnion(
  schema: z.core.$ZodType,
  data: unknown,
  zi: z.core.$ZodIssueInvalidUnion,
  path: YamlPath,
): Issue[] {
  const typeOnly = (branch: readonly ZodIssue[]): boolean =>
    branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0;
  const value = valueAt(data, path);
  const key = path[path.length - 1];
  if (value === undefined && key !== undefined) {
    // A key left out whose value may take several shapes (a text: fr, en or both).
    const shapes = [
      ...new Set(zi.errors.flatMap((b) => b.flatMap((i) => (i.code === 'invalid_type' ? [i.expected] : [])))),
    ];
    return [
      issue(
        'schema',
        path,
        `missing required key "${String(key)}" in ${pathText(path.slice(0, -1))}`,
        `add "${String(key)}:" (${shapes.map(typeName).join(' or ')})`,
      ),
    ];
  }
  if (isTextUnion(zi) && value !== null && typeof value === 'object' && !('fr' in value) && !('en' in value))
    return [
      issue(
        'schema',
        path,
        `${pathText(path)}: a text needs "fr:" or "en:"`,
        'write { fr: …, en: … }; one language is enough',
      ),
    ];
  const deeper = zi.errors.filter((b) => b.length > 0 && !typeOnly(b));
  if (deeper.length > 0) {
    const best = deeper.reduce((a, b) => (b.length < a.length ? b : a));
    return best.flatMap((i) => convert(schema, data, i, path));
  }
  const expected = zi.errors.flatMap((b) =>
    b.flatMap((i) => (i.code === 'invalid_type' ? [typeName(i.expected)] : [])),
  );
  const unique = [...new Set(expected)];
  return [
    issue(
      'schema',
      path,
      `${pathText(path)}: expected ${unique.join(' or ') || 'another shape'}, found ${describeValue(value)}`,
    ),
  ];
}

/** The union of `Text` (model/text.ts): each branch misses only `fr` or `en`. */
function isTextUnion(zi: z.core.$ZodIssueInvalidUnion): boolean {
  return (
    zi.errors.length === 2 &&
    zi.errors.every((b) => b.every((i) => i.path.length === 1 && (i.path[0] === 'fr' || i.path[0] === 'en')))
  );
}

/** The keys of a `Text`: a key there with no value is words cut off by a comma. */
const isText = (allowed: readonly string[]): boolean =>
  allowed.length > 0 && allowed.every((k) => k === 'fr' || k === 'en');

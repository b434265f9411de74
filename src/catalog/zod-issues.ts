import type { z } from 'zod';
import { didYouMeanText, type Issue, issue, type YamlPath } from '../model/issues.js';
import { both, type Lang, type Text, text } from '../model/text.js';
import { patternWords, refinementFrench } from '../model/zod-words.js';

/** `flows[2].level`: how messages name the place, next to the file:line:col. */
export function pathText(path: YamlPath, lang: Lang = 'en'): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? (lang === 'fr' ? 'le document' : 'the document') : out;
}

/** `pathText` in both languages. */
export const pathWords = (path: YamlPath): Text => both((lang) => pathText(path, lang));

export function valueAt(data: unknown, path: YamlPath): unknown {
  let node = data;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

function describeValue(v: unknown): Text {
  if (v === undefined) return text('rien', 'nothing');
  if (v === null) return text('une valeur vide', 'an empty value');
  if (Array.isArray(v)) return text('une liste', 'a list');
  if (typeof v === 'object') return text('un dictionnaire', 'a mapping');
  if (typeof v === 'string') {
    const shown = JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
    return text(`le texte ${shown}`, `the text ${shown}`);
  }
  return typeof v === 'number'
    ? text(`le nombre ${String(v)}`, `the number ${String(v)}`)
    : text(`la valeur ${String(v)}`, `the value ${String(v)}`);
}

const TYPE_NAMES: Record<string, Text> = {
  string: text('un texte', 'a text'),
  number: text('un nombre', 'a number'),
  int: text('un entier', 'an integer'),
  boolean: text('true ou false', 'true or false'),
  array: text('une liste', 'a list'),
  object: text('un dictionnaire', 'a mapping'),
  record: text('un dictionnaire', 'a mapping'),
};
const TYPE_HINTS: Record<string, Text> = {
  array: text(
    'écrivez une liste ici : une ligne "- élément" par entrée sous la clé, ou [a, b] sur sa ligne',
    'write a list here: one "- item" per line below the key, or [a, b] on its line',
  ),
  object: text(
    'écrivez un dictionnaire ici : des lignes "clé: valeur" indentées sous la clé, ou { clé: valeur }',
    'write a mapping here: "key: value" lines indented below the key, or { key: value }',
  ),
  record: text(
    'écrivez un dictionnaire ici : des lignes "nom: valeur" indentées sous la clé, ou { nom: valeur }',
    'write a mapping here: "name: value" lines indented below the key, or { name: value }',
  ),
  string: text(
    'écrivez un texte ici (entre guillemets s’il pourrait se lire comme un nombre, true/false ou une liste)',
    'write a text here (in quotes if it could be read as a number, true/false or a list)',
  ),
  number: text('écrivez un nombre ici', 'write a number here'),
  boolean: text('écrivez true ou false ici', 'write true or false here'),
};
const typeName = (t: string): Text => TYPE_NAMES[t] ?? text(t, t);

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

/** `clé obligatoire "x" absente dans …`: a key left out, whatever its shape. */
function missingKey(path: YamlPath, shape: Text): Issue {
  const key = String(path[path.length - 1]);
  const parent = pathWords(path.slice(0, -1));
  return issue(
    'schema',
    path,
    text(`clé obligatoire "${key}" absente dans ${parent.fr}`, `missing required key "${key}" in ${parent.en}`),
    text(`ajoutez "${key}:" (${shape.fr})`, `add "${key}:" (${shape.en})`),
  );
}

/** `flows[2].level: …`: the place, then what is wrong there. */
const at = (path: YamlPath, what: Text): Text => {
  const where = pathWords(path);
  return text(`${where.fr} : ${what.fr}`, `${where.en}: ${what.en}`);
};

/** `the text "x"` → `the text "x" is not valid` and its French. */
const said = (value: unknown, fr: string, en: string): Text => {
  const v = describeValue(value);
  return text(`${v.fr} ${fr}`, `${v.en} ${en}`);
};

function convert(schema: z.core.$ZodType, data: unknown, zi: ZodIssue, prefix: YamlPath): Issue[] {
  const path: YamlPath = [...prefix, ...(zi.path as (string | number)[])];
  const value = valueAt(data, path);
  switch (zi.code) {
    case 'unrecognized_keys':
      return unknownKeys(schema, data, zi, path);
    case 'invalid_value': {
      const values = list(zi.values);
      // An enumerated key left out: missing, as for any other required key (not "nothing is not an allowed value").
      if (value === undefined && path.length > 0)
        return [missingKey(path, text(`une valeur parmi ${values}`, `one of ${values}`))];
      // YAML reads `1.2` as a number; the vocabulary holds the text "1.2".
      const quoted = typeof value === 'number' && zi.values.map(String).includes(String(value));
      const v = String(value);
      const hint = quoted
        ? text(
            `écrivez-la entre guillemets, "${v}" : YAML lit ${v} comme un nombre`,
            `write it in quotes, "${v}": YAML reads ${v} as a number`,
          )
        : didYouMeanText(v, zi.values.map(String));
      return [
        issue(
          'schema',
          path,
          at(path, said(value, 'n’est pas une valeur autorisée', 'is not an allowed value')),
          hint
            ? text(`${hint.fr} (valeurs possibles : ${values})`, `${hint.en} (allowed: ${values})`)
            : text(`valeurs possibles : ${values}`, `allowed: ${values}`),
        ),
      ];
    }
    case 'invalid_type': {
      if (value === undefined) return [missingKey(path, typeName(zi.expected))];
      const expected = typeName(zi.expected);
      const found = describeValue(value);
      return [
        issue(
          'schema',
          path,
          at(path, text(`il faut ${expected.fr} ici, pas ${found.fr}`, `expected ${expected.en}, found ${found.en}`)),
          typeHint(zi.expected, value, path),
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
          at(path, tooSmall(zi, value)),
          zi.origin === 'array'
            ? text('ajoutez au moins une entrée, ou supprimez la clé', 'add at least one entry, or remove the key')
            : undefined,
        ),
      ];
    case 'too_big':
      return [issue('schema', path, at(path, tooBig(zi)))];
    case 'invalid_format': {
      const rule = zi.format === 'regex' ? patternWords(zi.pattern) : undefined;
      const shape = zi.format === 'regex' ? (zi.pattern ?? 'regex') : zi.format;
      return [
        issue(
          'schema',
          path,
          at(path, said(value, 'n’est pas valide', 'is not valid')),
          text(rule?.fr ?? `forme attendue : ${shape}`, lowerFirst(zi.message)),
        ),
      ];
    }
    case 'custom': {
      const fr = refinementFrench(zi.params);
      return [issue('schema', path, at(path, text(fr ?? 'valeur refusée', lowerFirst(zi.message))))];
    }
    case 'not_multiple_of':
      return [
        issue('schema', path, at(path, text(`doit être un multiple de ${String(zi.divisor)}`, lowerFirst(zi.message)))),
      ];
    case 'invalid_key':
      return [issue('schema', path, at(path, text('clé refusée', lowerFirst(zi.message))))];
    case 'invalid_element':
      return [issue('schema', path, at(path, text('élément refusé', lowerFirst(zi.message))))];
  }
}

/** One issue per unknown key, at the key. */
function unknownKeys(
  schema: z.core.$ZodType,
  data: unknown,
  zi: z.core.$ZodIssueUnrecognizedKeys,
  path: YamlPath,
): Issue[] {
  const allowed = allowedKeys(schema, path);
  const where = pathWords(path);
  const keys = list([...new Set(allowed)]);
  return zi.keys.map((key) => ({
    ...issue(
      'unknown-key',
      [...path, key],
      text(`clé inconnue "${key}" dans ${where.fr}`, `unknown key "${key}" in ${where.en}`),
      valueAt(data, [...path, key]) === null && isText(allowed)
        ? text(
            `dans { … }, une virgule termine la valeur : "${key}" est donc devenu une clé ; mettez le texte entre guillemets, par ex. en: "…, ${key}"`,
            `inside { … } a comma ends a value, so "${key}" became a key: quote the text, e.g. en: "…, ${key}"`,
          )
        : (didYouMeanText(key, allowed) ?? text(`clés possibles : ${keys}`, `allowed keys: ${keys}`)),
    ),
    at: 'key' as const,
  }));
}

/** How to write the type a value lacked, from what was written instead. */
function typeHint(expected: string, value: unknown, path: YamlPath): Text {
  // `[tcp/80,443]`: inside a flow list the comma starts a new item, and `443` arrives as a number.
  if (expected === 'string' && typeof value === 'number' && typeof path[path.length - 1] === 'number')
    return text(
      'dans [ … ], une virgule commence un nouvel élément : mettez toute l’entrée entre guillemets, par ex. "tcp/80,443"',
      'inside [ … ] a comma starts a new item: quote the whole entry, e.g. "tcp/80,443"',
    );
  if (expected === 'array' && typeof value === 'string' && value.includes(',')) {
    const one = `['${value.replace(/,\s*/g, ',')}']`;
    return text(
      `une liste s’écrit entre crochets : ${one} (une seule entrée entre guillemets) — sans guillemets, [a, b] la couperait à la virgule`,
      `a list is written in brackets: ${one} (one quoted entry) — unquoted, [a, b] would cut it at the comma`,
    );
  }
  if (path.length === 0)
    return text(
      'un catalogue ou un site est un dictionnaire de clés ("id: …", "title: …") : voyez le dossier examples/',
      'a catalog or a site is a mapping of keys ("id: …", "title: …"): see the examples/ folder',
    );
  if (expected === 'number' && typeof value === 'string' && /^\d+$/.test(value))
    return text(`écrivez ${value} sans guillemets`, `write ${value} without quotes`);
  const name = typeName(expected);
  return TYPE_HINTS[expected] ?? text(`écrivez ${name.fr} ici`, `write ${name.en} here`);
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

function tooSmall(zi: z.core.$ZodIssueTooSmall, value: unknown): Text {
  const min = String(zi.minimum);
  if (zi.origin === 'array' || zi.origin === 'string') {
    if (Number(zi.minimum) <= 1) return text('ne doit pas être vide', 'must not be empty');
    const unit = zi.origin === 'string' ? 'caractères' : 'entrées';
    return text(`il faut au moins ${min} ${unit}`, `needs at least ${min} entries`);
  }
  return said(value, `est en dessous du minimum ${min}`, `is below the minimum ${min}`);
}

function tooBig(zi: z.core.$ZodIssueTooBig): Text {
  const max = String(zi.maximum);
  if (zi.origin === 'array' || zi.origin === 'string') {
    const unit = zi.origin === 'string' ? 'caractères' : 'entrées';
    return text(`dépasse ${max} ${unit}`, `has more than ${max} entries`);
  }
  return text(`doit valoir au plus ${max}`, `must be at most ${max}`);
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
  const expectedTypes = (): Text[] => [
    ...new Map(
      zi.errors
        .flatMap((b) => b.flatMap((i) => (i.code === 'invalid_type' ? [typeName(i.expected)] : [])))
        .map((t) => [t.en, t]),
    ).values(),
  ];
  const or = (shapes: Text[]): Text => text(shapes.map((s) => s.fr).join(' ou '), shapes.map((s) => s.en).join(' or '));
  // A key left out whose value may take several shapes (a text: fr, en or both).
  if (value === undefined && key !== undefined) return [missingKey(path, or(expectedTypes()))];
  if (isTextUnion(zi) && value !== null && typeof value === 'object' && !('fr' in value) && !('en' in value))
    return [
      issue(
        'schema',
        path,
        at(path, text('un texte demande "fr:" ou "en:"', 'a text needs "fr:" or "en:"')),
        text('écrivez { fr: …, en: … } ; une langue suffit', 'write { fr: …, en: … }; one language is enough'),
      ),
    ];
  const deeper = zi.errors.filter((b) => b.length > 0 && !typeOnly(b));
  if (deeper.length > 0) {
    const best = deeper.reduce((a, b) => (b.length < a.length ? b : a));
    return best.flatMap((i) => convert(schema, data, i, path));
  }
  const shapes = expectedTypes();
  const expected = shapes.length > 0 ? or(shapes) : text('une autre forme', 'another shape');
  const found = describeValue(value);
  return [
    issue(
      'schema',
      path,
      at(path, text(`il faut ${expected.fr} ici, pas ${found.fr}`, `expected ${expected.en}, found ${found.en}`)),
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

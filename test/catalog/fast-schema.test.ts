import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { syntheticFiles } from '../../bench/synthetic.js';
import { compiled, fastParse } from '../../src/catalog/fast-schema.js';
import { readFastYaml } from '../../src/catalog/fast-yaml/index.js';
import { Catalog } from '../../src/model/catalog.js';
import { Site } from '../../src/model/site.js';
import { differential } from './fast-schema-arbitraries.js';

const root = join(import.meta.dirname, '..', '..');

function yamlFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

function tree(text: string): unknown {
  const fast = readFastYaml(text);
  if (fast) return fast.value;
  try {
    return load(text);
  } catch {
    return undefined;
  }
}

describe('fast schema path: the repository files and the bench catalog', () => {
  // Not the bad-input corpus: its alias bomb, read by js-yaml into shared nodes, would have zod walk 10⁸ of them.
  const files = ['catalogs', 'examples', 'test/fixtures', 'test/catalog/fixtures']
    .flatMap(yamlFiles)
    .filter((f) => !f.includes('/bad-input/'));
  const synthetic = syntheticFiles(300);
  const texts: [string, string][] = [
    ...files.map((f): [string, string] => [f.slice(root.length + 1), readFileSync(f, 'utf8')]),
    ['synthetic catalog', synthetic.catalog],
    ['synthetic site', synthetic.site],
    ['synthetic k8s site', synthetic.k8sSite],
  ];

  it('finds the files', () => {
    expect(files.length).toBeGreaterThan(25);
  });

  it.each(texts)('%s: zod’s verdict and value, for the catalog and the site schema', (_name, text) => {
    const data = tree(text);
    for (const schema of [Catalog, Site]) {
      const { fast, zod } = differential(schema, data);
      expect(fast).toBe(zod);
    }
  });

  it('accepts the valid ones (the path is used, not declined)', () => {
    const accepted = texts.filter(([, text]) => {
      const data = tree(text);
      return fastParse(Catalog, structuredClone(data)) || fastParse(Site, structuredClone(data));
    });
    expect(accepted.length).toBeGreaterThanOrEqual(13);
    expect(compiled(Catalog)).toBeDefined();
    expect(compiled(Site)).toBeDefined();
  });
});

describe('fast schema path: defaults', () => {
  const Holder = z.strictObject({
    list: z.array(z.string()).default([]),
    map: z.record(z.string(), z.number()).default({}),
    lang: z.string().default('fr'),
  });

  it('gives every result its own copy of an object or array default', () => {
    const a = fastParse(Holder, {});
    const b = fastParse(Holder, {});
    expect(a?.value).toStrictEqual({ list: [], map: {}, lang: 'fr' });
    expect(a?.value.list).not.toBe(b?.value.list);
    expect(a?.value.map).not.toBe(b?.value.map);
    a?.value.list.push('x');
    expect(b?.value.list).toEqual([]);
    expect(fastParse(Holder, {})?.value.list).toEqual([]);
  });

  it('fills the defaults of a real catalog in place', () => {
    const data = {
      id: 'c',
      title: { fr: 'C', en: 'C' },
      vendor: 'v',
      product: 'p',
      source: { document: 'd', title: 't' },
      roles: {},
      flows: [{ id: 'f', ref: '1', purpose: { fr: 'p', en: 'p' }, from: 'a', to: 'b', level: 'mandatory' }],
    };
    const result = fastParse(Catalog, data);
    expect(result?.value).toBe(data);
    expect(result?.value.flows[0]).toMatchObject({ kind: 'network', services: [] });
    expect(result?.value.source?.language).toBe('fr');
    expect(result?.value.checks).toEqual([]);
  });
});

describe('fast schema path: edge cases, each against zod', () => {
  const cases: [string, z.ZodType, unknown][] = [
    ['null for an optional key', z.strictObject({ a: z.string().optional() }), { a: null }],
    ['undefined for an optional key', z.strictObject({ a: z.string().optional() }), { a: undefined }],
    ['missing required key', z.strictObject({ a: z.string() }), {}],
    ['undefined for a required key', z.strictObject({ a: z.string().optional().or(z.string()) }), { a: undefined }],
    ['extra key on a strict object', z.strictObject({ a: z.string() }), { a: 'x', b: 1 }],
    ['array where an object is expected', z.strictObject({}), []],
    ['array where a record is expected', z.record(z.string(), z.string()), []],
    ['NaN', z.number(), Number.NaN],
    ['Infinity', z.number(), Number.POSITIVE_INFINITY],
    ['non-integer port', z.number().int().min(1).max(65535), 1.5],
    ['port 0', z.number().int().min(1).max(65535), 0],
    ['port 65536', z.number().int().min(1).max(65535), 65536],
    ['huge integer', z.number().int(), 2 ** 60],
    ['own __proto__ key, strict object', z.strictObject({ a: z.string() }), JSON.parse('{"a":"x","__proto__":1}')],
    ['empty string, min 1', z.string().min(1), ''],
    ['one code point in two units, max 1', z.string().max(1), '😀'],
    ['two code points in four units, min 3', z.string().min(3), '😀😀'],
    ['lone surrogate, min 1', z.string().min(1), '\ud800'],
    ['bad id', z.string().regex(/^[a-z0-9][a-z0-9._-]*$/), 'Bad Id'],
    ['empty array, min 1', z.array(z.string()).min(1), []],
    ['union: second branch', z.union([z.string(), z.array(z.string()).min(1)]), ['a']],
    ['union: no branch', z.union([z.string(), z.array(z.string()).min(1)]), []],
    [
      'lowercase overwrite',
      z.strictObject({
        a: z
          .string()
          .toLowerCase()
          .regex(/^[a-z]+$/),
      }),
      { a: 'ABC' },
    ],
    ['default inside optional, missing', z.strictObject({ a: z.string().default('d').optional() }), {}],
    ['optional inside default, missing', z.strictObject({ a: z.string().optional().default('d') }), {}],
    ['nullable', z.strictObject({ a: z.string().nullable() }), { a: null }],
    ['record key regex', z.record(z.string().regex(/^[a-z]+$/), z.boolean()), { ok: true, 'Not ok': false }],
    ['refine delegated to zod', z.strictObject({ a: z.number() }).refine((v) => v.a > 1), { a: 1 }],
  ];

  it.each(cases)('%s', (_name, schema, data) => {
    const { fast, zod } = differential(schema, data);
    expect(fast).toBe(zod);
  });

  it('leaves a record with an own __proto__ key to zod (zod strips it; in place it would stay)', () => {
    const { fast, zod } = differential(z.record(z.string(), z.number()), JSON.parse('{"__proto__":1,"a":2}'));
    expect({ fast, zod }).toEqual({ fast: false, zod: true });
  });

  it('declines what it does not model, so zod decides', () => {
    for (const schema of [
      z.object({ a: z.string() }),
      z.email(),
      z.string().startsWith('a'),
      z.number().multipleOf(2),
      z.date(),
      z.literal('a'),
      z.string().transform((s) => s.length),
      z.lazy(() => z.string()),
      z.discriminatedUnion('k', [z.strictObject({ k: z.literal('a') })]),
      z.strictObject({ a: z.string() }).catchall(z.number()),
      z.coerce.number(),
    ]) {
      expect(compiled(schema), schema._zod.def.type).toBeUndefined();
      expect(fastParse(schema, 'a')).toBeUndefined();
    }
  });
});

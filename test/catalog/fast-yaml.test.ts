import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { dump, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { stringify, type ToStringOptions } from 'yaml';
import { syntheticFiles } from '../../bench/synthetic.js';
import { readFastYaml } from '../../src/catalog/fast-yaml/index.js';

/**
 * The fast reader against js-yaml 5, the reference: whatever it accepts must load to exactly what js-yaml
 * loads; what js-yaml rejects it must decline (js-yaml then reports the error).
 */
type Outcome = { kind: 'equal' } | { kind: 'declined' };

function compare(text: string): Outcome {
  const fast = readFastYaml(text);
  if (fast === undefined) return { kind: 'declined' };
  let reference: unknown;
  try {
    reference = load(text);
  } catch (e) {
    throw new Error(`the fast reader accepted text js-yaml rejects (${String(e).split('\n')[0]}):\n${text}`);
  }
  expect(fast.value, text).toStrictEqual(reference);
  return { kind: 'equal' };
}

const root = join(import.meta.dirname, '..', '..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('fast YAML reader: the repository files', () => {
  const files = [
    ...yamlFiles(join(root, 'catalogs')),
    ...yamlFiles(join(root, 'examples')),
    ...yamlFiles(join(root, 'test', 'fixtures')),
    ...yamlFiles(join(root, 'test', 'catalog', 'fixtures')),
  ];

  it.each(files.map((f) => [f.slice(root.length + 1), f]))('%s loads as js-yaml loads it, or is declined', (_, f) => {
    compare(readFileSync(f, 'utf8'));
  });

  it('takes the fast path for every example site and the catalogs without anchors', () => {
    const fast = files
      .filter((f) => readFastYaml(readFileSync(f, 'utf8')) !== undefined)
      .map((f) => f.slice(root.length + 1));
    for (const f of ['catalogs/hamilton.yaml', 'catalogs/m365-additional-endpoints.yaml']) expect(fast).toContain(f);
    // examples/authoring/mistakes/ are deliberately wrong (the guide's mistakes): the fast reader may decline them.
    for (const f of yamlFiles(join(root, 'examples')).filter((f) => !f.includes('/mistakes/')))
      expect(fast).toContain(f.slice(root.length + 1));
  });

  it.each([50, 1000])('the bench generator output (%i flows) loads on the fast path as js-yaml loads it', (n) => {
    const files = syntheticFiles(n);
    expect(compare(files.catalog).kind).toBe('equal');
    expect(compare(files.site).kind).toBe('equal');
  });
});

describe('fast YAML reader: tricky scalars', () => {
  // Each is read as the value of `v:` in a block mapping, inside a flow mapping and inside a flow sequence.
  const scalars = [
    '"no"',
    'yes',
    'no',
    'on',
    'off',
    'y',
    'n',
    'True',
    'TRUE',
    'tRUE',
    'false',
    'null',
    'Null',
    'NULL',
    'nULL',
    '~',
    '0x1F',
    '0x1f',
    '0o17',
    '017',
    '0b101',
    '1_000',
    '+12',
    '-0',
    '+0',
    '00',
    '1e3',
    '1E3',
    '-1.5e-3',
    '.5',
    '5.',
    '1.2',
    '1.20',
    '.inf',
    '-.Inf',
    '+.INF',
    '.nan',
    '.NaN',
    '.NAN',
    'Infinity',
    'NaN',
    '1:20',
    '2024-01-01',
    '12:30:00',
    '0x',
    '1e',
    'e3',
    '1.2.3',
    '1,000',
    '123456789012345678901234567890',
    '1e400',
    '-1e400',
    "'it''s'",
    "''",
    '""',
    '"\\u00e9\\n"',
    '"\\x41\\t\\"q\\" \\\\ \\/ \\0"',
    '"\\U0001F600"',
    '"\\ud83d\\ude00"',
    '"# not a comment"',
    "'# not a comment'",
    'a#b',
    'a # comment',
    'http://example.com:8080/path',
    '2001:db8::1',
    'a:b',
    '-x',
    ':x',
    '?x',
    'x-',
    'tcp/443',
    "'tcp/1000,1001'",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a catalog parameter placeholder, written as YAML holds it
    '${param}',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a catalog parameter placeholder, written as YAML holds it
    '"${param}"',
    'é',
    'line\u2028sep',
    '"trailing   "',
    "'multi''ple'''",
    '"\\q"',
    '"\\x4"',
    '&anchor x',
    '*alias',
    '!tag x',
    '!!str 1',
    '%x',
    '@x',
    '`x`',
    '|x',
    '>x',
    '-',
    '- x',
    '? x',
    ': x',
    'a: b',
    '[a, b]',
    '{a: b}',
    '"unterminated',
    // Typed without patterns on the fast path: words, short decimal integers.
    '0',
    '7',
    '65535',
    '000123',
    '123456789012345',
    '1234567890123456',
    '9007199254740993',
    '12a',
    '1 2',
    'nul',
    'nulls',
    'tru',
    'truE',
    'Falsey',
    '~x',
    'x~',
    'Z',
    '_x',
  ];

  it.each(scalars)('v: %s', (s) => {
    compare(`v: ${s}\n`);
    compare(`v: ${s}   \n`); // trailing spaces
    compare(`w: {v: ${s}}\n`);
    compare(`w: [${s}]\n`);
    compare(`- ${s}\n`);
  });

  it('types scalars as the YAML 1.2 core schema does (js-yaml 5), on the fast path', () => {
    const fast = readFastYaml(
      'a: yes\nb: "no"\nc: 1.2\nd: 0x1F\ne: 1e3\nf: .inf\ng: ~\nh: "\\u00e9\\n"\ni: \'it\'\'s\'\nj: "# x"\nk: 017\nl: True\n',
    );
    expect(fast?.value).toStrictEqual({
      a: 'yes',
      b: 'no',
      c: 1.2,
      d: 31,
      e: 1000,
      f: Number.POSITIVE_INFINITY,
      g: null,
      h: 'é\n',
      i: "it's",
      j: '# x',
      k: 17,
      l: true,
    });
  });
});

describe('fast YAML reader: words and integers typed without patterns', () => {
  it('reads them on the fast path, as js-yaml types them', () => {
    const text = 'a: 65535\nb: 000123\nc: nulls\nd: 1234567890123456\ne: [0, 12a, Null, tru]\nf: {x: 7}\n';
    expect(readFastYaml(text)?.value).toStrictEqual(load(text));
    expect(readFastYaml(text)?.value).toStrictEqual({
      a: 65535,
      b: 123,
      c: 'nulls',
      d: 1234567890123456,
      e: [0, '12a', null, 'tru'],
      f: { x: 7 },
    });
  });
});

describe('fast YAML reader: structure', () => {
  const documents = [
    'a: b: c',
    '- - x\n  - y\n- z',
    '- a: 1\n  b: 2\n- c: 3',
    'a:\n- 1\n- 2\nb: 3',
    'a:\n  - 1\n - 2',
    'a:\n  b: 1\n c: 2',
    'a: 1\r\nb: [x, y]\r\nc: |\r\n  l1\r\n  l2\r\n',
    '\ufeffa: 1',
    'a: 1\nb: \ufeff',
    '---\na: 1',
    '--- # comment\na: 1',
    '--- a: 1',
    'a: 1\n---\nb: 2',
    'a: 1\n...\n',
    '%YAML 1.2\n---\na: 1',
    'a: &x 1\nb: *x',
    'a: !!str 1',
    '? a\n: b',
    '[a]: b',
    '{a: 1}: b',
    'a: 1\na: 2',
    'a: {x: 1, x: 2}',
    "a: 1\n'a': 2",
    '1: a',
    'null: a',
    '__proto__: 1',
    'a:\tb',
    'a:\n\t- b',
    'a: x\n  y\n\n  z',
    'a: x #c\n  y',
    'a: b\n  # c\n  d',
    'a: x\n  - y',
    'a: "x\n  y"',
    'x:\n  y: 1\n  z: "a\n b"',
    'a: "a  \n\n   b  \n c"',
    "a: 'a\n  b'",
    'a: [x, "y\n  z"]',
    'a: {x: 1,\n b: 2}',
    'a:\n  b: {x: 1,\n  y: 2}',
    'a: [a, ]',
    'a: [a, , b]',
    'a: {a, b}',
    'a: [a: b]',
    'a: {"x":y}',
    'a: "x"#c',
    'a: "x" y',
    'a: [1,2]:x',
    'a: [x\n  y]',
    'a: [a,#c\n b]',
    'a: [a, # c\n  b]',
    'a: -',
    'a: - x',
    '- a\n-\n- b',
    '-\n  a: 1',
    'a:\n',
    'a:\nb:',
    'a: |\n  x\n   y\n\n  z\n',
    'a: |-\n  x\n\n',
    'a: |+\n  x\n\n',
    'a: |2\n   x',
    'a: >\n  x\n  y\n\n  z\n   w\n  v\n',
    'a: >-\n  x\n\n\n  y\n',
    'a: |\n  x',
    'a: |\n\n  x\n',
    'a: |\n    \n  x\n',
    'a: |\n  x\n    \n  y\n',
    'a: |\nb: 1',
    'a: | # c\n  x\nb: 1',
    '- |\n  x\n- >-\n  y\n  z',
    '"a\n b": 1',
    'a : 1',
    'a: 1 # c\n# c\nb: 2 # c',
    '  a: 1\n  b: 2',
    'a:\n    b: 1\n    c:\n        - 1\n        - 2',
    '',
    '# only a comment',
    'plain',
    '"quoted"',
    '[1, 2]',
    'a: 1\n b',
    // Columns of nodes after `- ` or `key: ` on lines reached after block scalars, flow and quoted values.
    '- a: 1\n  b: 2\n- - c: 3\n    d: 4',
    'a: |\n  x\nb:\n  - c: 1\n    d: 2',
    '- a: "x\n    y"\n  b: 1',
    '- [a,\n  b]\n- c: 1\n  d: 2',
    'a:\n  - b: {x: 1,\n      y: 2}\n    c: 3',
    '- a: x\n    y\n  b: 1',
    '- a: 1\n   b: 2',
    '- a: 1\n b: 2',
    '- - a: 1\n    b: 2\n  - c',
    '- >-\n  x\n- a: 1\n  b: 2',
    '# c\n\n- a: 1 # c\n\n  # c\n  b: 2',
    // Flow scalars and separators read without helper calls: the end of the text, indicators, comments.
    'a: [x',
    'a: {x: y',
    'a: [x,',
    'a: [x, y',
    'a: {x:',
    'a: [x#y, z:w, u:]',
    'a: [x:[y]]',
    'a: {x: [y, z] , w: {v: 1}}  # c',
    'a: [x ,y ,\n  z ]',
    'a: [-x, :y, ?z, - w]',
    'a: x:y #c\nb: "q" #c',
    'a: x:\nb: 1',
    'a: :x\n- b',
    // Keys guessed from the key that followed the previous one in an earlier mapping.
    '- a: 1\n  b: 2\n- a: 1\n  bc: 2',
    '- a: 1\n  bc: 2\n- a: 1\n  b: 2',
    '- a: 1\n  b: 2\n- a: 1\n  b : 2',
    '- a: 1\n  b: 2\n- a: 1\n  b:x: 2',
    '- a: 1\n  b: 2\n- a: 1\n  b:\n    - c',
    '- a: 1\n  b: 2\n- a: 1\n  b',
    '- a: 1\n  b: 2\n- a: 1\n  b:',
    '- a: 1\n  "1": 2\n- a: 1\n  1: 2',
    '- a: 1\n  b: 2\n- a: 1\n  b: 2\n  b: 3',
    '- a: 1\n  b: 2\n  a: 3',
    '- {a: 1, b: 2}\n- {a: 1, bc: 2}\n- {a: 1, b : 2}\n- {a: 1, b:x: 2}',
    '- {a: 1, b: 2}\n- {a: 1, b: 2, b: 3}',
    '- {a: 1, "1": 2}\n- {a: 1, 1: 2}',
    '- {a: 1, b: 2}\n- {a: 1, b,: 2}',
  ];

  it.each(documents.map((d) => [JSON.stringify(d), d]))('%s', (_, d) => {
    compare(d);
  });

  it('declines what the slow path must report or that the subset leaves out', () => {
    for (const d of [
      'a: 1\na: 2', // the duplicate key is reported by the positioned parser
      'a: {x: 1, x: 2}',
      'a: &x 1\nb: *x',
      'a: !!str 1',
      'a: 1\n---\nb: 2',
      '? a\n: b',
      'a:\n\tb: 1',
      'a: b: c',
      '',
      '- a: 1\n  "1": 2\n- a: 1\n  1: 2', // a guessed key is never a quoted one
      '- a: 1\n  b: 2\n- a: 1\n  b: 2\n  b: 3',
      '- {a: 1, b: 2}\n- {a: 1, b: 2, b: 3}',
      '- {a: 1, "1": 2}\n- {a: 1, 1: 2}',
    ]) {
      expect(readFastYaml(d), d).toBeUndefined();
    }
  });

  it('reads nested block and flow collections on the fast path', () => {
    const text = [
      '# catalog',
      '---',
      'id: x',
      'roles:',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a catalog parameter placeholder, written as YAML holds it
      '  web: { title: { fr: Serveur, en: Server }, addresses: [10.0.0.1, "${host}"] }',
      'flows:',
      '  - id: f1',
      '    services: [tcp/443]',
      '    note: >-',
      '      folded',
      '      text',
      '  - id: f2',
      '    tags:',
      '    - a',
      '    - b',
      '',
    ].join('\n');
    expect(readFastYaml(text)?.value).toStrictEqual({
      id: 'x',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a catalog parameter placeholder, written as YAML holds it
      roles: { web: { title: { fr: 'Serveur', en: 'Server' }, addresses: ['10.0.0.1', '${host}'] } },
      flows: [
        { id: 'f1', services: ['tcp/443'], note: 'folded text' },
        { id: 'f2', tags: ['a', 'b'] },
      ],
    });
  });
});

describe('fast YAML reader: random values dumped by yaml and js-yaml', () => {
  const key = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('a', 'yes', 'no', 'null', '1', '1.2', '~', '-', 'a b', '#x', 'x: y', "'", '"', '__proto__'),
  );
  const scalar = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.constantFrom('yes', 'no', 'true', 'null', '1.2', '0x1F', '1e3', '.inf', '~', '', ' ', '- x', 'a: b', '# c'),
    fc.constantFrom('line\nbreak', 'two\n\nbreaks', 'trailing\n', ' lead', 'trail ', '"q"', "it's", '\\'),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
    array: fc.array(tie('node'), { maxLength: 4 }),
    object: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  })).node;

  const yamlOptions: ToStringOptions[] = [
    {},
    { collectionStyle: 'flow' },
    { defaultStringType: 'QUOTE_DOUBLE' },
    { defaultStringType: 'QUOTE_SINGLE', defaultKeyType: 'PLAIN' },
    { defaultStringType: 'BLOCK_LITERAL' },
    { defaultStringType: 'BLOCK_FOLDED', lineWidth: 20, minContentWidth: 0 },
    { lineWidth: 20, minContentWidth: 0 },
    { indent: 4, indentSeq: false },
    { collectionStyle: 'flow', lineWidth: 20, minContentWidth: 0 },
  ];

  it('reads what yaml.stringify writes as js-yaml does, or declines', () => {
    let accepted = 0;
    fc.assert(
      fc.property(value, fc.constantFrom(...yamlOptions), (v, options) => {
        if (compare(stringify(v, options)).kind === 'equal') accepted++;
      }),
      { numRuns: 1500 },
    );
    expect(accepted).toBeGreaterThan(500); // the property must not pass by declining everything
  });

  it('reads what js-yaml dump writes as js-yaml does, or declines', () => {
    const dumpOptions = [
      {},
      { flowLevel: 0 },
      { flowLevel: 1, lineWidth: 20 },
      { lineWidth: 20 },
      { quoteStyle: 'double' as const, forceQuotes: true },
      { quoteStyle: 'single' as const },
      { seqNoIndent: true, indent: 4 },
      { seqInlineFirst: false },
    ];
    let accepted = 0;
    fc.assert(
      fc.property(value, fc.constantFrom(...dumpOptions), (v, options) => {
        let text: string;
        try {
          text = dump(v, options);
        } catch {
          return; // values js-yaml cannot write
        }
        if (compare(text).kind === 'equal') accepted++;
      }),
      { numRuns: 1500 },
    );
    expect(accepted).toBeGreaterThan(500);
  });
});

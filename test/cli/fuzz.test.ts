import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_FORMAT_IDS, DOCUMENT_FORMAT_IDS, TARGET_IDS } from '../../src/cli/ids.js';
import { repoRoot } from '../support/catalogs.js';
import { run } from './run.js';

/**
 * Whatever the input, the CLI answers with exit 0, 1 or 2, never a stack trace, and writes nothing when it
 * refuses the input (exit 2). Inputs: the example sites and the built-in catalogs, mutated line by line
 * (indentation, deletions, duplicates, cuts, stray YAML indicators and bytes) or with a hostile name put in place
 * of any value; every command runs on them in-process (run.ts), and a few through the real binary.
 * Bounded: a fixed seed then two random ones (printed by fast-check on failure, to replay), ~10 s in all.
 */

const work = mkdtempSync(join(tmpdir(), 'flowmatrix-fuzz-'));
const catalogsDir = join(work, 'catalogs');
/**
 * Each run writes into a folder of its own: a run fast-check gives up waiting for (interruptAfterTimeLimit on a
 * loaded machine) goes on in the background, and must not drop its files into the next run's folder.
 */
let outDir = join(work, 'out');
let runCount = 0;
const savedCatalogs = process.env.FLOWMATRIX_CATALOGS;
beforeAll(() => {
  // The built-in catalogs, plus the mutated one as `fuzz` (for `catalog show fuzz`).
  cpSync(join(repoRoot, 'catalogs'), catalogsDir, { recursive: true });
  process.env.FLOWMATRIX_CATALOGS = catalogsDir;
});
afterAll(() => {
  if (savedCatalogs === undefined) delete process.env.FLOWMATRIX_CATALOGS;
  else process.env.FLOWMATRIX_CATALOGS = savedCatalogs;
  rmSync(work, { recursive: true, force: true });
});

const read = (dir: string): { name: string; text: string }[] =>
  readdirSync(join(repoRoot, dir))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(repoRoot, dir, name), 'utf8') }));
const sites = read('examples');
const catalogs = read('catalogs');

/** Names that broke other tools: quotes, separators, shell and config syntax, control and bidi characters. */
const HOSTILE = [
  '',
  ' ',
  '"',
  "'",
  'a"b',
  "a'b",
  'a;b',
  'a b',
  '$(reboot)',
  '`id`',
  '; flush ruleset',
  '}\n',
  'x\ny',
  'x\r\ny',
  'x\ty',
  'x\u0000y',
  'x\u001b[31my',
  '\u202eevil',
  'é\u0301',
  '💥',
  '../../etc/passwd',
  '/dev/null',
  'C:\\Windows',
  '*',
  'any',
  '0.0.0.0/0',
  '::/0',
  '10.0.0.0/33',
  '999.1.1.1',
  'tcp/0-70000',
  'udp/-1',
  '-1',
  '1e999',
  'NaN',
  'null',
  '~',
  'true',
  '2026-02-30',
  '[]',
  '{}',
  '&a',
  '*a',
  '!!binary',
  '%TAG',
  '@',
  '#',
  '- x',
  'a: b',
  '=cmd|calc',
  '<script>',
  'x'.repeat(5000),
];

/** Characters that mean something to YAML, and bytes a text file should not hold. */
const STRAY = [
  ':',
  ': ',
  '- ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '#',
  '&x ',
  '*x',
  '!',
  '|',
  '>',
  '"',
  "'",
  '\t',
  '\u0000',
  '\ufeff',
  '\r',
  '---\n',
  '? ',
];

type Mutation = (lines: string[]) => string[];

const lineIndex = (lines: string[], at: number): number => (lines.length === 0 ? 0 : at % lines.length);

/** Values that are YAML syntax: aliases, anchors, tags, directives, unclosed or deep collections, block indicators. */
const RAW = [
  '*a',
  '*nope',
  '&a x',
  '&a',
  '!!binary x',
  '!x y',
  '%TAG',
  '[a',
  '{a',
  '[[[',
  '['.repeat(150),
  '|',
  '>-',
  '"open',
  "'open",
  '? x',
  '@x',
  '`x',
];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }).map(({ at, by }) => (lines: string[]) => {
    const i = lineIndex(lines, at);
    const line = lines[i] ?? '';
    lines[i] = by > 0 ? ' '.repeat(by) + line : line.slice(Math.min(-by, line.length - line.trimStart().length));
    return lines;
  }),
  fc.nat().map((at) => (lines: string[]) => {
    lines.splice(lineIndex(lines, at), 1);
    return lines;
  }),
  fc.nat().map((at) => (lines: string[]) => {
    const i = lineIndex(lines, at);
    lines.splice(i, 0, lines[i] ?? '');
    return lines;
  }),
  fc.nat().map((at) => (lines: string[]) => lines.slice(0, lineIndex(lines, at))),
  fc
    .record({ at: fc.nat(), col: fc.nat(), what: fc.constantFrom(...STRAY) })
    .map(({ at, col, what }) => (lines: string[]) => {
      const i = lineIndex(lines, at);
      const line = lines[i] ?? '';
      const c = col % (line.length + 1);
      lines[i] = line.slice(0, c) + what + line.slice(c);
      return lines;
    }),
  // A hostile name in place of a value (`key: value` or `- value`): quoted, so that the YAML still reads and the
  // name reaches the checks and the renderers; or raw, YAML syntax where a value was expected.
  fc
    .oneof(
      {
        arbitrary: fc.record({ at: fc.nat(), value: fc.constantFrom(...HOSTILE).map((n) => JSON.stringify(n)) }),
        weight: 3,
      },
      { arbitrary: fc.record({ at: fc.nat(), value: fc.constantFrom(...HOSTILE, ...RAW) }), weight: 2 },
    )
    .map(({ at, value }) => (lines: string[]) => {
      const values = lines.flatMap((l, i) => (VALUE.test(l) ? [i] : []));
      const i = values[at % Math.max(1, values.length)];
      if (i === undefined) return lines;
      const line = lines[i] as string;
      lines[i] = line.slice(0, (VALUE.exec(line)?.[1] ?? '').length) + value;
      return lines;
    }),
);

/** A line holding a value: its indentation and key or dash (group 1), then the value. */
const VALUE = /^(\s*(?:- |[\w.-]+: ))\S/;

const mutated = (text: string) =>
  fc
    .array(mutation, { minLength: 1, maxLength: 4 })
    .map((ms) => ms.reduce((lines, m) => m(lines), text.split('\n')).join('\n'));

/** Every command, on a site (`S`) or a catalog (`C`) path. */
const SITE_COMMANDS: ((site: string) => string[])[] = [
  (s) => ['validate', s],
  ...DOCUMENT_FORMAT_IDS.map((f) => (s: string) => ['matrix', s, '-f', f, '-o', join(outDir, `matrix.${f}`)]),
  (s) => ['matrix', s, '--all-formats', '-o', join(outDir, 'all')],
  ...TARGET_IDS.map((t) => (s: string) => ['generate', s, '--target', t, '-o', join(outDir, 'rules')]),
  (s) => ['generate', s, '-o', join(outDir, 'rules')],
  ...AUDIT_FORMAT_IDS.map((f) => (s: string) => ['audit', s, '--format', f, '-o', join(outDir, `audit.${f}`)]),
  (s) => ['policy', 'export', s, '-o', join(outDir, 'policy.csv')],
  (s) => ['policy', 'export', s, '--from-flows', '-o', join(outDir, 'policy.csv')],
];
const CATALOG_COMMANDS: ((catalog: string) => string[])[] = [
  (c) => ['validate', c],
  () => ['catalog', 'show', 'fuzz', '--format', 'md'],
  () => ['catalog', 'show', 'fuzz', '--format', 'json'],
  () => ['audit', '--catalog', 'fuzz', '-o', join(outDir, 'audit.txt')],
];

const written = (): string[] => readdirSync(outDir, { recursive: true }).map(String);

/** The promise every run keeps, whatever it was given. */
function expectClean(args: string[], r: { code: number; out: string; err: string }): void {
  const what = `flowmatrix ${args.join(' ')} → exit ${r.code}\n${r.err.slice(0, 2000)}`;
  expect([0, 1, 2], what).toContain(r.code);
  expect(r.err, what).not.toMatch(/^\s+at |^(\w*Error|TypeError|RangeError)\b.*:|internal error/m);
  if (r.code === 2) expect(written(), what).toEqual([]);
}

async function runOn(file: string, text: string, args: string[]) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(file, text);
  const r = await run(args);
  expectClean(args, r);
}

const siteCase = fc.record({
  site: fc.constantFrom(...sites),
  command: fc.constantFrom(...SITE_COMMANDS),
});

const property = (runs: number, seed?: number, ms = 8_000) =>
  fc.assert(
    fc.asyncProperty(
      fc.oneof(
        siteCase.chain(({ site, command }) =>
          mutated(site.text).map((text) => ({ kind: 'site' as const, name: site.name, text, command })),
        ),
        fc
          .record({ catalog: fc.constantFrom(...catalogs), command: fc.constantFrom(...CATALOG_COMMANDS) })
          .chain(({ catalog, command }) =>
            mutated(catalog.text).map((text) => ({ kind: 'catalog' as const, name: catalog.name, text, command })),
          ),
      ),
      async ({ kind, text, command }) => {
        // Sites next to their built-in catalogs (they name them by id); the mutated catalog as `fuzz`.
        const file = kind === 'site' ? join(work, 'site.yaml') : join(catalogsDir, 'fuzz.yaml');
        outDir = join(work, `out-${runCount++}`);
        await runOn(file, text, command(file));
      },
    ),
    { numRuns: runs, seed, interruptAfterTimeLimit: ms, endOnFailure: true },
  );

describe('fuzz: random and mutated YAML through every command', () => {
  it('fixed seed', async () => {
    await property(60, 20261206);
  }, 60_000);

  it.each([1, 2])(
    'random seed %i',
    async () => {
      await property(25, undefined, 4_000);
    },
    60_000,
  );

  it('policy import: a mutated CSV never half-writes the site', async () => {
    const site = join(work, 'policy-site.yaml');
    const original = readFileSync(join(repoRoot, 'examples/hamilton-site.yaml'), 'utf8');
    const exported = await run(['policy', 'export', 'examples/hamilton-site.yaml']);
    expect(exported.code).toBe(0);
    await fc.assert(
      fc.asyncProperty(mutated(exported.out), async (csv) => {
        writeFileSync(site, original);
        const file = join(work, 'policy.csv');
        writeFileSync(file, csv);
        rmSync(outDir, { recursive: true, force: true });
        mkdirSync(outDir, { recursive: true });
        const args = ['policy', 'import', file, '--site', site];
        const r = await run(args);
        expectClean(args, r);
        if (r.code !== 0) expect(readFileSync(site, 'utf8')).toBe(original);
      }),
      { numRuns: 30, seed: 20261206, interruptAfterTimeLimit: 4_000 },
    );
  }, 60_000);
});

describe('fuzz: the real binary', () => {
  const exec = promisify(execFile);
  // A few of the worst inputs, through `bin/flowmatrix.js` as a user runs it: no stack trace from Node itself.
  it.each([
    ['test/fixtures/bad-input/deep-flow.yaml', 2],
    ['test/fixtures/bad-input/alias-undefined.yaml', 2],
    ['test/fixtures/bad-input/utf16le-bom.yaml', 2],
  ] as const)(
    'validate %s',
    async (file, code) => {
      const r = await exec(process.execPath, ['bin/flowmatrix.js', 'validate', file], { cwd: repoRoot }).then(
        (ok) => ({ code: 0, err: ok.stderr }),
        (e: { code: number; stderr: string }) => ({ code: e.code, err: e.stderr }),
      );
      expect(r.code, r.err).toBe(code);
      expect(r.err).not.toMatch(/^\s+at |internal error/m);
    },
    30_000,
  );
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCrash } from '../../src/cli/report.js';
import { corpusFiles, expectExpectedLines, expectedPath } from '../catalog/corpus.js';
import { run } from './run.js';

/**
 * Bad input through the CLI: every `test/fixtures/bad-input/*.yaml` is validated and the sibling `.expected.txt`
 * holds the exit code (first line) and the exact stderr. They are the inputs that crashed with a stack trace or
 * were read wrongly (undefined alias, deep nesting, alias bombs, Latin-1, UTF-16, control characters), and the
 * floods of errors that must be summarised. The `broken` corpus (one level below the CLI, in
 * test/catalog/broken.test.ts) goes through the CLI here too: same lines, exit 2.
 */
const badInput = 'test/fixtures/bad-input';
const broken = 'test/fixtures/broken';

const savedCatalogs = process.env.FLOWMATRIX_CATALOGS;
beforeAll(() => {
  process.env.FLOWMATRIX_CATALOGS = 'test/catalog/fixtures/builtins';
});
afterAll(() => {
  if (savedCatalogs === undefined) delete process.env.FLOWMATRIX_CATALOGS;
  else process.env.FLOWMATRIX_CATALOGS = savedCatalogs;
});

const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');
const STACK_FRAME = /^\s+at |^(\w*Error|TypeError|RangeError):/m;

describe('bad input: exit 2 and file:line:col: message — hint, never a crash', () => {
  const files = corpusFiles(badInput);
  it('has a corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(files)('%s', async (file) => {
    const path = `${badInput}/${file}`;
    const { code, err } = await run(['validate', path]);
    expectExpectedLines(path, [`exit ${code}`, ...lines(err)]);
    expect(err).not.toMatch(STACK_FRAME);
    expect(err).not.toContain('internal error');
    // Every problem line is positioned; the others are the summary lines.
    for (const line of lines(err)) {
      if (/^(… and \d+ more|\d+ errors?\b)/.test(line)) continue;
      expect(line).toMatch(/^[^\s:]+:\d+:\d+: .+ — .+/);
    }
  });
});

describe('the broken corpus through the CLI', () => {
  it.each(corpusFiles(broken))('%s', async (file) => {
    const { code, err } = await run(['validate', `${broken}/${file}`]);
    expect(code).toBe(2);
    const expected = lines(readFileSync(expectedPath(`${broken}/${file}`), 'utf8'));
    expect(lines(err).slice(0, -1)).toEqual(expected);
    expect(lines(err).at(-1)).toMatch(/^\d+ errors?/);
  });
});

describe('a flood of problems is summarised', () => {
  const flood = `${badInput}/schema-flood.yaml`; // the same bad value in 30 flows
  const problems = (err: string) => lines(err).filter((l) => l.startsWith(flood));

  it('prints 20 of a kind by default, FLOWMATRIX_MAX_ERRORS=N prints N, 0 prints all', async () => {
    expect(problems((await run(['validate', flood])).err)).toHaveLength(20);
    const five = await run(['validate', flood], { FLOWMATRIX_MAX_ERRORS: '5' });
    expect(problems(five.err)).toHaveLength(5);
    expect(lines(five.err).slice(-2)).toEqual([
      '… and 25 more errors of the same kind (schema) — fix the ones above and run again',
      '30 errors',
    ]);
    const all = await run(['validate', flood], { FLOWMATRIX_MAX_ERRORS: '0' });
    expect(problems(all.err)).toHaveLength(30);
    expect(all.err).not.toContain('more errors');
  });
});

describe('an unexpected exception', () => {
  const boom = Object.assign(new TypeError('x is not a function'), { stack: 'TypeError: x\n    at f (a.ts:1:1)' });
  const report = (env: Record<string, string>) => {
    let err = '';
    const code = reportCrash({ env, err: (s) => (err += s) }, boom);
    return { code, err };
  };

  it('is one line and exit 2, its stack only with FLOWMATRIX_DEBUG=1', () => {
    const plain = report({});
    expect(plain.code).toBe(2);
    expect(lines(plain.err)).toEqual([
      'flowmatrix: internal error: TypeError: x is not a function — this is a bug in flowmatrix: please report it with the command and the files that caused it (FLOWMATRIX_DEBUG=1 prints where it happened)',
    ]);
    expect(report({ FLOWMATRIX_DEBUG: '1' }).err).toContain('    at f (a.ts:1:1)');
  });

  it('names a system error for what it is', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      syscall: 'write',
      path: 'out/a.csv',
    });
    let err = '';
    expect(reportCrash({ env: {}, err: (s) => (err += s) }, full)).toBe(2);
    expect(err).toBe(
      'flowmatrix: out/a.csv: write failed (ENOSPC): ENOSPC: no space left on device, write — check the path, its permissions and the free space\n',
    );
  });
});

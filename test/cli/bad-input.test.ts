import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

/**
 * A corpus of input files, each with a sibling `NAME.expected.txt` (test/fixtures/broken: the loader's issues;
 * test/fixtures/bad-input: the CLI's exit code and stderr). FLOWMATRIX_UPDATE_EXPECTED=1 rewrites the expected
 * files from what the code does now: review the diff before committing.
 */
export const updateExpected = process.env.FLOWMATRIX_UPDATE_EXPECTED === '1';

/** The `*.yaml` files of a corpus folder (not its subfolders: files they include), sorted. */
export const corpusFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((f) => f.isFile() && f.name.endsWith('.yaml'))
    .map((f) => f.name)
    .sort();

export const expectedPath = (input: string): string => input.replace(/\.yaml$/, '.expected.txt');

/** `actual` must equal the expected file's non-empty lines (written first when updating). */
export function expectExpectedLines(input: string, actual: readonly string[]): void {
  const path = expectedPath(input);
  if (updateExpected) writeFileSync(path, `${actual.join('\n')}\n`);
  const expected = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  expect(actual).toEqual(expected);
}

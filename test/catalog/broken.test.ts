import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogFile, loadSiteFile } from '../../src/catalog/fs.js';
import { formatIssue } from '../../src/model/issues.js';
import { corpusFiles, expectExpectedLines } from './corpus.js';

/**
 * The broken corpus: every `test/fixtures/broken/*.yaml` is loaded (catalog-* as catalogs, site-* as sites)
 * and its formatted issues must equal the sibling `.expected.txt`, line for line.
 * FLOWMATRIX_UPDATE_EXPECTED=1 rewrites the expected files (see corpus.ts). test/cli/bad-input.test.ts runs the
 * same files through the CLI.
 */
const dir = 'test/fixtures/broken';
const files = corpusFiles(dir);

// Built-in catalogs come from a fixture folder so hints listing them do not change as catalogs/ grows.
const savedCatalogs = process.env.FLOWMATRIX_CATALOGS;
beforeAll(() => {
  process.env.FLOWMATRIX_CATALOGS = 'test/catalog/fixtures/builtins';
});
afterAll(() => {
  if (savedCatalogs === undefined) delete process.env.FLOWMATRIX_CATALOGS;
  else process.env.FLOWMATRIX_CATALOGS = savedCatalogs;
});

describe('broken fixtures report every problem with file:line:col, message and hint', () => {
  it('has a corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(files)('%s', (file) => {
    const path = `${dir}/${file}`;
    const result = file.startsWith('site-') ? loadSiteFile(path) : loadCatalogFile(path);
    expect(result.ok).toBe(false);
    const actual = result.ok ? [] : result.issues.map(formatIssue);
    for (const issue of result.ok ? [] : result.issues) {
      expect(issue.file, formatIssue(issue)).toBeDefined();
      expect(issue.line, formatIssue(issue)).toBeGreaterThan(0);
      expect(issue.col, formatIssue(issue)).toBeGreaterThan(0);
    }
    expectExpectedLines(path, actual);
  });
});

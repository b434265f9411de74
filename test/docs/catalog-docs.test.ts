import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listBuiltinCatalogs, loadBuiltinCatalog } from '../../src/catalog/fs.js';
import { renderCatalogDoc } from '../../src/render/catalog-doc.js';
import { repoRoot } from '../support/catalogs.js';

describe('docs/catalogs', () => {
  const ids = listBuiltinCatalogs();
  it('covers the five built-in catalogs', () => {
    expect(ids).toEqual(
      expect.arrayContaining([
        'hamilton',
        'm365-additional-endpoints',
        'exchange-hybrid-web-mfa',
        'exchange-2007',
        'lync-2013-edge',
      ]),
    );
  });
  for (const id of ids) {
    it(`${id}.md is up to date (run npm run docs)`, () => {
      const loaded = loadBuiltinCatalog(id);
      if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
      const expected = renderCatalogDoc(loaded.value);
      const actual = readFileSync(`${repoRoot}docs/catalogs/${id}.md`, 'utf8');
      expect(actual).toBe(expected);
      // Both languages, and every flow with its reference.
      expect(actual).toContain('## English');
      expect(actual).toContain('## Français');
      for (const f of loaded.value.flows) expect(actual.split(`| ${f.id}`).length - 1).toBeGreaterThanOrEqual(2);
    });
  }
});

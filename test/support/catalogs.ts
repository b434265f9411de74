import { readFileSync } from 'node:fs';
import { loadBuiltinCatalog } from '../../src/catalog/fs.js';
import type { Catalog } from '../../src/model/catalog.js';
import { formatIssue } from '../../src/model/issues.js';

export const repoRoot = new URL('../../', import.meta.url).pathname;

/** A built-in catalog through the real loader (schema and reference checks): a test sees what a user loads. */
export function readCatalog(id: string): Catalog {
  const loaded = loadBuiltinCatalog(id);
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  return loaded.value;
}

export function readSeed(dir: string, file: string): string {
  return readFileSync(`${dir}/${file}`, 'utf8');
}

import { readFileSync } from 'node:fs';
import { type LoadedSite, loadBuiltinCatalog, loadSiteFile } from '../../src/catalog/fs.js';
import { resolveSite } from '../../src/matrix/index.js';
import type { Catalog } from '../../src/model/catalog.js';
import { formatIssue, type Issue } from '../../src/model/issues.js';
import type { Matrix } from '../../src/model/matrix.js';

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

/** An example site as a user gets it: the loaded files, the matrix, and every warning of both steps. */
export interface Example extends LoadedSite {
  readonly matrix: Matrix;
  readonly warnings: readonly Issue[];
}

/** `examples/<file>` (`.yaml` optional) through the real loader and resolver; any error throws, positioned. */
export function loadExample(file: string): Example {
  const path = `${repoRoot}examples/${file.endsWith('.yaml') ? file : `${file}.yaml`}`;
  const loaded = loadSiteFile(path);
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  const resolved = resolveSite({ site: loaded.value.site, catalogs: loaded.value.catalogs });
  if (!resolved.ok) throw new Error(resolved.issues.map(formatIssue).join('\n'));
  return { ...loaded.value, matrix: resolved.value, warnings: [...loaded.warnings, ...resolved.warnings] };
}

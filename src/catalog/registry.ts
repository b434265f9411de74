import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Built-in catalogs: `catalogs/*.yaml` at the package root, found by walking up from this module
 * (works from src/ under tsx and from dist/ after a build). FLOWMATRIX_CATALOGS overrides it.
 * Edge module: file system only, no parsing.
 */
export function catalogsDir(): string {
  const override = process.env.FLOWMATRIX_CATALOGS;
  if (override) return override;
  return join(packageRoot(), 'catalogs');
}

/**
 * The folder flowmatrix is installed in (or the clone): the nearest one up from this module holding `package.json`
 * and `catalogs/` — the same from the sources, the build and the bundle. Its `schemas/` hold the JSON schemas.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'catalogs'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return join(dirname(fileURLToPath(import.meta.url)), '..', '..');
    dir = parent;
  }
}

const CATALOG_FILE = /^([a-z0-9][a-z0-9._-]*)\.ya?ml$/;

/** Ids of the built-in catalogs (file names without `.yaml`), sorted. */
export function listBuiltinCatalogs(): string[] {
  const dir = catalogsDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => CATALOG_FILE.exec(f)?.[1])
    .filter((id): id is string => id !== undefined)
    .sort();
}

/** The file of a built-in catalog, or undefined when there is none by that id. */
export function builtinCatalogPath(id: string): string | undefined {
  const dir = catalogsDir();
  for (const ext of ['.yaml', '.yml']) {
    const path = join(dir, `${id}${ext}`);
    if (CATALOG_FILE.test(`${id}${ext}`) && existsSync(path)) return path;
  }
  return undefined;
}

import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Catalog } from '../model/catalog.js';
import { didYouMean, type Issue, issue, type Result } from '../model/issues.js';
import { Site } from '../model/site.js';
import { decodeUtf8 } from './decode.js';
import { checkSiteAlone, parseCatalogText, parseFile, schemaFailure, toResult } from './parse.js';
import { builtinCatalogPath, listBuiltinCatalogs } from './registry.js';
import { buildSourceMap } from './source-map.js';
import { validateSite } from './validate-site.js';

export { builtinCatalogPath, catalogsDir, listBuiltinCatalogs } from './registry.js';

/** Edge module: reads files and hands their text to the pure parsers. */

/** How a file is named in messages: relative to the working directory when below it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel.startsWith('..') || isAbsolute(rel) ? resolve(path) : rel;
}

/** A file's text, decoded as UTF-8; an unreadable or non-UTF-8 file is an issue naming it (and the bad byte). */
export function readText(path: string): { text: string } | { issue: Issue } {
  const file = displayPath(path);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : 'cannot be read';
    const hint = code === 'EISDIR' ? 'give the path of a YAML file' : 'check the path';
    return { issue: { ...issue('file-not-found', [], `file "${file}" ${reason}`, hint), file, line: 1, col: 1 } };
  }
  const decoded = decodeUtf8(bytes);
  if (decoded.ok) return { text: decoded.text };
  const { line, col, message, hint } = decoded;
  return { issue: { ...issue('yaml-syntax', [], message, hint), file, line, col } };
}

export function loadCatalogFile(path: string): Result<Catalog> {
  const read = readText(path);
  if ('issue' in read) return toResult<Catalog>(undefined, [read.issue]);
  return parseCatalogText(read.text, displayPath(path));
}

export function loadBuiltinCatalog(id: string): Result<Catalog> {
  const path = builtinCatalogPath(id);
  if (path === undefined) {
    return toResult<Catalog>(undefined, [issue('unknown-catalog', [], `no built-in catalog "${id}"`, builtinHint(id))]);
  }
  return loadCatalogFile(path);
}

function builtinHint(id: string): string {
  const builtins = listBuiltinCatalogs();
  const list = `built-in catalogs: ${builtins.join(', ') || 'none'}`;
  const guess = didYouMean(id, builtins);
  return guess ? `${guess} ${list}` : `${list}; or give a path to a catalog file ending in .yaml`;
}

/** A `catalog:` value is a path when it looks like one; otherwise a built-in id. */
const looksLikePath = (ref: string): boolean => /[/\\]/.test(ref) || /\.ya?ml$/i.test(ref);

export interface LoadedSite {
  readonly site: Site;
  /** Catalogs by the `catalog:` value the site wrote (built-in id or path as written). */
  readonly catalogs: Map<string, Catalog>;
  /** Catalog id → the file it was read from (reports point into it). */
  readonly catalogFiles: ReadonlyMap<string, string>;
}

/**
 * A site and every catalog it names (built-in ids, or paths relative to the site file), checked
 * together. All issues of all files come back at once.
 */
export function loadSiteFile(path: string): Result<LoadedSite> {
  const read = readText(path);
  if ('issue' in read) return toResult<LoadedSite>(undefined, [read.issue]);
  const parsed = parseFile(read.text, displayPath(path), Site);
  const site = parsed.value;
  if (!site) return schemaFailure<LoadedSite, Site>(parsed, checkSiteAlone);

  const issues: Issue[] = [];
  const catalogs = new Map<string, Catalog>();
  const catalogFiles = new Map<string, string>();
  const perUse: (Catalog | undefined)[] = site.catalogs.map((use, i) => {
    const ref = use.catalog;
    const file = looksLikePath(ref) ? resolve(dirname(path), ref) : builtinCatalogPath(ref);
    const loaded = file === undefined ? undefined : loadCatalogFile(file);
    const at = ['catalogs', i, 'catalog'];
    if (loaded === undefined || file === undefined) {
      issues.push(...parsed.place([issue('unknown-catalog', at, `unknown catalog "${ref}"`, builtinHint(ref))]));
      return undefined;
    }
    if (!loaded.ok) {
      // A missing file is the site's mistake: point at the line naming it.
      for (const problem of loaded.issues) {
        const moved = issue('file-not-found', at, problem.message, 'catalog paths are relative to the site file');
        issues.push(...(problem.code === 'file-not-found' ? parsed.place([moved]) : [problem]));
      }
      return undefined;
    }
    issues.push(...loaded.warnings);
    catalogs.set(ref, loaded.value);
    catalogFiles.set(loaded.value.id, file);
    return loaded.value;
  });
  issues.push(...parsed.place(validateSite(site, perUse, parsed.locate)));
  return toResult<LoadedSite>({ site, catalogs, catalogFiles }, issues);
}

/**
 * Gives `file:line:col` to issues whose path points into the YAML file at `path` (resolution, policy and audit
 * issues come back with paths only). Builds the slow positioned parse, so only call it when there are issues.
 */
export function placeIssuesIn(path: string, issues: readonly Issue[]): Issue[] {
  if (issues.length === 0) return [];
  const map = buildSourceMap(readFileSync(path, 'utf8'));
  return issues.map((i) => {
    if (i.file) return i;
    const pos = map.position(i.path, i.at);
    return { ...i, file: displayPath(path), line: pos.line, col: pos.col };
  });
}

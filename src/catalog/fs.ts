import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Catalog } from '../model/catalog.js';
import { didYouMeanText, type Issue, issue, issueText, type Result, type YamlPath } from '../model/issues.js';
import { Site } from '../model/site.js';
import { type Text, text } from '../model/text.js';
import { decodeUtf8 } from './decode.js';
import { checkData, checkSiteAlone, parseCatalogText, readYamlText, schemaFailure, toResult } from './parse.js';
import { builtinCatalogPath, listBuiltinCatalogs } from './registry.js';
import { composeSite, type SiteFiles } from './site-compose.js';
import { buildSourceMap } from './source-map.js';
import { validateSite } from './validate-site.js';

export { builtinCatalogPath, catalogsDir, listBuiltinCatalogs, packageRoot } from './registry.js';

/** Edge module: reads files and hands their text to the pure parsers. */

/** How a file is named in messages: relative to the working directory when below it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel.startsWith('..') || isAbsolute(rel) ? resolve(path) : rel;
}

/** Why a file could not be read, in words (`ENOENT` says nothing to most people), and what to give instead. */
export function unreadable(e: unknown, what: string): { reason: string; hint: string } {
  const { reason, hint } = unreadableText(e, text(what, what));
  return { reason: reason.en, hint: hint.en };
}

/** `unreadable` in both languages: `what` is the kind of file asked for (`un fichier YAML`, `a YAML file`). */
export function unreadableText(e: unknown, what: Text): { reason: Text; hint: Text } {
  const code = (e as NodeJS.ErrnoException).code;
  const checkPath = text('vérifiez le chemin', 'check the path');
  if (code === 'ENOENT') return { reason: text('n’existe pas', 'does not exist'), hint: checkPath };
  if (code === 'EISDIR')
    return {
      reason: text('est un dossier', 'is a directory'),
      hint: text(`donnez le chemin d’${what.fr}`, `give the path of ${what.en}`),
    };
  if (code === 'EACCES' || code === 'EPERM')
    return {
      reason: text('ne peut pas être lu (permission refusée)', 'cannot be read (permission denied)'),
      hint: text('vérifiez ses droits', 'check its permissions'),
    };
  const why = code ?? (e as Error).message;
  return { reason: text(`ne peut pas être lu (${why})`, `cannot be read (${why})`), hint: checkPath };
}

/** A file's text, decoded as UTF-8; an unreadable or non-UTF-8 file is an issue naming it (and the bad byte). */
export function readText(path: string): { text: string } | { issue: Issue } {
  const file = displayPath(path);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const { reason, hint } = unreadableText(e, text('un fichier YAML', 'a YAML file'));
    const message = text(`le fichier "${file}" ${reason.fr}`, `file "${file}" ${reason.en}`);
    return { issue: { ...issue('file-not-found', [], message, hint), file, line: 1, col: 1 } };
  }
  const decoded = decodeUtf8(bytes);
  if (decoded.ok) return { text: decoded.text };
  const { line, col, message, hint, fr } = decoded;
  return { issue: { ...issue('yaml-syntax', [], text(fr.message, message), text(fr.hint, hint)), file, line, col } };
}

export function loadCatalogFile(path: string): Result<Catalog> {
  const read = readText(path);
  if ('issue' in read) return toResult<Catalog>(undefined, [read.issue]);
  return parseCatalogText(read.text, displayPath(path));
}

export function loadBuiltinCatalog(id: string): Result<Catalog> {
  const path = builtinCatalogPath(id);
  if (path === undefined) {
    const message = text(`aucun catalogue intégré "${id}"`, `no built-in catalog "${id}"`);
    return toResult<Catalog>(undefined, [issue('unknown-catalog', [], message, builtinHint(id))]);
  }
  return loadCatalogFile(path);
}

function builtinHint(id: string): Text {
  const builtins = listBuiltinCatalogs();
  const list = text(
    `catalogues intégrés : ${builtins.join(', ') || 'aucun'}`,
    `built-in catalogs: ${builtins.join(', ') || 'none'}`,
  );
  const guess = didYouMeanText(id, builtins);
  return guess
    ? text(`${guess.fr} ${list.fr}`, `${guess.en} ${list.en}`)
    : text(
        `${list.fr} ; ou donnez le chemin d’un fichier de catalogue en .yaml`,
        `${list.en}; or give a path to a catalog file ending in .yaml`,
      );
}

/** A `catalog:` value is a path when it looks like one; otherwise a built-in id. */
const looksLikePath = (ref: string): boolean => /[/\\]/.test(ref) || /\.ya?ml$/i.test(ref);

export interface LoadedSite {
  readonly site: Site;
  /** Catalogs by the `catalog:` value the site wrote (built-in id or path as written). */
  readonly catalogs: Map<string, Catalog>;
  /** Catalog id → the file it was read from (reports point into it). */
  readonly catalogFiles: ReadonlyMap<string, string>;
  /** Every site file read (the site, what it includes, what it extends), absolute paths, the site first. */
  readonly siteFiles: readonly string[];
  /** Gives `file:line:col` to issues whose path points into the site: in the file where the value was written. */
  readonly placeIssues: (issues: readonly Issue[]) => Issue[];
  /** The file (absolute path) and the path in it where a path of the site was written. */
  readonly siteSourceOf: (path: YamlPath) => { id: string; path: YamlPath };
}

/** The edge of `composeSite`: references relative to the file writing them, files read from disk. */
export const diskSiteFiles: SiteFiles = {
  resolve: (from, ref) => resolve(dirname(from), ref),
  read: (id) => {
    const read = readText(id);
    return 'issue' in read ? read : { text: readYamlText(read.text, displayPath(id)) };
  },
};

/**
 * A site (with the files it includes and extends, see site-compose.ts) and every catalog it names (built-in ids,
 * or paths relative to the file that names them), checked together. All issues of all files come back at once.
 */
export function loadSiteFile(path: string, files: SiteFiles = diskSiteFiles): Result<LoadedSite> {
  const composed = composeSite(resolve(path), files);
  if (composed.data === undefined) return toResult<LoadedSite>(undefined, composed.issues);
  const parsed = checkData({ file: displayPath(path), ...composed }, Site);
  const site = parsed.value;
  if (!site) return schemaFailure<LoadedSite, Site>(parsed, checkSiteAlone);

  const issues: Issue[] = [];
  const catalogs = new Map<string, Catalog>();
  const catalogFiles = new Map<string, string>();
  const perUse: (Catalog | undefined)[] = site.catalogs.map((use, i) => {
    const ref = use.catalog;
    const at = ['catalogs', i, 'catalog'];
    const writtenIn = composed.sourceOf(at).id;
    const file = looksLikePath(ref) ? resolve(dirname(writtenIn), ref) : builtinCatalogPath(ref);
    const loaded = file === undefined ? undefined : loadCatalogFile(file);
    if (loaded === undefined || file === undefined) {
      const message = text(`catalogue inconnu "${ref}"`, `unknown catalog "${ref}"`);
      issues.push(...parsed.place([issue('unknown-catalog', at, message, builtinHint(ref))]));
      return undefined;
    }
    if (!loaded.ok) {
      // A missing file is the site's mistake: point at the line naming it.
      for (const problem of loaded.issues) {
        const relativeTo =
          writtenIn === composed.files[0]
            ? text('au fichier du site', 'the site file')
            : text(
                `au fichier qui les nomme (${displayPath(writtenIn)})`,
                `the file naming them (${displayPath(writtenIn)})`,
              );
        const hint = text(
          `les chemins de catalogue sont relatifs ${relativeTo.fr}`,
          `catalog paths are relative to ${relativeTo.en}`,
        );
        const moved = issue('file-not-found', at, issueText(problem).message, hint);
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
  return toResult<LoadedSite>(
    {
      site,
      catalogs,
      catalogFiles,
      siteFiles: composed.files,
      placeIssues: composed.place,
      siteSourceOf: composed.sourceOf,
    },
    issues,
  );
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

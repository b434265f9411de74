import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { builtinCatalogPath, listBuiltinCatalogs, loadCatalogFile, packageRoot } from '../../catalog/fs.js';
import { starterCatalog } from '../../catalog/starter.js';
import { resolveCatalog } from '../../matrix/index.js';
import type { Catalog } from '../../model/catalog.js';
import { didYouMeanText, issue, type Result } from '../../model/issues.js';
import type { Matrix } from '../../model/matrix.js';
import { type Lang, pick, text } from '../../model/text.js';
import type { ShowFormat } from '../commands/catalog.js';
import { type CliContext, EXIT, type ExitCode } from '../context.js';
import { OutputError, writeOutputs, writing } from '../files.js';
import { loadDocumentFormat } from '../formats.js';
import { reportIssues } from '../report.js';

/** A catalog named on the command line: a built-in id, or a path to a YAML file (`./my-app.yaml`). */
export interface NamedCatalog {
  readonly catalog: Catalog;
  /** The file it was read from. */
  readonly path: string;
}

const looksLikePath = (ref: string): boolean => /[/\\]/.test(ref) || /\.ya?ml$/i.test(ref);

/** Loads a built-in id or a catalog file (relative to the working directory); issues say which, with a guess. */
export function loadNamedCatalog(ref: string, ctx: CliContext): Result<NamedCatalog> {
  const builtin = looksLikePath(ref) ? undefined : builtinCatalogPath(ref);
  const path = builtin ?? (looksLikePath(ref) ? resolve(ctx.cwd, ref) : undefined);
  if (path === undefined) {
    const builtins = listBuiltinCatalogs();
    const guess = didYouMeanText(ref, builtins);
    const hint = text(
      `${guess ? `${guess.fr} ` : ''}catalogues intégrés : ${builtins.join(', ') || 'aucun'} ; ou donnez le chemin d’un fichier de catalogue (./${ref}.yaml)`,
      `${guess ? `${guess.en} ` : ''}built-in catalogs: ${builtins.join(', ') || 'none'}; or give a path to a catalog file (./${ref}.yaml)`,
    );
    const message = text(`aucun catalogue intégré "${ref}"`, `no built-in catalog "${ref}"`);
    return { ok: false, issues: [issue('unknown-catalog', [], message, hint)] };
  }
  const loaded = loadCatalogFile(path);
  return loaded.ok ? { ...loaded, value: { catalog: loaded.value, path } } : loaded;
}

export function listCatalogs(lang: Lang, ctx: CliContext): ExitCode {
  const rows: string[][] = [];
  for (const id of listBuiltinCatalogs()) {
    const loaded = loadNamedCatalog(id, ctx);
    if (!loaded.ok) return reportIssues(ctx, loaded.issues, lang);
    const c = loaded.value.catalog;
    // The document's title: its file name is a hash nobody recognises (`catalog show` gives both).
    rows.push([c.id, String(c.flows.length), pick(c.title, lang), c.source?.title ?? '']);
  }
  const header = lang === 'fr' ? ['ID', 'FLUX', 'TITRE', 'SOURCE'] : ['ID', 'FLOWS', 'TITLE', 'SOURCE'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  for (const r of all)
    ctx.out(`${r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ')}\n`);
  return EXIT.ok;
}

export async function showCatalog(ref: string, format: ShowFormat, lang: Lang, ctx: CliContext): Promise<ExitCode> {
  const loaded = loadNamedCatalog(ref, ctx);
  if (!loaded.ok) return reportIssues(ctx, loaded.issues, lang);
  const { catalog, path } = loaded.value;
  if (format === 'yaml') {
    // The file itself, with the comments that cite the source rows; it exists, since it just loaded.
    ctx.out(await readFile(path, 'utf8'));
    return EXIT.ok;
  }
  if (format === 'json') {
    ctx.out(`${JSON.stringify(catalog, null, 2)}\n`);
    return EXIT.ok;
  }
  const resolved = resolveCatalog(catalog);
  if (!resolved.ok) return reportIssues(ctx, resolved.issues, lang);
  const matrix = resolved.value;
  const renderer = (await loadDocumentFormat(format)) as unknown as {
    render: (m: Matrix, o: { lang: Lang }) => unknown;
  };
  ctx.out(String(await renderer.render(matrix, { lang })));
  return EXIT.ok;
}

const CATALOG_ID = /^[a-z0-9][a-z0-9._-]*$/;

/** Writes a starter catalog to `output` (never over an existing file) or to standard output. */
export async function newCatalog(
  id: string,
  lang: Lang,
  output: string | undefined,
  ctx: CliContext,
): Promise<ExitCode> {
  if (!CATALOG_ID.test(id)) {
    ctx.err(`flowmatrix: catalog id "${id}": ids are lowercase letters, digits, ".", "_" and "-" — e.g. my-app\n`);
    return EXIT.badInput;
  }
  const path = output === undefined ? undefined : resolve(ctx.cwd, output);
  // The installed package's schema (not beside FLOWMATRIX_CATALOGS), named from where the new file is.
  const schema = join(packageRoot(), 'schemas', 'catalog.schema.json');
  const content = starterCatalog(id, lang, relative(path ? dirname(path) : ctx.cwd, schema));
  if (path === undefined) {
    ctx.out(content);
    return EXIT.ok;
  }
  return (
    (await writing(ctx, async () => {
      // Through links (`/dev/stdout` is one): a regular file there is never replaced by a starter, a device may
      // take it, and anything else is refused by writeOutputs with its reason.
      if (
        await stat(path).then(
          (st) => st.isFile(),
          () => false,
        )
      )
        throw new OutputError(output as string, 'it already exists', 'choose another name, or remove the file first');
      await writeOutputs([{ path, content, usersFile: true }]);
    })) ?? done(ctx, output as string)
  );
}

function done(ctx: CliContext, output: string): ExitCode {
  ctx.err(`  ${output}\n`);
  return EXIT.ok;
}

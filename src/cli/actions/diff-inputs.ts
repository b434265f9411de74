import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve as resolvePath } from 'node:path';
import { loadCatalogFile, loadSiteFile } from '../../catalog/fs.js';
import { readYamlText } from '../../catalog/parse.js';
import { isFeedAnswer } from '../../diff/feed.js';
import { placeJsonIssues } from '../../import/json-positions.js';
import { detectInstance, INSTANCE_IDS, type Instance, m365Catalog } from '../../import/m365/catalog.js';
import { type EndpointSet, parseFeed } from '../../import/m365/feed.js';
import { resolveCatalog, resolveSite } from '../../matrix/index.js';
import type { Overrides } from '../../matrix/settings.js';
import type { Catalog } from '../../model/catalog.js';
import type { Matrix } from '../../model/matrix.js';
import { type Lang, text } from '../../model/text.js';
import { JSON_FORMAT_ID } from '../../render/json.js';
import { badSettings, parsePairs, parseSwitches } from '../command.js';
import { type CliContext, EXIT, type ExitCode, langOf } from '../context.js';
import type { InputFile } from '../files.js';
import { reportIssues } from '../report.js';
import { NOWHERE, sayError } from '../say.js';

/**
 * The Node edge of `diff` and `change-request`: two versions read from files or git revisions into matrices.
 * A version is a site file, a catalog file (resolved with --site, or alone), or a matrix JSON file.
 */
export interface DiffInputOptions {
  site?: string;
  rev?: string;
  feature?: string[];
  set?: string[];
  /** Microsoft 365 instance of two endpoints answers (default worldwide). */
  instance?: string;
  /** The language problems are printed in (`--lang`; see `langOf`). */
  lang?: string;
}

export interface LoadedVersion {
  readonly label: string;
  readonly matrix: Matrix;
  /** The resolved site and catalogs, for the audit and the targets; absent for a matrix JSON. */
  readonly catalogs?: readonly Catalog[];
  readonly site?: import('../../model/site.js').Site;
  /** The files a site version includes and extends (outputs may not overwrite them). */
  readonly siteFiles?: readonly string[];
  /** Set for a Microsoft 365 endpoints answer: its endpoint sets, for the diff in the feed's own words. */
  readonly feed?: readonly EndpointSet[];
}

type Loaded = { ok: true; old: LoadedVersion; new: LoadedVersion; inputs: InputFile[] } | { ok: false; code: ExitCode };

export type InputKind = 'matrix' | 'site' | 'catalog' | 'm365';

/** What a file holds, from its text: a matrix JSON envelope, a Microsoft 365 endpoints answer, a catalog or a site. */
export function kindOf(text: string): InputKind | undefined {
  if (/^\s*\{/.test(text)) return 'matrix';
  if (isFeedAnswer(text)) return 'm365';
  if (/^flows\s*:/m.test(text)) return 'catalog';
  if (/^(catalogs|extends|include)\s*:/m.test(text)) return 'site';
  return undefined;
}

export async function loadVersions(
  args: readonly string[],
  options: DiffInputOptions,
  ctx: CliContext,
): Promise<Loaded> {
  const lang = langOf(options.lang, ctx);
  const features = parseSwitches(options.feature);
  const parameters = parsePairs(options.set);
  const bad = badSettings(features.bad, parameters.bad, lang);
  if (bad.length > 0) {
    for (const b of bad) ctx.err(`${b}\n`);
    return { ok: false, code: EXIT.badInput };
  }
  const overrides: Overrides = { features: features.values, parameters: parameters.values };
  if (options.rev !== undefined) return loadRevisions(args, options, overrides, ctx);
  if (args.length !== 2) {
    sayError(
      ctx,
      lang,
      NOWHERE,
      text(
        'donnez deux versions : ANCIENNE NOUVELLE (fichiers de site, de catalogue ou JSON de matrice), ou --rev A..B FICHIER',
        'give two versions: OLD NEW (site, catalog or matrix JSON files), or --rev A..B FILE',
      ),
    );
    return { ok: false, code: EXIT.badInput };
  }
  const [a, b] = args.map((p) => resolvePath(ctx.cwd, p)) as [string, string];
  const old = await loadVersion(a, args[0] as string, options, overrides, ctx);
  if (!old.ok) return old;
  const now = await loadVersion(b, args[1] as string, options, overrides, ctx);
  if (!now.ok) return now;
  const sites = [...(old.value.siteFiles ?? []), ...(now.value.siteFiles ?? [])];
  const inputs = [a, b, ...(options.site ? [resolvePath(ctx.cwd, options.site)] : []), ...sites].map((path) => ({
    path,
    what: 'input version',
  }));
  return { ok: true, old: old.value, new: now.value, inputs };
}

async function loadVersion(
  path: string,
  label: string,
  options: DiffInputOptions,
  overrides: Overrides,
  ctx: CliContext,
): Promise<{ ok: true; value: LoadedVersion } | { ok: false; code: ExitCode }> {
  const lang = langOf(options.lang, ctx);
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    sayError(
      ctx,
      lang,
      { file: label },
      text(`lecture impossible (${why})`, `cannot read (${why})`),
      text('vérifiez le chemin', 'check the path'),
    );
    return { ok: false, code: EXIT.badInput };
  }
  const kind = kindOf(content);
  if (kind === 'matrix') return matrixJson(content, label, ctx, lang);
  if (kind === 'site') return siteVersion(path, label, overrides, ctx, lang);
  if (kind === 'catalog') return catalogVersion(path, label, options, overrides, ctx);
  if (kind === 'm365') return feedVersion(content, path, label, options, overrides, ctx);
  sayError(
    ctx,
    lang,
    { file: `${label}:1:1` },
    text(
      'ni un site, ni un catalogue, ni un fichier JSON de matrice, ni une réponse Microsoft 365 de points de terminaison',
      'neither a site, a catalog, a matrix JSON file nor a Microsoft 365 endpoints answer',
    ),
    text(
      'donnez des fichiers de site (catalogs: au premier niveau), de catalogue (flows:), la sortie de `flowmatrix matrix -f json` ou deux réponses de endpoints/{instance}',
      'give site files (top-level catalogs:), catalog files (flows:), `flowmatrix matrix -f json` output or two answers of endpoints/{instance}',
    ),
  );
  return { ok: false, code: EXIT.badInput };
}

function matrixJson(
  content: string,
  label: string,
  ctx: CliContext,
  lang: Lang,
): { ok: true; value: LoadedVersion } | { ok: false; code: ExitCode } {
  const start = { file: `${label}:1:1` };
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch (e) {
    const why = (e as Error).message;
    sayError(
      ctx,
      lang,
      start,
      text(`JSON invalide (${why})`, `not valid JSON (${why})`),
      text('donnez la sortie de `flowmatrix matrix -f json`', 'give `flowmatrix matrix -f json` output'),
    );
    return { ok: false, code: EXIT.badInput };
  }
  const envelope = doc as { format?: unknown; matrix?: { rows?: unknown } };
  if (envelope.format !== JSON_FORMAT_ID || !Array.isArray(envelope.matrix?.rows)) {
    sayError(
      ctx,
      lang,
      start,
      text(
        `ce n’est pas un document JSON de matrice (format "${JSON_FORMAT_ID}")`,
        `not a matrix JSON document (format "${JSON_FORMAT_ID}")`,
      ),
      text('écrivez-en un avec flowmatrix matrix SITE -f json', 'write one with flowmatrix matrix SITE -f json'),
    );
    return { ok: false, code: EXIT.badInput };
  }
  return { ok: true, value: { label, matrix: envelope.matrix as Matrix } };
}

function siteVersion(
  path: string,
  label: string,
  overrides: Overrides,
  ctx: CliContext,
  lang: Lang,
): { ok: true; value: LoadedVersion } | { ok: false; code: ExitCode } {
  const loaded = loadSiteFile(path);
  if (!loaded.ok) return { ok: false, code: reportIssues(ctx, loaded.issues, lang) };
  const resolved = resolveSite({ site: loaded.value.site, catalogs: loaded.value.catalogs, overrides });
  if (!resolved.ok) return { ok: false, code: reportIssues(ctx, loaded.value.placeIssues(resolved.issues), lang) };
  return {
    ok: true,
    value: {
      label,
      matrix: resolved.value,
      catalogs: [...loaded.value.catalogs.values()],
      site: loaded.value.site,
      siteFiles: loaded.value.siteFiles,
    },
  };
}

/** A Microsoft 365 endpoints answer, imported in memory as `flowmatrix import m365` would, then read as a catalog. */
function feedVersion(
  content: string,
  path: string,
  label: string,
  options: DiffInputOptions,
  overrides: Overrides,
  ctx: CliContext,
): { ok: true; value: LoadedVersion } | { ok: false; code: ExitCode } {
  const given = options.instance as Instance | undefined;
  const lang = langOf(options.lang, ctx);
  if (given !== undefined && !INSTANCE_IDS.includes(given)) {
    const ids = INSTANCE_IDS.join(', ');
    sayError(
      ctx,
      lang,
      { arg: `--instance ${given}` },
      text(`instance inconnue — une parmi ${ids}`, `unknown instance — one of ${ids}`),
    );
    return { ok: false, code: EXIT.badInput };
  }
  const feed = parseFeed(content, label);
  if (feed.issues.some((i) => i.severity === 'error'))
    return { ok: false, code: reportIssues(ctx, placeJsonIssues(content, feed.issues), lang) };
  // As `import m365` reads it: the instance the answer's URLs say, unless --instance says otherwise.
  const instance = given ?? detectInstance(feed.sets)?.instance ?? 'worldwide';
  const { catalog } = m365Catalog(feed.sets, { instance, document: basename(path) });
  const read = catalogVersion(path, label, options, overrides, ctx, { ok: true, value: catalog });
  return read.ok ? { ok: true, value: { ...read.value, feed: feed.sets } } : read;
}

/** A catalog version: alone (every feature on, roles as names), or resolved with --site in place of its namesake. */
function catalogVersion(
  path: string,
  label: string,
  options: DiffInputOptions,
  overrides: Overrides,
  ctx: CliContext,
  given?: { ok: true; value: Catalog },
): { ok: true; value: LoadedVersion } | { ok: false; code: ExitCode } {
  const catalog = given ?? loadCatalogFile(path);
  if (!catalog.ok) return { ok: false, code: reportIssues(ctx, catalog.issues, langOf(options.lang, ctx)) };
  if (options.site === undefined) {
    const m = resolveCatalog(catalog.value);
    if (!m.ok) return { ok: false, code: reportIssues(ctx, m.issues, langOf(options.lang, ctx)) };
    return { ok: true, value: { label, matrix: m.value, catalogs: [catalog.value] } };
  }
  const sitePath = resolvePath(ctx.cwd, options.site);
  const site = loadSiteFile(sitePath);
  if (!site.ok) return { ok: false, code: reportIssues(ctx, site.issues, langOf(options.lang, ctx)) };
  const catalogs = new Map(site.value.catalogs);
  const name = [...catalogs].find(([, c]) => c.id === catalog.value.id)?.[0];
  if (name === undefined) {
    sayError(
      ctx,
      langOf(options.lang, ctx),
      { file: label },
      text(
        `le site ${options.site} n’utilise pas le catalogue "${catalog.value.id}"`,
        `the site ${options.site} does not use catalog "${catalog.value.id}"`,
      ),
      text(
        'donnez le site qui l’utilise (--site), ou comparez les catalogues seuls',
        'give the site that uses it (--site), or diff the catalogs alone',
      ),
    );
    return { ok: false, code: EXIT.badInput };
  }
  catalogs.set(name, catalog.value);
  const resolved = resolveSite({ site: site.value.site, catalogs, overrides });
  if (!resolved.ok)
    return { ok: false, code: reportIssues(ctx, site.value.placeIssues(resolved.issues), langOf(options.lang, ctx)) };
  return {
    ok: true,
    value: { label, matrix: resolved.value, catalogs: [...catalogs.values()], site: site.value.site },
  };
}

const git = (cwd: string, args: readonly string[]): Promise<string> =>
  new Promise((res, rej) =>
    execFile('git', [...args], { cwd, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? rej(new Error((stderr || err.message).trim())) : res(stdout),
    ),
  );

/**
 * `--rev A..B FILE`: FILE as it was at A and at B (`git show`), each written with the catalogs it names by a
 * relative path (at the same revision) into a temporary folder that mirrors the repository, then read as above.
 */
async function loadRevisions(
  args: readonly string[],
  options: DiffInputOptions,
  overrides: Overrides,
  ctx: CliContext,
): Promise<Loaded> {
  const lang = langOf(options.lang, ctx);
  const rev = options.rev ?? '';
  const at = rev.indexOf('..');
  const range =
    at > 0 && !rev.slice(at + 2).startsWith('.') && rev.length > at + 2
      ? [rev, rev.slice(0, at), rev.slice(at + 2)]
      : undefined;
  if (!range || args.length !== 1) {
    sayError(
      ctx,
      lang,
      NOWHERE,
      text('--rev prend A..B et un FICHIER', '--rev takes A..B and one FILE'),
      text(
        'par ex. flowmatrix diff --rev HEAD~1..HEAD examples/hamilton-site.yaml',
        'e.g. flowmatrix diff --rev HEAD~1..HEAD examples/hamilton-site.yaml',
      ),
    );
    return { ok: false, code: EXIT.badInput };
  }
  const file = resolvePath(ctx.cwd, args[0] as string);
  let root: string;
  try {
    root = (await git(dirname(file), ['rev-parse', '--show-toplevel'])).trim();
  } catch (e) {
    const why = (e as Error).message;
    sayError(
      ctx,
      lang,
      { file: args[0] as string },
      text(`hors d’un dépôt git (${why})`, `not in a git repository (${why})`),
      text('--rev lit le fichier dans git', '--rev reads the file from git'),
    );
    return { ok: false, code: EXIT.badInput };
  }
  const rel = relative(root, file).split('\\').join('/');
  const temp = await mkdtemp(join(tmpdir(), 'flowmatrix-rev-'));
  try {
    const versions: LoadedVersion[] = [];
    for (const rev of [range[1] as string, range[2] as string]) {
      const dir = join(temp, rev.replace(/[^\w.-]/g, '_'));
      const label = `${rev}:${rel}`;
      const written = await materialise(root, rev, rel, dir, ctx, lang);
      if (!written.ok) return written;
      const v = await loadVersion(join(dir, rel), label, options, overrides, ctx);
      if (!v.ok) return v;
      versions.push(v.value);
    }
    return {
      ok: true,
      old: versions[0] as LoadedVersion,
      new: versions[1] as LoadedVersion,
      inputs: [{ path: file, what: 'input version' }],
    };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

async function materialise(
  root: string,
  rev: string,
  rel: string,
  dir: string,
  ctx: CliContext,
  lang: Lang,
): Promise<{ ok: true } | { ok: false; code: ExitCode }> {
  const show = async (path: string): Promise<string | undefined> => {
    try {
      const shown = await git(root, ['show', `${rev}:${path}`]);
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), shown);
      return shown;
    } catch (e) {
      // git's own words, in git's language: only our hint is ours to translate.
      const said = (e as Error).message;
      sayError(
        ctx,
        lang,
        { file: `${rev}:${path}` },
        text(said, said),
        text('vérifiez la révision et le chemin', 'check the revision and the path'),
      );
      return undefined;
    }
  };
  const first = await show(rel);
  if (first === undefined) return { ok: false, code: EXIT.badInput };
  if (kindOf(first) !== 'site') return { ok: true };
  // The site, the files it includes and extends, and the catalogs any of them names by a path, at that revision.
  const seen = new Set([rel]);
  const pending = [{ rel, text: first }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const ref of siteFileRefs(next.text)) {
      const refRel = join(dirname(next.rel), ref.path).split('\\').join('/');
      if (seen.has(refRel)) continue;
      seen.add(refRel);
      const refText = await show(refRel);
      if (refText === undefined) return { ok: false, code: EXIT.badInput };
      if (ref.site) pending.push({ rel: refRel, text: refText });
    }
  }
  return { ok: true };
}

/** The files a site file names by a path: what it includes and extends (sites), and catalogs given as paths. */
function siteFileRefs(text: string): { path: string; site: boolean }[] {
  const data = readYamlText(text, '').data as Record<string, unknown> | undefined;
  if (typeof data !== 'object' || data === null) return []; // reported with positions when the version is read
  const strings = (v: unknown): string[] =>
    typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  const catalogs = Array.isArray(data.catalogs) ? data.catalogs : [];
  return [
    ...[...strings(data.include), ...strings(data.extends)].map((path) => ({ path, site: true })),
    ...catalogs
      .map((use) => (use as { catalog?: unknown })?.catalog)
      .filter((c): c is string => typeof c === 'string' && (/[/\\]/.test(c) || /\.ya?ml$/i.test(c)))
      .map((path) => ({ path, site: false })),
  ];
}

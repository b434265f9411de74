import { resolve as resolvePath } from 'node:path';
import { type LoadedSite, loadSiteFile } from '../catalog/fs.js';
import { resolveSite } from '../matrix/index.js';
import type { Overrides } from '../matrix/settings.js';
import type { Matrix } from '../model/matrix.js';
import { badSettings, parsePairs, parseSwitches } from './command.js';
import { type CliContext, EXIT, type ExitCode, langOf } from './context.js';
import { tightenHeapFor } from './heap.js';
import { reportIssues } from './report.js';

export interface SiteOptions {
  feature?: string[];
  set?: string[];
  /** The language problems are printed in (`--lang`; see `langOf`). */
  lang?: string;
}

/** A site file read, checked and resolved: what every site command starts from. */
export interface LoadedMatrix extends LoadedSite {
  readonly matrix: Matrix;
  /** Absolute path of the site file. */
  readonly sitePath: string;
}

/** Loads a site file, applies `--feature`/`--set`, resolves it; prints every issue, warnings included. */
export async function loadMatrix(
  file: string,
  options: SiteOptions,
  ctx: CliContext,
): Promise<({ ok: true } & LoadedMatrix) | { ok: false; code: ExitCode }> {
  const features = parseSwitches(options.feature);
  const parameters = parsePairs(options.set);
  const lang = langOf(options.lang, ctx);
  const bad = badSettings(features.bad, parameters.bad, lang);
  if (bad.length > 0) {
    for (const b of bad) ctx.err(`${b}\n`);
    return { ok: false, code: EXIT.badInput };
  }
  const sitePath = resolvePath(ctx.cwd, file);
  const loaded = loadSiteFile(sitePath);
  if (!loaded.ok) return { ok: false, code: reportIssues(ctx, loaded.issues, lang) };
  // A very large site: the heap kept close to what is alive, before resolving makes the matrix (src/cli/heap.ts).
  let flows = 0;
  for (const catalog of loaded.value.catalogs.values()) flows += catalog.flows.length;
  tightenHeapFor(flows);
  const overrides: Overrides = { features: features.values, parameters: parameters.values };
  const resolved = resolveSite({ site: loaded.value.site, catalogs: loaded.value.catalogs, overrides });
  // The files' own warnings (already placed) go out with the resolution's issues: printed, never dropped.
  const place = loaded.value.placeIssues;
  const found = [...loaded.warnings, ...place(resolved.ok ? resolved.warnings : resolved.issues)];
  if (!resolved.ok) return { ok: false, code: reportIssues(ctx, found, lang) };
  if (found.length > 0) reportIssues(ctx, found, lang);
  return { ok: true, ...loaded.value, matrix: resolved.value, sitePath };
}

import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { displayPath, loadSiteFile } from '../catalog/fs.js';
import { buildSourceMap } from '../catalog/source-map.js';
import { resolveSite } from '../matrix/index.js';
import type { Overrides } from '../matrix/settings.js';
import type { Issue } from '../model/issues.js';
import type { Matrix } from '../model/matrix.js';
import { parsePairs, parseSwitches } from './command.js';
import { type CliContext, EXIT, type ExitCode } from './context.js';
import { reportIssues } from './report.js';

export interface SiteOptions {
  feature?: string[];
  set?: string[];
}

/** Loads a site file, applies `--feature`/`--set`, resolves it; prints every issue. */
export async function loadMatrix(
  file: string,
  options: SiteOptions,
  ctx: CliContext,
): Promise<{ ok: true; matrix: Matrix } | { ok: false; code: ExitCode }> {
  const features = parseSwitches(options.feature);
  const parameters = parsePairs(options.set);
  const bad = [...features.bad.map((b) => `--feature ${b}`), ...parameters.bad.map((b) => `--set ${b}`)];
  if (bad.length > 0) {
    for (const b of bad)
      ctx.err(`${b}: expected NAME=VALUE — e.g. --feature sms=on, --set smtp_relay=relay.example.com\n`);
    return { ok: false, code: EXIT.badInput };
  }
  const path = resolvePath(ctx.cwd, file);
  const loaded = loadSiteFile(path);
  if (!loaded.ok) return { ok: false, code: reportIssues(ctx, loaded.issues) };
  const overrides: Overrides = { features: features.values, parameters: parameters.values };
  const resolved = resolveSite({ site: loaded.value.site, catalogs: loaded.value.catalogs, overrides });
  if (!resolved.ok) {
    return { ok: false, code: reportIssues(ctx, placeInSite(path, resolved.issues)) };
  }
  if (resolved.warnings.length > 0) reportIssues(ctx, placeInSite(path, resolved.warnings));
  return { ok: true, matrix: resolved.value };
}

/** Resolution issues carry paths into the site file; give them file:line:col (the slow map, only on error). */
function placeInSite(path: string, issues: readonly Issue[]): Issue[] {
  const map = buildSourceMap(readFileSync(path, 'utf8'));
  return issues.map((i) => {
    if (i.file) return i;
    const pos = map.position(i.path);
    return { ...i, file: displayPath(path), line: pos.line, col: pos.col };
  });
}

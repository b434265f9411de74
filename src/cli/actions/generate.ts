import { join, resolve as resolvePath } from 'node:path';
import { type Finding, severityRank } from '../../model/finding.js';
import { formatIssue, type Issue } from '../../model/issues.js';
import { type Matrix, siteTitle } from '../../model/matrix.js';
import { colon, counted, type Lang, semicolon } from '../../model/text.js';
import type { Artifact } from '../../targets/generate/target.js';
import {
  type GenerateOptions,
  isTargetId,
  type PreparedGeneration,
  prepareGenerate,
  printPrepared,
  targets,
} from '../../targets/index.js';
import { checkOptions } from '../../targets/kit/options.js';
import { inSiteFile, placeInSite, unknownPlatform } from '../../targets/preflight.js';
import { append } from '../../util/append.js';
import { parsePairs } from '../command.js';
import type { GenerateCliOptions } from '../commands/generate.js';
import { type CliContext, colours, EXIT, type ExitCode, langOf } from '../context.js';
import { filePath, type InputFile, inputsOf, scriptMode, writeOutputs, writing } from '../files.js';
import { FULL_LIST_MAX, findingsFile, findingsList, findingsSummary, groupFindings, type Paint } from '../findings.js';
import { type LoadedMatrix, loadMatrix } from '../load.js';
import { reportIssues } from '../report.js';

/** The file that receives every finding beside the rules when `-o DIR` is given without `--findings`. */
export const FINDINGS_FILE = 'findings.txt';

export async function generateRules(site: string, options: GenerateCliOptions, ctx: CliContext): Promise<ExitCode> {
  const prepared = await prepareRuns(site, options, ctx);
  if (!prepared.ok) return prepared.code;
  // The matrix is gone from here on: printing holds only each firewall's ruleset.
  const { runs, firewalls, about } = prepared;
  const lang = langOf(options.lang, ctx);
  const issues: Issue[] = [];
  const files: Artifact[] = [];
  const findings: Finding[] = [];
  for (const run of runs) {
    const r = printPrepared(run);
    if (!r.ok) {
      append(
        issues,
        r.issues.map((i) => inSiteFile({ firewalls }, i)),
      );
      continue;
    }
    append(files, r.value.artifacts);
    append(findings, r.value.findings);
  }
  if (issues.length > 0) {
    // A proxy target's issue points at the site's `proxy:`, or where it would go when the site declares none.
    const atProxy = (i: Issue) => !i.file && i.path[0] === 'proxy';
    const placed = [...prepared.placeIssues(issues.filter(atProxy)), ...issues.filter((i) => !atProxy(i))];
    return reportIssues(ctx, placeInSite(prepared.placeIssues, site, placed), langOf(options.lang, ctx));
  }
  const findingsPath = options.findings
    ? filePath(ctx.cwd, options.findings)
    : options.output
      ? join(resolvePath(ctx.cwd, options.output), FINDINGS_FILE)
      : undefined;
  const written = options.output
    ? files.map((f) => ({
        path: join(resolvePath(ctx.cwd, options.output as string), f.path),
        // Streamed from the printer's pieces where it kept them: the text is never joined (Artifact.chunks).
        content: f.chunks ? f.chunks() : f.content,
        ...scriptMode(f.path),
      }))
    : [];
  // Written even when empty: a findings file left by an earlier run would otherwise tell an old story.
  if (findingsPath) written.push({ path: findingsPath, content: findingsFile(findingsPath, findings, lang, about) });
  let earlier: readonly string[] = [];
  if (written.length > 0) {
    const failed = await writing(ctx, async () => {
      earlier = (await writeOutputs(written, prepared.inputs, { force: options.force })).earlier;
    });
    if (failed !== undefined) return failed;
  }
  if (options.output) {
    for (const f of written) ctx.err(`  ${f.path}\n`);
    // A firewall renamed or removed from the site leaves its rules behind: said, never deleted (one firewall asked
    // with --firewall leaves the others' on purpose; --findings alone writes no rules, so it says nothing of them).
    if (earlier.length > 0 && !options.firewall)
      ctx.err(
        `note: also in the folder, written by an earlier run and not by this one (remove what is no longer wanted):\n${earlier.map((p) => `  ${p}\n`).join('')}`,
      );
  } else {
    for (const f of files) ctx.out(files.length > 1 ? `# ---- ${f.path}\n${f.content}` : f.content);
    if (findingsPath) ctx.err(`  ${findingsPath}\n`);
  }
  printFindings(ctx, findings, lang, findingsPath);
  const blocking = findings.filter((f) => severityRank(f.severity) >= severityRank('medium'));
  if (!options.strict || blocking.length === 0) return EXIT.ok;
  // Why the exit is 1: said, in the run's language, counted as the list above counts (one per group).
  const n = groupFindings(blocking, lang).length;
  ctx.err(
    lang === 'fr'
      ? `--strict${colon(lang)} ${counted(n, 'constat de gravité moyenne ou plus', 'constats de gravité moyenne ou plus', lang)}${semicolon(lang)} code de sortie 1\n`
      : `--strict: ${counted(n, 'finding at medium severity or above', 'findings at medium severity or above', lang)}; exit code 1\n`,
  );
  return EXIT.checksFailed;
}

/**
 * Load, check the runs, and take from the matrix all that printing needs (`prepareGenerate`), in a function of its
 * own: the matrix is not reachable once it returns, so it is not alive while the rules are printed (~180 MiB at
 * 100k terms, bench/README.md "Generate speed and memory").
 */
async function prepareRuns(
  site: string,
  options: GenerateCliOptions,
  ctx: CliContext,
): Promise<
  | {
      ok: true;
      runs: PreparedGeneration[];
      firewalls: Matrix['firewalls'];
      /** The site, as the findings file names it: its title and id. */
      about: string;
      placeIssues: LoadedMatrix['placeIssues'];
      inputs: InputFile[];
    }
  | { ok: false; code: ExitCode }
> {
  const loaded = await loadForGenerate(site, options, ctx);
  if (!loaded.ok) return loaded;
  const { matrix } = loaded;
  const targetOptions = parsePairs(options.option);
  if (targetOptions.bad.length > 0) {
    const bad = targetOptions.bad.join(', ');
    ctx.err(
      langOf(options.lang, ctx) === 'fr'
        ? `--option ${bad}${colon('fr')} il faut NOM=VALEUR (mode=coexist, placement=top…)\n`
        : `--option ${bad}: expected NAME=VALUE (mode=coexist, placement=top…)\n`,
    );
    return { ok: false, code: EXIT.badInput };
  }
  const given = Object.keys(targetOptions.values).length > 0 ? { options: optionValues(targetOptions.values) } : {};
  const planned: GenerateOptions[] = options.firewall
    ? [{ firewall: options.firewall, ...(options.target ? { target: options.target } : {}) }]
    : options.target
      ? forTarget(options.target, matrix)
      : [
          ...matrix.firewalls.map((f) => ({ firewall: f.name })),
          // Clients of a site with an outbound proxy need its PAC file; the proxy's own ACLs: --target squid.
          ...(matrix.proxy ? proxyTargetsByDefault() : []),
        ];
  const runs = planned.map((run) => ({ ...run, ...given }));
  if (runs.length === 0) {
    ctx.err(`${site}: the site declares no firewall — add one under firewalls:, or pass --target\n`);
    return { ok: false, code: EXIT.badInput };
  }
  const badOptions = given.options ? checkGivenOptions(runs, matrix, given.options, langOf(options.lang, ctx)) : [];
  if (badOptions.length > 0) {
    for (const line of badOptions) ctx.err(`${line}\n`);
    return { ok: false, code: EXIT.badInput };
  }
  const prepared = runs.map((run): PreparedGeneration => {
    // A firewall rendered in its own platform needs that platform to be a target: say so at its `platform:`.
    const index = run.target === undefined ? matrix.firewalls.findIndex((f) => f.name === run.firewall) : -1;
    const unknown = index < 0 ? undefined : unknownPlatform(matrix, index);
    return unknown ? { kind: 'done', output: { ok: false, issues: [unknown] } } : prepareGenerate(matrix, run);
  });
  return {
    ok: true,
    runs: prepared,
    firewalls: matrix.firewalls,
    about: `${siteTitle(matrix, langOf(options.lang, ctx))} (${matrix.site.id})`,
    placeIssues: loaded.placeIssues,
    inputs: loaded.inputs,
  };
}

/**
 * The matrix, and what the end of the command needs of the files it came from: not the parsed site and catalogs,
 * which would otherwise stay alive through generation and printing (~65 MB at 100k flows).
 */
async function loadForGenerate(
  site: string,
  options: GenerateCliOptions,
  ctx: CliContext,
): Promise<
  | { ok: true; matrix: Matrix; placeIssues: LoadedMatrix['placeIssues']; inputs: InputFile[] }
  | { ok: false; code: ExitCode }
> {
  const loaded = await loadMatrix(site, options, ctx);
  if (!loaded.ok) return loaded;
  return { ok: true, matrix: loaded.matrix, placeIssues: loaded.placeIssues, inputs: inputsOf(loaded) };
}

/** `--option` checked against the schema of every target it is given to: `--option key: message — hint` lines. */
function checkGivenOptions(
  runs: readonly GenerateOptions[],
  matrix: Matrix,
  given: Readonly<Record<string, unknown>>,
  lang: Lang,
): string[] {
  const ids = new Set(
    runs.map((run) => run.target ?? matrix.firewalls.find((f) => f.name === run.firewall)?.platform ?? ''),
  );
  const lines = [...ids].filter(isTargetId).flatMap((id) => {
    const checked = checkOptions(targets[id].options, id, given, ['--option']);
    return checked.ok ? [] : checked.issues.map((i) => `${i.path.join(' ')}${colon(lang)} ${formatIssue(i, lang)}`);
  });
  return [...new Set(lines)];
}

/** `--option` values as the site would write them: numbers and booleans typed, the rest text. */
const optionValues = (values: Record<string, string>): Record<string, string | number | boolean> =>
  Object.fromEntries(
    Object.entries(values).map(([k, v]) => [
      k,
      /^(true|false)$/.test(v) ? v === 'true' : /^\d+$/.test(v) ? Number(v) : v,
    ]),
  );

/** A few findings: all of them. Many: a summary that fits a screen, and where the full list is. */
function printFindings(ctx: CliContext, findings: readonly Finding[], lang: Lang, file: string | undefined): void {
  if (findings.length === 0) return;
  const c = colours(ctx);
  const paint: Paint = {
    line: (line, severity) => (severityRank(severity) >= severityRank('medium') ? c.yellow(line) : line),
    title: c.bold,
  };
  const groups = groupFindings(findings, lang);
  if (groups.length <= FULL_LIST_MAX) {
    ctx.err(findingsList(groups, lang, paint));
    return;
  }
  const where = file ?? (lang === 'fr' ? 'ajoutez --findings FICHIER(.json)' : 'add --findings FILE(.json)');
  ctx.err(findingsSummary(groups, lang, where, paint));
}

/**
 * `--target T` alone: every firewall of the site rendered in T — those that run T and the others alike (what would
 * this site need on that platform?). Leaving out the firewalls of other platforms dropped their rules without a
 * word. A proxy target renders once, for the site's proxy.
 */
function forTarget(target: string, matrix: Matrix): GenerateOptions[] {
  if (!isTargetId(target) || targets[target].scope === 'proxy') return [{ target }];
  return matrix.firewalls.map((f) => ({ firewall: f.name, target }));
}

/** The proxy targets written for a site with an outbound proxy when no target is asked (`forEveryProxy`). */
const proxyTargetsByDefault = (): { target: string }[] =>
  Object.values(targets).flatMap((t) => (t.scope === 'proxy' && t.forEveryProxy ? [{ target: t.id }] : []));

import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import type { Matrix } from '../model/matrix.js';
import { counted, type Lang } from '../model/text.js';
import type { Ruleset } from '../ruleset/types.js';
import { type ConfigFile, type ConfigFormat, pickFormat } from '../verify/config-formats.js';
import { type Verification, verifyFirewall } from '../verify/index.js';
import { buildReport, type VerifyReport, verdictCount } from '../verify/report.js';
import type { RowVerdict } from '../verify/verdicts.js';
import { type CliContext, EXIT, type ExitCode } from './context.js';
import { Stages } from './progress.js';
import { reportIssues } from './report.js';

/** Configuration files as given (paths relative to the working directory), or the exit code after saying why not. */
export async function readConfigs(
  paths: readonly string[],
  ctx: CliContext,
): Promise<{ files: ConfigFile[] } | { code: ExitCode }> {
  const files: ConfigFile[] = [];
  for (const p of paths) {
    const path = resolvePath(ctx.cwd, p);
    try {
      files.push({ path: p, text: await readFile(path, 'utf8') });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      ctx.err(`${p}: cannot read the configuration (${code ?? (e as Error).message}) — check the path\n`);
      return { code: EXIT.badInput };
    }
  }
  return { files };
}

export interface ReadConfig {
  readonly ruleset: Ruleset;
  readonly format: ConfigFormat;
}

/** Reads and parses a firewall's configuration files (format `auto` detected); every error reported, exit 2. */
export async function readConfig(
  paths: readonly string[],
  formatId: string,
  ctx: CliContext,
  scope?: string,
): Promise<ReadConfig | { code: ExitCode }> {
  const files = await readConfigs(paths, ctx);
  if ('code' in files) return files;
  const format = pickFormat(formatId, files.files);
  if (!format.ok) return { code: reportIssues(ctx, format.issues) };
  if (scope !== undefined && !format.value.scoped) {
    ctx.err(
      `--scope ${scope}: a ${format.value.title} file holds one policy — --scope chooses a PAN-OS device group or vsys\n`,
    );
    return { code: EXIT.badInput };
  }
  const parsed = format.value.parse(files.files, scope !== undefined ? { scope } : {});
  if (!parsed.ok) return { code: reportIssues(ctx, parsed.issues) };
  if (parsed.warnings.length > 0) reportIssues(ctx, parsed.warnings);
  return { ruleset: parsed.value, format: format.value };
}

export const countRules = (ruleset: Ruleset): number =>
  Object.values(ruleset.chains).reduce((n, c) => n + c.rules.length, 0);

/** At most this many progress steps for the rows (a bar moves smoothly enough; lines stay few). */
const ROW_STEPS = 20;

/**
 * `verifyFirewall` with progress on a terminal: rows checked, then the configuration's rules (checked at once).
 * Nothing is printed when stderr is not a terminal, unless FLOWMATRIX_PROGRESS=1 (one line per step).
 */
export function verifyWithProgress(
  matrix: Matrix,
  firewall: string,
  read: ReadConfig,
  ctx: CliContext,
  progress = true,
): Verification {
  const { ruleset, format } = read;
  const rules = countRules(ruleset);
  let stages: Stages | undefined;
  let every = 1;
  const verification = verifyFirewall(matrix, firewall, ruleset, {
    ...(format.zones ? { zones: format.zones } : {}),
    ...(format.egress ? { egress: format.egress } : {}),
    ...(progress ? { onProgress } : {}),
  });
  stages?.stop();
  return verification;

  function onProgress(p: { stage: 'rows' | 'rules'; rows: number; rowsOf: number }): void {
    if (!stages) {
      every = Math.max(1, Math.ceil(p.rowsOf / ROW_STEPS));
      stages = new Stages(ctx, Math.ceil(p.rowsOf / every) + 1);
    }
    const rowsWord = p.rowsOf === 1 ? 'row' : 'rows';
    if (p.stage === 'rules')
      stages.next(`${firewall}: ${p.rowsOf} ${rowsWord} checked, checking ${counted(rules, 'rule', 'rules', 'en')}`);
    else if (p.rows % every === 0 || p.rows === p.rowsOf)
      stages.next(`${firewall}: ${p.rows}/${p.rowsOf} ${rowsWord} checked`);
  }
}

/**
 * The report of one firewall, for the matrix documents (no rules to add: the documents show verdicts). `progress`
 * off when the caller shows its own.
 */
export const reportOf = (
  matrix: Matrix,
  firewall: string,
  paths: readonly string[],
  read: ReadConfig,
  ctx: CliContext,
  progress = true,
): VerifyReport =>
  buildReport(verifyWithProgress(matrix, firewall, read, ctx, progress), {
    site: matrix.site.id,
    config: paths,
    format: read.format.id,
  });

/** The verdict counts a run prints on standard error, in the report's words (`8 autorisés, 0 autorisé en partie, …`). */
export const verdictCounts = (c: Readonly<Record<RowVerdict, number>>, lang: Lang): string =>
  (['permitted', 'partial', 'denied', 'indeterminate'] as const).map((v) => verdictCount(v, c[v], lang)).join(', ');

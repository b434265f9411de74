import { readFile } from 'node:fs/promises';
import { dirname, resolve as resolvePath } from 'node:path';
import { Option } from 'commander';
import { stringify } from 'yaml';
import { siteFindings as auditSiteFile, locator, placeIn, type Subject } from '../../audit/edge.js';
import {
  type AuditFormatId,
  type AuditReport,
  type AuditRuleId,
  auditFormatIds,
  auditFormats,
  auditRuleIds,
  blocking,
  checkPolicy,
  policyFromCsv,
  policyFromMatrix,
  policyToCsv,
  runAudit,
} from '../../audit/index.js';
import { builtinCatalogPath, listBuiltinCatalogs, loadBuiltinCatalog, loadSiteFile } from '../../catalog/fs.js';
import { resolveCatalog } from '../../matrix/index.js';
import { SEVERITIES, type Severity } from '../../model/finding.js';
import { didYouMean, type Issue } from '../../model/issues.js';
import type { Matrix } from '../../model/matrix.js';
import type { Site } from '../../model/site.js';
import { collect, defineCommand } from '../command.js';
import { type CliContext, EXIT, type ExitCode, langOf } from '../context.js';
import { writeFilesAtomically } from '../files.js';
import { loadMatrix } from '../load.js';
import { reportIssues } from '../report.js';

interface AuditCliOptions {
  catalog?: string;
  format?: AuditFormatId;
  lang?: string;
  failOn?: Severity;
  output?: string;
  maxPortRange?: string;
  rule?: string[];
  today?: string;
  feature?: string[];
  set?: string[];
}

export const auditCommand = defineCommand<AuditCliOptions>({
  name: 'audit',
  summary: 'Tell a security team, before anything is opened, what in a matrix is risky and why',
  description:
    'Runs the audit rules on a site (or on a built-in catalog alone with --catalog: every feature on, site rules skipped), ' +
    'applies the site’s zone policy and suppressions, and writes the findings as text, JSON, SARIF 2.1.0 (code scanning), ' +
    `JUnit XML (CI test reports) or Markdown. Rules: ${auditRuleIds.join(', ')} (docs/audit-rules.md). ` +
    'Exit 1 when an unsuppressed finding at or above --fail-on remains, 2 on bad input.',
  examples: [
    'flowmatrix audit examples/hamilton-site.yaml',
    'flowmatrix audit examples/exchange-2007-site.yaml --fail-on high   # CI gate',
    'flowmatrix audit examples/lync-2013-edge-site.yaml -f sarif -o out/audit.sarif',
    'flowmatrix audit examples/hamilton-site.yaml -f junit -o out/audit-junit.xml --lang fr',
    'flowmatrix audit --catalog exchange-2007 -f md --lang fr',
    'flowmatrix audit examples/lync-2013-edge-site.yaml --max-port-range 256 --rule wide-port-range',
  ],
  configure: (cmd) =>
    cmd
      .argument('[site]', 'site file (YAML); or use --catalog')
      .option('--catalog <id>', 'audit a built-in catalog alone (every feature on)')
      .addOption(new Option('-f, --format <format>', 'report format').choices(auditFormatIds).default('text'))
      .addOption(new Option('--lang <lang>', 'language of the report').choices(['fr', 'en']))
      .addOption(
        new Option('--fail-on <severity>', 'exit 1 when an unsuppressed finding at or above this remains').choices(
          SEVERITIES.filter((s) => s !== 'info'),
        ),
      )
      .option('-o, --output <file>', 'write the report to this file (atomically); default: standard output')
      .option('--max-port-range <n>', 'widest port range allowed through a firewall (default 1024)')
      .option('--rule <id>', 'run only this rule (repeatable)', collect)
      .option('--today <date>', 'audit as of this day (YYYY-MM-DD; default: the clock) — for expiry of suppressions')
      .option('--feature <name=on|off>', 'turn a catalog feature on or off (repeatable)', collect)
      .option('--set <name=value>', 'set a catalog parameter (repeatable)', collect),
  async handler([site], options, ctx) {
    const settings = auditSettings(options, ctx);
    if ('error' in settings) {
      ctx.err(`${settings.error}\n`);
      return EXIT.badInput;
    }
    if ((site === undefined) === (options.catalog === undefined)) {
      ctx.err('give a site file or --catalog ID (one of them) — e.g. flowmatrix audit examples/hamilton-site.yaml\n');
      return EXIT.badInput;
    }
    const subject = site
      ? await loadSiteSubject(site, options, ctx)
      : loadCatalogSubject(options.catalog as string, ctx);
    if ('code' in subject) return subject.code;
    const result = runAudit({
      matrix: subject.matrix,
      catalogs: subject.catalogs,
      policy: subject.site?.policy ?? [],
      suppressions: subject.site?.suppressions ?? [],
      today: settings.today,
      options: { maxPortRange: settings.maxPortRange },
      ...(settings.rules ? { rules: settings.rules } : {}),
    });
    if (result.warnings.length > 0 && subject.sitePath) reportIssues(ctx, placeIn(subject.sitePath, result.warnings));
    const lang = langOf(options.lang, ctx);
    const report: AuditReport = {
      subject: { mode: subject.matrix.mode, id: subject.matrix.site.id, title: subject.matrix.site.title },
      result,
      rows: subject.matrix.rows,
      lang,
      today: settings.today,
      locate: locator(subject, ctx.cwd),
    };
    const format = options.format ?? 'text';
    const content = auditFormats[format](report);
    if (options.output) {
      const path = resolvePath(ctx.cwd, options.output);
      await writeFilesAtomically([{ path, content }]);
      ctx.err(`  ${path}\n`);
    } else ctx.out(content);
    if (options.output || format !== 'text') {
      const active = result.findings.filter((f) => !f.suppressed).length;
      ctx.err(`${active} active finding(s), ${result.findings.length - active} suppressed\n`);
    }
    return options.failOn && blocking(result.findings, options.failOn).length > 0 ? EXIT.checksFailed : EXIT.ok;
  },
});

function auditSettings(
  options: AuditCliOptions,
  ctx: CliContext,
): { today: string; maxPortRange: number; rules?: AuditRuleId[] } | { error: string } {
  const today = options.today ?? ctx.env.FLOWMATRIX_TODAY ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today)))
    return { error: `--today ${today}: expected a date YYYY-MM-DD` };
  const maxPortRange = options.maxPortRange === undefined ? 1024 : Number(options.maxPortRange);
  if (!Number.isInteger(maxPortRange) || maxPortRange < 1 || maxPortRange > 65535)
    return { error: `--max-port-range ${options.maxPortRange}: expected a number of ports, 1 to 65535` };
  const unknown = (options.rule ?? []).filter((r) => !(auditRuleIds as string[]).includes(r));
  if (unknown.length > 0)
    return {
      error: unknown
        .map((r) => `--rule ${r}: unknown rule — ${didYouMean(r, auditRuleIds) ?? `rules: ${auditRuleIds.join(', ')}`}`)
        .join('\n'),
    };
  return { today, maxPortRange, ...(options.rule ? { rules: options.rule as AuditRuleId[] } : {}) };
}

async function loadSiteSubject(
  file: string,
  options: AuditCliOptions,
  ctx: CliContext,
): Promise<Subject | { code: ExitCode }> {
  const loaded = await loadMatrix(file, options, ctx);
  if (!loaded.ok) return { code: loaded.code };
  const sitePath = resolvePath(ctx.cwd, file);
  // Loaded once more for the site and catalogs themselves (the matrix does not carry constraints or suppressions).
  const again = loadSiteFile(sitePath);
  if (!again.ok) return { code: reportIssues(ctx, again.issues) };
  const policyIssues = checkPolicy(again.value.site.policy ?? [], Object.keys(again.value.site.zones));
  if (policyIssues.length > 0) return { code: reportIssues(ctx, placeIn(sitePath, policyIssues)) };
  const catalogFiles = new Map<string, string>();
  for (const [ref, catalog] of again.value.catalogs) {
    const path =
      /[/\\]/.test(ref) || /\.ya?ml$/i.test(ref) ? resolvePath(dirname(sitePath), ref) : builtinCatalogPath(ref);
    if (path) catalogFiles.set(catalog.id, path);
  }
  return {
    matrix: loaded.matrix,
    catalogs: [...again.value.catalogs.values()],
    site: again.value.site,
    sitePath,
    catalogFiles,
  };
}

function loadCatalogSubject(id: string, ctx: CliContext): Subject | { code: ExitCode } {
  const path = builtinCatalogPath(id);
  if (!path) {
    const ids = listBuiltinCatalogs();
    ctx.err(`unknown catalog "${id}" — ${didYouMean(id, ids) ?? `built-in catalogs: ${ids.join(', ')}`}\n`);
    return { code: EXIT.badInput };
  }
  const loaded = loadBuiltinCatalog(id);
  if (!loaded.ok) return { code: reportIssues(ctx, loaded.issues) };
  return { matrix: resolveCatalog(loaded.value), catalogs: [loaded.value], catalogFiles: new Map([[id, path]]) };
}

export const policyExportCommand = defineCommand<{ output?: string; fromFlows?: boolean; excelFr?: boolean }>({
  name: 'policy export',
  summary: 'Write a site’s zone-to-zone policy as CSV (From zone, To zone, Severity, Access Type, Services)',
  description:
    'The columns zone-matrix tools import. With --from-flows, the policy the matrix needs: for each zone pair a flow crosses, ' +
    '"allow only" the services it carries — a starting point to tighten, then import back.',
  examples: [
    'flowmatrix policy export examples/hamilton-site.yaml -o out/zones.csv',
    'flowmatrix policy export examples/hamilton-site.yaml --from-flows --excel-fr > zones.csv',
  ],
  configure: (cmd) =>
    cmd
      .argument('<site>', 'site file (YAML)')
      .option('-o, --output <file>', 'CSV file (default: standard output)')
      .option('--from-flows', 'derive the policy from the site’s flows instead of its policy: entry')
      .option('--excel-fr', '";" separator and a byte-order mark, for French Excel'),
  async handler([site], options, ctx) {
    let policy: Site['policy'];
    if (options.fromFlows) {
      const loaded = await loadMatrix(site as string, {}, ctx);
      if (!loaded.ok) return loaded.code;
      policy = policyFromMatrix(loaded.matrix);
    } else {
      const loaded = loadSiteFile(resolvePath(ctx.cwd, site as string));
      if (!loaded.ok) return reportIssues(ctx, loaded.issues);
      policy = loaded.value.site.policy;
      if (!policy || policy.length === 0) {
        ctx.err(
          `${site}: no policy: entry — write one, import a CSV (flowmatrix policy import), or use --from-flows\n`,
        );
        return EXIT.badInput;
      }
    }
    const csv = policyToCsv(policy, options.excelFr ? ';' : ',');
    const content = options.excelFr ? `\uFEFF${csv}` : csv;
    if (!options.output) ctx.out(content);
    else await writeFilesAtomically([{ path: resolvePath(ctx.cwd, options.output), content }]);
    return EXIT.ok;
  },
});

export const policyImportCommand = defineCommand<{ site?: string }>({
  name: 'policy import',
  summary: 'Read a zone-to-zone policy CSV and print it as the site’s policy: entry (or write it into a site file)',
  description:
    'Columns: From zone, To zone, Severity, Access Type (allow all | block all | allow only | block only), Services (tcp/443;udp/53 or tcp 443). ' +
    '"," or ";" separated, with or without a byte-order mark. With --site, the policy: entry of that file is replaced (comments elsewhere kept).',
  examples: [
    'flowmatrix policy import zones.csv',
    'flowmatrix policy import zones.csv --site examples/hamilton-site.yaml',
  ],
  configure: (cmd) =>
    cmd.argument('<csv>', 'policy CSV file').option('--site <file>', 'write the policy into this site file'),
  async handler([file], options, ctx) {
    const path = resolvePath(ctx.cwd, file as string);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      ctx.err(`${file}: cannot be read — check the path\n`);
      return EXIT.badInput;
    }
    const { policy, issues } = policyFromCsv(text);
    if (issues.length > 0)
      return reportIssues(
        ctx,
        issues.map((i) => ({ ...i, file: file as string })),
      );
    if (!options.site) {
      ctx.out(stringify({ policy }, { lineWidth: 0 }));
      return EXIT.ok;
    }
    const { parseDocument } = await import('yaml');
    const sitePath = resolvePath(ctx.cwd, options.site);
    const doc = parseDocument(await readFile(sitePath, 'utf8'));
    const data = doc.toJS() as { zones?: Record<string, unknown> } | null;
    const names = data?.zones ?? {};
    const bad = checkPolicy(policy, Object.keys(names));
    if (bad.length > 0)
      return reportIssues(
        ctx,
        bad.map((i: Issue) => ({ ...i, file: file as string, line: Number(i.path[1]) + 2, col: 1 })),
      );
    doc.set('policy', doc.createNode(policy));
    await writeFilesAtomically([{ path: sitePath, content: doc.toString({ lineWidth: 0 }) }]);
    ctx.err(`${policy.length} policy entries written to ${options.site}\n`);
    return EXIT.ok;
  },
});

/** Registered together: `audit`, `policy export`, `policy import`. */
export const auditCommands = [auditCommand, policyExportCommand, policyImportCommand] as const;

/** The site's unsuppressed findings, for documents that show them (XLSX Findings sheet, HTML column). */
export const siteFindings = (file: string, matrix: Matrix, ctx: CliContext) =>
  auditSiteFile(resolvePath(ctx.cwd, file), matrix, ctx.env.FLOWMATRIX_TODAY ?? new Date().toISOString().slice(0, 10));

import { resolve as resolvePath } from 'node:path';
import { Option } from 'commander';
import { locator, type Subject } from '../../audit/edge.js';
import {
  type AuditFormatId,
  type AuditReport,
  type AuditResult,
  type AuditRuleId,
  auditFormatIds,
  auditFormats,
  auditRuleIds,
  auditSite,
  blocking,
  runAudit,
} from '../../audit/index.js';
import { builtinCatalogPath, loadBuiltinCatalog, placeIssuesIn } from '../../catalog/fs.js';
import { resolveCatalog } from '../../matrix/index.js';
import { SEVERITIES, type Severity } from '../../model/finding.js';
import { didYouMean } from '../../model/issues.js';
import { collect, defineCommand, langOption, siteOptions } from '../command.js';
import { type CliContext, EXIT, type ExitCode, langOf, todayOf } from '../context.js';
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
    siteOptions(
      cmd
        .argument('[site]', 'site file (YAML); or use --catalog')
        .option('--catalog <id>', 'audit a built-in catalog alone (every feature on)')
        .addOption(new Option('-f, --format <format>', 'report format').choices(auditFormatIds).default('text'))
        .addOption(langOption('language of the report'))
        .addOption(
          new Option('--fail-on <severity>', 'exit 1 when an unsuppressed finding at or above this remains').choices(
            SEVERITIES.filter((s) => s !== 'info'),
          ),
        )
        .option('-o, --output <file>', 'write the report to this file (atomically); default: standard output')
        .option('--max-port-range <n>', 'widest port range allowed through a firewall (default 1024)')
        .option('--rule <id>', 'run only this rule (repeatable)', collect)
        .option('--today <date>', 'audit as of this day (YYYY-MM-DD; default: the clock) — for expiry of suppressions'),
    ),
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
    const choices = {
      options: { maxPortRange: settings.maxPortRange },
      ...(settings.rules ? { rules: settings.rules } : {}),
    };
    const audited = site
      ? await auditSiteFile(site, options, settings.today, choices, ctx)
      : auditCatalog(options.catalog as string, settings.today, choices, ctx);
    if ('code' in audited) return audited.code;
    const { subject, result } = audited;
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

type Choices = { options: { maxPortRange: number }; rules?: AuditRuleId[] };
type Audited = { subject: Subject; result: AuditResult } | { code: ExitCode };

function auditSettings(
  options: AuditCliOptions,
  ctx: CliContext,
): { today: string; maxPortRange: number; rules?: AuditRuleId[] } | { error: string } {
  const today = options.today ?? todayOf(ctx);
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

async function auditSiteFile(
  file: string,
  options: AuditCliOptions,
  today: string,
  choices: Choices,
  ctx: CliContext,
): Promise<Audited> {
  const loaded = await loadMatrix(file, options, ctx);
  if (!loaded.ok) return { code: loaded.code };
  const result = auditSite(loaded, today, choices);
  // Suppressions that match nothing: stale or mistyped, said once, on the site file.
  if (result.warnings.length > 0) reportIssues(ctx, placeIssuesIn(loaded.sitePath, result.warnings));
  return { subject: { ...loaded, catalogs: [...loaded.catalogs.values()] }, result };
}

function auditCatalog(id: string, today: string, choices: Choices, ctx: CliContext): Audited {
  const loaded = loadBuiltinCatalog(id);
  if (!loaded.ok) return { code: reportIssues(ctx, loaded.issues) };
  const matrix = resolveCatalog(loaded.value);
  const catalogs = [loaded.value];
  const path = builtinCatalogPath(id);
  return {
    subject: { matrix, catalogs, catalogFiles: new Map(path ? [[id, path]] : []) },
    result: runAudit({ matrix, catalogs, today, ...choices }),
  };
}

import { join, resolve as resolvePath } from 'node:path';
import { Option } from 'commander';
import type { Finding } from '../../model/finding.js';
import { severityRank } from '../../model/finding.js';
import type { Issue } from '../../model/issues.js';
import type { Matrix } from '../../model/matrix.js';
import { type Lang, pick } from '../../model/text.js';
import { type GenerateOptions, generate, isTargetId, targetIds, targets } from '../../targets/index.js';
import { append } from '../../util/append.js';
import { defineCommand, langOption, siteOptions } from '../command.js';
import { type CliContext, colours, EXIT, langOf } from '../context.js';
import { writeFilesAtomically } from '../files.js';
import { loadMatrix } from '../load.js';
import { reportIssues } from '../report.js';

interface GenerateCliOptions {
  target?: string;
  firewall?: string;
  output?: string;
  lang?: string;
  feature?: string[];
  set?: string[];
  strict?: boolean;
}

export const generateCommand = defineCommand<GenerateCliOptions>({
  name: 'generate',
  summary: 'Write the rules each firewall (or proxy) of a site needs, in its own language',
  description:
    'Each firewall gets exactly the rows whose zone path crosses it, in the platform it declares (firewalls[].platform), or in --target; a site with an outbound proxy also gets its PAC file. ' +
    'A row a platform cannot express (a wildcard FQDN on iptables, an FQDN on a security group…) is never widened or dropped: it is listed as a finding with the reason and the alternative. ' +
    `Targets: ${targetIds.join(', ')}.`,
  examples: [
    'flowmatrix generate examples/hamilton-site.yaml -o out/rules',
    'flowmatrix generate examples/hamilton-site.yaml --firewall fw-edge',
    'flowmatrix generate examples/lync-2013-edge-site.yaml --firewall fw-internal --target iptables -o out/rules',
    'flowmatrix generate examples/hamilton-site.yaml --target squid -o out/proxy   # the outbound proxy’s ACLs',
    'flowmatrix generate examples/hamilton-site.yaml --strict   # exit 1 when a row could not be expressed',
  ],
  configure: (cmd) =>
    siteOptions(
      cmd
        .argument('<site>', 'site file (YAML)')
        .addOption(
          new Option('-t, --target <target>', 'platform to render for (default: each firewall’s own)').choices(
            targetIds,
          ),
        )
        .option('--firewall <name>', 'only this firewall (default: every firewall of the site)')
        .option('-o, --output <dir>', 'folder for the generated files (default: standard output)')
        .addOption(langOption('language of findings'))
        .option('--strict', 'exit 1 when any finding of severity medium or above remains'),
    ),
  async handler([site], options, ctx) {
    const loaded = await loadMatrix(site as string, options, ctx);
    if (!loaded.ok) return loaded.code;
    const { matrix } = loaded;
    const lang = langOf(options.lang, ctx);
    const runs: GenerateOptions[] = options.firewall
      ? [{ firewall: options.firewall, ...(options.target ? { target: options.target } : {}) }]
      : options.target
        ? forTarget(options.target, matrix)
        : [
            ...matrix.firewalls.map((f) => ({ firewall: f.name })),
            // Clients of a site with an outbound proxy need its PAC file; the proxy's own ACLs: --target squid.
            ...(matrix.proxy ? [{ target: 'pac' }] : []),
          ];
    if (runs.length === 0) {
      ctx.err(`${site}: the site declares no firewall — add one under firewalls:, or pass --target\n`);
      return EXIT.badInput;
    }
    const issues: Issue[] = [];
    const files: { path: string; content: string }[] = [];
    const findings: Finding[] = [];
    for (const run of runs) {
      const r = generate(matrix, run);
      if (!r.ok) {
        issues.push(...r.issues.map((i) => ({ ...i, file: i.file ?? (site as string) })));
        continue;
      }
      for (const a of r.value.artifacts) files.push({ path: a.path, content: a.content });
      append(findings, r.value.findings);
    }
    if (issues.length > 0) return reportIssues(ctx, issues);
    if (options.output) {
      const dir = resolvePath(ctx.cwd, options.output);
      await writeFilesAtomically(files.map((f) => ({ path: join(dir, f.path), content: f.content })));
      for (const f of files) ctx.err(`  ${join(dir, f.path)}\n`);
    } else {
      for (const f of files) ctx.out(files.length > 1 ? `# ---- ${f.path}\n${f.content}` : f.content);
    }
    printFindings(ctx, findings, lang);
    const blocking = findings.filter((f) => severityRank(f.severity) >= severityRank('medium'));
    return options.strict && blocking.length > 0 ? EXIT.checksFailed : EXIT.ok;
  },
});

function printFindings(ctx: CliContext, findings: readonly Finding[], lang: Lang): void {
  if (findings.length === 0) return;
  const c = colours(ctx);
  // Rows of one flow from several sources often share a message: print it once, with how many rows it covers.
  const groups = new Map<string, { finding: Finding; rows: Set<string> }>();
  for (const f of findings) {
    const id = `${f.rule}|${pick(f.message, lang)}`;
    const g = groups.get(id) ?? { finding: f, rows: new Set<string>() };
    g.rows.add(f.key ?? '');
    groups.set(id, g);
  }
  ctx.err(`${c.bold(lang === 'fr' ? 'Constats' : 'Findings')} (${groups.size}):\n`);
  for (const { finding: f, rows } of groups.values()) {
    const times = rows.size > 1 ? ` (×${rows.size} ${lang === 'fr' ? 'lignes' : 'rows'})` : '';
    const line = `  ${f.severity.padEnd(8)} ${f.rule}  ${pick(f.message, lang)}${times}`;
    ctx.err(`${severityRank(f.severity) >= severityRank('medium') ? c.yellow(line) : line}\n`);
    if (f.remediation) ctx.err(`           → ${pick(f.remediation, lang)}\n`);
  }
}

/**
 * `--target T` alone: the firewalls that run T, or, when none does, every firewall rendered in T (what would this
 * site need on that platform?). A proxy target renders once, for the site's proxy.
 */
function forTarget(target: string, matrix: Matrix): GenerateOptions[] {
  if (!isTargetId(target) || targets[target].scope === 'proxy') return [{ target }];
  const own = matrix.firewalls.filter((f) => f.platform === target);
  return (own.length > 0 ? own : matrix.firewalls).map((f) => ({ firewall: f.name, target }));
}

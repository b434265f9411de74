import { Option } from 'commander';
import { SEVERITIES, type Severity } from '../../model/finding.js';
import { collect, defineCommand, FORCE_HELP, langOption, siteOptions } from '../command.js';
import { AUDIT_FORMAT_IDS, AUDIT_RULE_IDS, type AuditFormatChoice } from '../ids.js';

export interface AuditCliOptions {
  force?: boolean;
  catalog?: string;
  format?: AuditFormatChoice;
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
    'Runs the audit rules on a site (or on a catalog alone with --catalog ID or --catalog FILE: every feature on, site rules skipped), ' +
    'applies the site’s zone policy and suppressions, and writes the findings as text, JSON, SARIF 2.1.0 (code scanning), ' +
    `JUnit XML (CI test reports) or Markdown. Rules: ${AUDIT_RULE_IDS.join(', ')} (docs/audit-rules.md). ` +
    'Exit 1 when an unsuppressed finding at or above --fail-on remains, 2 on bad input.',
  examples: [
    'flowmatrix audit examples/hamilton-site.yaml',
    'flowmatrix audit examples/exchange-2007-site.yaml --fail-on high   # CI gate',
    'flowmatrix audit examples/lync-2013-edge-site.yaml -f sarif -o out/audit.sarif',
    'flowmatrix audit examples/hamilton-site.yaml -f junit -o out/audit-junit.xml --lang fr',
    'flowmatrix audit --catalog exchange-2007 -f md --lang fr',
    'flowmatrix audit --catalog ./my-app.yaml',
    'flowmatrix audit examples/lync-2013-edge-site.yaml --max-port-range 256 --rule wide-port-range',
  ],
  configure: (cmd) =>
    siteOptions(
      cmd
        .argument('[site]', 'site file (YAML); or use --catalog')
        .option('--catalog <catalog>', 'audit a catalog alone, built-in id or file (every feature on)')
        .addOption(new Option('-f, --format <format>', 'report format').choices(AUDIT_FORMAT_IDS).default('text'))
        .addOption(langOption('language of the report'))
        .addOption(
          new Option('--fail-on <severity>', 'exit 1 when an unsuppressed finding at or above this remains').choices(
            SEVERITIES.filter((s) => s !== 'info'),
          ),
        )
        .option('-o, --output <file>', 'write the report to this file (atomically); default: standard output')
        .option('--force', FORCE_HELP)
        .option('--max-port-range <n>', 'widest port range allowed through a firewall (default 1024)')
        .option('--rule <id>', 'run only this rule (repeatable)', collect)
        .option('--today <date>', 'audit as of this day (YYYY-MM-DD; default: the clock) — for expiry of suppressions'),
    ),
  handler: async ([site], options, ctx) => (await import('../actions/audit.js')).audit(site, options, ctx),
});

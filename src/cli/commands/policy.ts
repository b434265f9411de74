import { defineCommand, FORCE_HELP, langOption } from '../command.js';

export interface PolicyExportOptions {
  force?: boolean;
  output?: string;
  fromFlows?: boolean;
  excelFr?: boolean;
  lang?: string;
}

export interface PolicyImportOptions {
  site?: string;
  lang?: string;
}

export const policyExportCommand = defineCommand<PolicyExportOptions>({
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
      .option('--force', FORCE_HELP)
      .option('--from-flows', 'derive the policy from the site’s flows instead of its policy: entry')
      .option('--excel-fr', '";" separator and a byte-order mark, for French Excel')
      .addOption(langOption('language of the problems')),
  handler: async ([site], options, ctx) =>
    (await import('../actions/policy.js')).exportPolicy(site as string, options, ctx),
});

export const policyImportCommand = defineCommand<PolicyImportOptions>({
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
    cmd
      .argument('<csv>', 'policy CSV file')
      .option('--site <file>', 'write the policy into this site file')
      .addOption(langOption('language of the problems')),
  handler: async ([file], options, ctx) =>
    (await import('../actions/policy.js')).importPolicy(file as string, options, ctx),
});

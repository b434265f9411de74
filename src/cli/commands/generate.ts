import { Option } from 'commander';
import { collect, defineCommand, FORCE_HELP, langOption, siteOptions } from '../command.js';
import { TARGET_IDS } from '../ids.js';

export interface GenerateCliOptions {
  force?: boolean;
  target?: string;
  firewall?: string;
  output?: string;
  findings?: string;
  lang?: string;
  feature?: string[];
  set?: string[];
  strict?: boolean;
  option?: string[];
}

export const generateCommand = defineCommand<GenerateCliOptions>({
  name: 'generate',
  summary: 'Write the rules each firewall (or proxy) of a site needs, in its own language',
  description:
    'Each firewall gets exactly the rows whose zone path crosses it, in the platform it declares (firewalls[].platform), or in --target; a site with an outbound proxy also gets its PAC file. ' +
    'A row a platform cannot express (a wildcard FQDN on iptables, an FQDN on a security group…) is never widened or dropped: it is listed as a finding with the reason and the alternative. ' +
    'With -o, every finding is also written to findings.txt in that folder (or to --findings FILE; FILE.json: every finding, with its row); ' +
    'the terminal lists them when there are a few and summarises them (per kind, the heaviest) when there are many. ' +
    `Targets: ${TARGET_IDS.join(', ')}.`,
  examples: [
    'flowmatrix generate examples/hamilton-site.yaml -o out/rules',
    'flowmatrix generate examples/hamilton-site.yaml --firewall fw-edge',
    'flowmatrix generate examples/lync-2013-edge-site.yaml --firewall fw-internal --target iptables -o out/rules',
    'flowmatrix generate examples/hamilton-site.yaml --target squid -o out/proxy   # the outbound proxy’s ACLs',
    'flowmatrix generate examples/hamilton-site.yaml --strict   # exit 1 when a row could not be expressed',
    'flowmatrix generate examples/hamilton-site.yaml -o out/rules --findings out/findings.json',
    'flowmatrix generate examples/lync-2013-edge-site.yaml --target iptables --option mode=coexist   # beside existing rules',
  ],
  configure: (cmd) =>
    siteOptions(
      cmd
        .argument('<site>', 'site file (YAML)')
        .addOption(
          new Option('-t, --target <target>', 'platform to render for (default: each firewall’s own)').choices(
            TARGET_IDS,
          ),
        )
        .option('--firewall <name>', 'only this firewall (default: every firewall of the site)')
        .option('-o, --output <dir>', 'folder for the generated files (default: standard output)')
        .option('--force', FORCE_HELP)
        .option(
          '--findings <file>',
          'write every finding to this file (.json: JSON, else text); default with -o: DIR/findings.txt',
        )
        .option(
          '--option <name=value>',
          'a target option, over the site’s firewalls[].options (repeatable; mode=coexist, placement=top…); each target’s options: docs/targets.md',
          collect,
        )
        .addOption(langOption('language of findings'))
        .option('--strict', 'exit 1 when any finding of severity medium or above remains'),
    ),
  handler: async ([site], options, ctx) =>
    (await import('../actions/generate.js')).generateRules(site as string, options, ctx),
});

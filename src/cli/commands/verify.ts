import { Option } from 'commander';
import { SEVERITIES, type Severity } from '../../model/finding.js';
import { collect, defineCommand, FORCE_HELP, langOption, siteOptions } from '../command.js';
import { CONFIG_FORMAT_IDS, VERIFY_REPORT_IDS } from '../ids.js';

export interface VerifyCliOptions {
  force?: boolean;
  firewall?: string;
  config?: string[];
  format?: string;
  scope?: string;
  report?: string;
  output?: string;
  lang?: string;
  failOn?: Severity;
  packet?: string[];
  feature?: string[];
  set?: string[];
}

export const verifyCommand = defineCommand<VerifyCliOptions>({
  name: 'verify',
  summary: 'Tell whether a firewall in service lets the matrix through, by which rules, and what else it opens',
  description:
    'Reads a firewall configuration as the device gives it (--config, several files for iptables + ip6tables + ' +
    'ipset save, or iptables-restore input with -A, -I, -R, -D, -C, -P, -F, -N, -X, -Z; --format auto detects the syntax) and confronts it with the site’s matrix: each row crossing --firewall ' +
    'is permitted, denied, partial (which addresses, ports or family are not let through, by which rule) or ' +
    'indeterminate (a match the analysis does not interpret could change it, named with its line). Each rule of the ' +
    'configuration is checked too: hidden by the union of earlier rules (redundant, or conflict when they decide ' +
    'otherwise), needed by no row, or opening more than the matrix asks. Rules are named by file:line, and by ' +
    'file:line:col in nft -j JSON (one line for the whole ruleset). With --packet and no site, tells which rule ' +
    'decides a packet. Exit 1 when a finding at or above --fail-on remains, 2 on bad input.',
  examples: [
    'flowmatrix verify examples/hamilton-site.yaml --firewall fw-edge --config fw-edge.rules',
    'flowmatrix verify site.yaml --firewall fw1 --config v4.rules --config v6.rules --config sets.ipset --fail-on high',
    'flowmatrix verify site.yaml --firewall fw1 --config ruleset.nft -r sarif -o verify.sarif',
    'flowmatrix verify site.yaml --firewall pa1 --config panorama.xml --scope branch-offices',
    'flowmatrix verify --config fw.rules --packet "tcp 10.1.2.3:40000 -> 192.0.2.10:443 in eth0"',
  ],
  configure: (cmd) =>
    siteOptions(
      cmd
        .argument('[site]', 'site file (YAML); not needed with --packet')
        .option('--firewall <name>', 'the site firewall the configuration belongs to')
        .option('--config <file>', 'configuration file as the device gives it (repeatable)', collect)
        .option(
          '--format <format>',
          `configuration syntax: ${CONFIG_FORMAT_IDS.join(', ')} (auto: detected from the first file)`,
          'auto',
        )
        .option(
          '--scope <scope>',
          'PAN-OS: the device group (GROUP or GROUP/VSYS) or vsys to verify, when the file holds several',
        )
        .addOption(new Option('-r, --report <format>', 'report format').choices(VERIFY_REPORT_IDS).default('text'))
        .option('-o, --output <file>', 'write the report to this file; default: standard output')
        .option('--force', FORCE_HELP)
        .addOption(langOption('language of the report'))
        .addOption(
          new Option('--fail-on <severity>', 'exit 1 when a finding at or above this remains').choices(
            SEVERITIES.filter((s) => s !== 'info'),
          ),
        )
        .option(
          '--packet <packet>',
          'which rule decides this packet: "tcp SRC:PORT -> DST:PORT [in IF] [out IF] [from-zone Z] [to-zone Z] [state S] [flags F,F] [path bridged|routed]" (repeatable; on ASA, FortiOS, SRX and PAN-OS `in IF`/`out IF` gives the zone the configuration puts IF in, and a contradicting from-zone/to-zone is refused; on ASA, SRX, FortiOS and PAN-OS an interface unsaid is taken from the routes (the route of the destination for out, of the source for in; a discard route places nothing); an interface or zone the rules use and the packet does not say is tried in each; `flags` gives TCP flags (syn, ack, fin, rst, psh, urg, ecn, cwr, none) — a new TCP packet without them is the opening SYN; `path` decides iptables physdev matches — two different interfaces mean routed)',
          collect,
        ),
    ),
  handler: async ([site], options, ctx) => (await import('../actions/verify.js')).verify(site, options, ctx),
});

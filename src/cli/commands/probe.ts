import { Option } from 'commander';
import { defineCommand, FORCE_HELP, langOption, siteOptions } from '../command.js';

export interface ProbeCliOptions {
  force?: boolean;
  from?: string;
  as?: string;
  only?: string[];
  concurrency?: string;
  perHost?: string;
  timeout?: string;
  proxy?: string;
  resolver?: string;
  caFile?: string;
  format?: string;
  output?: string;
  plan?: boolean;
  import?: string;
  emit?: string;
  lang?: string;
  feature?: string[];
  set?: string[];
}

/** Report formats; repeated from src/probe/report so that --help loads nothing heavy. */
const FORMATS = ['text', 'json', 'junit', 'md', 'html'];
/** Script languages of `--emit`, for hosts without Node. */
const SHELLS = ['bash', 'powershell'];

export const probeCommand = defineCommand<ProbeCliOptions>({
  name: 'probe',
  summary: 'Run the opening checks from the host that must open the flows, and say what works, with evidence',
  description:
    'Probes, from this machine, the matrix rows whose source it is (matched on its own addresses; or --from ROLE, ' +
    '--as HOST): DNS, then TCP on the first port of each range for every address (IPv4 and IPv6 apart: open, ' +
    'closed, filtered), UDP with the application’s own request (a reply passes, ICMP unreachable fails, silence is ' +
    'inconclusive), CONNECT through the site proxy, and every check of the catalogs (the Hamilton §10 checklist, ' +
    'NTP, TLS, HTTP, SMTP, LDAP…). Each result is PASS, FAIL, WARN, INCONCLUSIVE, UNTESTABLE or SKIPPED with its ' +
    'evidence. --plan prints what would be probed and how, touching nothing; --emit bash|powershell writes the same ' +
    'checks as a self-contained script for a source host without Node (--as HOST or --from ROLE), whose JSON output ' +
    '--import renders with the same titles; --import renders a results file. Exit 0 ' +
    'when nothing failed, 1 on a FAIL, 2 on bad input or when nothing could run.',
  examples: [
    'flowmatrix probe examples/hamilton-site.yaml --as hamilton-web --plan',
    'flowmatrix probe site.yaml --from web --only dns ntp --timeout 2000',
    'flowmatrix probe site.yaml --proxy http://proxy.corp.example:3128 --format junit -o probe.xml',
    'flowmatrix probe examples/hamilton-site.yaml --as hamilton-web --emit powershell -o probe-web.ps1',
    'flowmatrix probe --import results.json --format html -o probe.html',
  ],
  configure: (cmd) =>
    siteOptions(
      cmd
        .argument('[site]', 'site file (YAML); not needed with --import')
        .option('--from <role>', 'probe the rows whose source is this catalog role')
        .option('--as <host>', 'probe the rows whose source is this site host or group')
        .option('--only <flow...>', 'only these flows (FLOW or CATALOG.FLOW)')
        .option('--concurrency <n>', 'probes at once, overall', '16')
        .option('--per-host <n>', 'probes at once per destination host', '4')
        .option('--timeout <ms>', 'time allowed to each probe, in milliseconds', '5000')
        .option('--proxy <url>', 'HTTP proxy for the probes through the site proxy (http://[user:pass@]host:port)')
        .option('--resolver <host[:port]>', 'DNS server to ask instead of the system’s')
        .option('--ca-file <pem>', 'the site’s private CA, trusted by every TLS check (a path on the probing host)')
        .addOption(new Option('--format <format>', 'report format').choices(FORMATS).default('text'))
        .option('-o, --output <file>', 'write the report to this file; default: standard output')
        .option('--force', FORCE_HELP)
        .option('--plan', 'print what would be probed and how, and probe nothing')
        .option('--import <file>', 'render a results file (the json format, or a probe script’s output)')
        .addOption(
          new Option('--emit <shell>', 'write the checks as a script for the source host, and probe nothing').choices(
            SHELLS,
          ),
        )
        .addOption(langOption('language of the report')),
    ),
  handler: async ([site], options, ctx) => (await import('../actions/probe.js')).probe(site, options, ctx),
});

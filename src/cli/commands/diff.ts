import { InvalidArgumentError, Option } from 'commander';
import { collect, defineCommand, FORCE_HELP, langOption, siteOptions } from '../command.js';

export interface DiffCliOptions {
  force?: boolean;
  site?: string;
  rev?: string;
  format?: string;
  output?: string;
  lang?: string;
  failOn?: string[];
  deltas?: string;
  feature?: string[];
  set?: string[];
  instance?: string;
  effectiveDate?: string;
  feedVersion?: string;
}

/** Repeated from src/diff (formats and classes) so that --help loads nothing heavy. */
export const DIFF_FORMATS = ['text', 'json', 'md', 'html', 'xlsx'];
export const FAIL_ON = ['opened', 'closed', 'weakened', 'widened', 'moved', 'narrowed', 'security', 'text', 'any'];

/** `--fail-on`, repeatable, each value checked (commander's choices would not collect). */
export function failOn(value: string, previous: string[] = []): string[] {
  if (!FAIL_ON.includes(value)) throw new InvalidArgumentError(`Allowed choices are ${FAIL_ON.join(', ')}.`);
  return collect(value, previous);
}

export const diffCommand = defineCommand<DiffCliOptions>({
  name: 'diff',
  summary: 'What changed between two versions of a matrix, row by row, and the rule delta per firewall',
  description:
    'OLD and NEW are two site files, two catalog files (with --site: the same site resolved with each version), two ' +
    'matrix JSON files (flowmatrix matrix -f json), two Microsoft 365 endpoints answers (each imported as by import m365; ' +
    'the report adds the changes in the service’s own words: AddedIp, AddedUrl, RemovedIpOrUrl…), or with --rev A..B one FILE as it was at two git revisions. Rows ' +
    'are matched by their stable key; each change is classed opened, closed, weakened (authentication, encryption or ' +
    'TLS minimum made weaker), widened, narrowed (addresses, ports, protocols), moved (zones or firewalls crossed), ' +
    'security or text only, with every changed field before and after. --deltas DIR writes, per firewall crossed, ' +
    'the commands that take its generated rules from OLD to NEW and back. Exit 1 when a change of a --fail-on class ' +
    'is found, 2 on bad input; identical versions give an empty diff and exit 0.',
  examples: [
    'flowmatrix diff old-site.yaml examples/hamilton-site.yaml',
    'flowmatrix diff catalogs/hamilton-v1.yaml catalogs/hamilton.yaml --site examples/hamilton-site.yaml -f md',
    'flowmatrix diff --rev HEAD~1..HEAD examples/hamilton-site.yaml --fail-on widened --fail-on opened',
    'flowmatrix diff old.json new.json -f xlsx -o changes.xlsx --lang fr',
    'flowmatrix diff old-site.yaml new-site.yaml --deltas out/deltas',
    'flowmatrix diff endpoints-2025-11-14.json endpoints-2025-12-01.json --effective-date 2025-12-31 -f md',
  ],
  configure: (cmd) =>
    siteOptions(
      cmd
        .argument('[versions...]', 'OLD NEW, or FILE with --rev')
        .option('--site <file>', 'resolve two catalog versions with this site')
        .option('--rev <A..B>', 'compare FILE at git revisions A and B')
        .addOption(
          new Option('-f, --format <format>', 'report format (default: from -o, else text)').choices(DIFF_FORMATS),
        )
        .option('-o, --output <file>', 'write the report to this file; default: standard output')
        .option('--force', FORCE_HELP)
        .addOption(langOption('language of the report'))
        .addOption(
          new Option(
            '--fail-on <class>',
            `exit 1 when a change of this class is found (repeatable): ${FAIL_ON.join(', ')}`,
          ).argParser(failOn),
        )
        .option('--deltas <dir>', 'write per firewall the rule delta (and its rollback) in its platform')
        .option(
          '--instance <instance>',
          'Microsoft 365 endpoints answers: their instance (default: as their URLs say, as import m365 reads it)',
        )
        .option(
          '--effective-date <date>',
          'Microsoft 365 endpoints answers: when NEW goes live (default: the date in its name)',
        )
        .option(
          '--feed-version <version>',
          'Microsoft 365 endpoints answers: NEW’s version (default: its file name; --version is the program’s own)',
        ),
    ),
  handler: async (args, options, ctx) => (await import('../actions/diff.js')).diff(args, options, ctx),
});

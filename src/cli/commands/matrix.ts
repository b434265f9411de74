import { Option } from 'commander';
import { collect, defineCommand, FORCE_HELP, langOption, siteOptions } from '../command.js';
import { CONFIG_FORMAT_IDS, DOCUMENT_FORMAT_IDS, type DocumentFormatId } from '../ids.js';

export interface MatrixOptions {
  force?: boolean;
  format?: DocumentFormatId;
  allFormats?: boolean;
  output?: string;
  lang?: string;
  feature?: string[];
  set?: string[];
  separator?: ',' | ';';
  bom?: boolean;
  excelFr?: boolean;
  verify?: string[];
  verifyFormat?: string;
  probeResults?: string;
}

export const matrixCommand = defineCommand<MatrixOptions>({
  name: 'matrix',
  summary: 'Build a site’s flow matrix and write it as XLSX, CSV, Markdown, HTML, JSON, Mermaid or DOT',
  description:
    'Resolves a site file (catalogs, features, parameters, zones, hosts, firewalls) into concrete matrix rows and renders them. ' +
    'Text formats go to standard output unless -o is given; XLSX needs -o. With --all-formats, -o is a folder that receives every format, and each scenario as a Mermaid sequence diagram. ' +
    'With --verify FIREWALL=CONFIG, each named firewall’s configuration in service is verified against the matrix (as flowmatrix verify does) and the XLSX, HTML, CSV and Markdown documents get a verdict column and the verify items (a sheet, a section).',
  examples: [
    'flowmatrix matrix examples/hamilton-site.yaml -f xlsx -o out/hamilton.xlsx',
    'flowmatrix matrix examples/hamilton-site.yaml -f csv --excel-fr -o out/hamilton.csv   # ; separator + BOM for French Excel',
    'flowmatrix matrix examples/hamilton-site.yaml -f md --lang en --feature sms=off',
    'flowmatrix matrix examples/hamilton-site.yaml --set hamilton.smtp_relay_port=25 -f html -o out/m.html',
    'flowmatrix matrix examples/hamilton-site.yaml --all-formats -o out/',
    'flowmatrix matrix examples/hamilton-site.yaml -f xlsx -o out/m.xlsx --verify fw-internal=fw-internal.nft --verify fw-edge=v4.rules,v6.rules',
  ],
  configure: (cmd) =>
    siteOptions(
      cmd
        .argument('<site>', 'site file (YAML)')
        .addOption(new Option('-f, --format <format>', 'document format').choices(DOCUMENT_FORMAT_IDS))
        .option('--all-formats', 'write every format into the folder given by -o (default out/)')
        .option('-o, --output <path>', 'output file (or folder with --all-formats); default: standard output')
        .option('--force', FORCE_HELP)
        .addOption(langOption('language of the documents'))
        .addOption(new Option('--separator <char>', 'CSV separator').choices([',', ';']))
        .option('--bom', 'CSV: start with a UTF-8 byte-order mark')
        .option('--excel-fr', 'CSV for French Excel: ";" separator and a byte-order mark')
        .option(
          '--verify <firewall=config[,config…]>',
          'verify this firewall’s configuration in service and show the verdicts (repeatable, one per firewall)',
          collect,
        )
        .option(
          '--verify-format <format>',
          `configuration syntax for --verify: ${CONFIG_FORMAT_IDS.join(', ')} (auto: detected from the first file)`,
          'auto',
        )
        .option(
          '--probe-results <file>',
          'show what flowmatrix probe found (its json, or a script’s) in XLSX and HTML',
        ),
    ),
  handler: async ([site], options, ctx) =>
    (await import('../actions/matrix.js')).buildMatrix(site as string, options, ctx),
});

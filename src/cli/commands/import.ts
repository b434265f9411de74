import { Option } from 'commander';
import { collect, defineCommand, FORCE_HELP } from '../command.js';

export interface ImportM365Options {
  force?: boolean;
  changes?: string;
  instance?: string;
  tenant?: string;
  output?: string;
}

/** Repeated from src/import/m365/catalog.ts so that --help loads nothing heavy. */
const INSTANCES = ['worldwide', 'usgov-dod', 'usgov-gcchigh', 'china'];

export const importM365Command = defineCommand<ImportM365Options>({
  name: 'import m365',
  summary: 'Write a catalog from the Microsoft 365 IP Address and URL web service’s endpoints answer',
  description:
    'Reads the JSON answer of endpoints/{instance} as saved: one feature per service area, one fixed role and one flow ' +
    'per endpoint set (URLs and IPv4/IPv6 ranges, TCP and UDP ports), required sets mandatory and the others optional, ' +
    'the category (Optimize, Allow, Default) and ExpressRoute in each flow’s label and notes; a name in several sets ' +
    'follows the highest category. Tenant names (<tenant>, or the * the service writes in their place) become the tenant' +
    ' parameter (--tenant sets its default). --changes records the changes answer in the catalog notes.',
  examples: [
    'flowmatrix import m365 endpoints-worldwide.json -o catalogs/m365-worldwide.yaml',
    'flowmatrix import m365 endpoints.json --changes changes.json --instance usgov-dod --tenant contoso -o m365.yaml',
  ],
  configure: (cmd) =>
    cmd
      .argument('<endpoints>', 'the endpoints answer (JSON)')
      .option('--changes <file>', 'the changes answer (JSON), recorded in the catalog notes')
      .addOption(
        new Option(
          '--instance <instance>',
          'the cloud instance the answer is for (default: the one its URLs say, else worldwide, with a warning)',
        ).choices(INSTANCES),
      )
      .option('--tenant <name>', 'the tenant name, default of the tenant parameter')
      .option('-o, --output <file>', 'catalog file to write (default: standard output)')
      .option('--force', FORCE_HELP),
  handler: async ([file], options, ctx) =>
    (await import('../actions/import-m365.js')).importM365(file as string, options, ctx),
});

export interface ImportTableOptions {
  force?: boolean;
  sheet?: string;
  map?: string[];
  output?: string;
  lang?: 'fr' | 'en';
}

export const importTableCommand = defineCommand<ImportTableOptions>({
  name: 'import table',
  summary: 'Write a catalog and a site from a flow matrix someone wrote (XLSX or CSV)',
  description:
    'Guesses the columns from French or English headers (source, destination, protocole/protocol, port(s), sens/direction, ' +
    'description/objet, authentification, chiffrement, zone source/destination…) and prints the mapping it chose; --map ' +
    'COLUMN=FIELD (header or letter; FIELD or ignore) overrides it. Reads merged cells, "TCP/UDP 53", "443 ou 49443", ' +
    '"50 000-59 999", "any", host names and CIDRs in one cell. Every cell it cannot read is reported as FILE!Sheet!C12, ' +
    'all at once, and nothing is written (exit 2). Writes DIR/<name>.catalog.yaml and DIR/<name>-site.yaml. Texts read from ' +
    "cells are kept in the sheet's language only (--lang, else French when the headers are): a CSV written by " +
    'flowmatrix matrix has id headers, so give --lang fr for a French one.',
  examples: [
    'flowmatrix import table flows.xlsx -o imported/',
    'flowmatrix import table flows.csv --map "Serveur=source" --map F=ignore -o imported/',
    'flowmatrix import table workbook.xlsx --sheet "Matrice" -o imported/',
    'flowmatrix import table hamilton.csv --lang fr -o imported/   # a French CSV from flowmatrix matrix (id headers)',
  ],
  configure: (cmd) =>
    cmd
      .argument('<file>', 'XLSX or CSV file')
      .option('--sheet <name>', 'read this sheet only (default: every sheet with a source and a destination column)')
      .option('--map <column=field>', 'column (header or letter) to field, or ignore (repeatable)', collect)
      .option('-o, --output <dir>', 'folder to write the catalog and the site into (default: the current folder)')
      .option('--force', FORCE_HELP)
      .addOption(
        new Option('--lang <lang>', "language of the sheet's texts (default: guessed from the headers)").choices([
          'fr',
          'en',
        ]),
      ),
  handler: async ([file], options, ctx) =>
    (await import('../actions/import-table.js')).importTableFile(file as string, options, ctx),
});

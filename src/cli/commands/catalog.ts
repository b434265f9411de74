import { Option } from 'commander';
import { defineCommand, langOption } from '../command.js';
import { langOf } from '../context.js';

export const catalogListCommand = defineCommand<{ lang?: string }>({
  name: 'catalog list',
  summary: 'List the built-in catalogs',
  examples: ['flowmatrix catalog list', 'flowmatrix catalog list --lang fr'],
  configure: (cmd) => cmd.addOption(langOption('language of the titles')),
  handler: async (_args, options, ctx) =>
    (await import('../actions/catalog.js')).listCatalogs(langOf(options.lang, ctx), ctx),
});

const SHOW_FORMATS = ['yaml', 'json', 'csv', 'md', 'html', 'mermaid', 'dot'] as const;
export type ShowFormat = (typeof SHOW_FORMATS)[number];

export const catalogShowCommand = defineCommand<{ format?: ShowFormat; lang?: string }>({
  name: 'catalog show',
  summary:
    'Show a catalog (built-in id or file) without a site: roles stay names, fixed roles show their addresses, every feature on',
  examples: [
    'flowmatrix catalog show hamilton',
    'flowmatrix catalog show ./my-app.yaml --format html > my-app.html',
    'flowmatrix catalog show lync-2013-edge --format csv --lang en > lync.csv',
    'flowmatrix catalog show exchange-2007 --format yaml',
  ],
  configure: (cmd) =>
    cmd
      .argument('<catalog>', 'built-in catalog id (see flowmatrix catalog list) or path to a catalog file')
      .addOption(new Option('-f, --format <format>', 'output format').choices([...SHOW_FORMATS]).default('md'))
      .addOption(langOption('language of the document')),
  handler: async ([id], options, ctx) =>
    (await import('../actions/catalog.js')).showCatalog(
      id as string,
      options.format ?? 'md',
      langOf(options.lang, ctx),
      ctx,
    ),
});

export const catalogNewCommand = defineCommand<{ lang?: string; output?: string }>({
  name: 'catalog new',
  summary: 'Start a catalog of your own: a commented file with one flow, a feature and a parameter, valid as is',
  description:
    'Writes a starter catalog in one language (--lang; the other is optional) with the $schema line editors use. ' +
    'With -o it never replaces an existing file. Guide: docs/writing-a-catalog.md.',
  examples: [
    'flowmatrix catalog new my-app -o my-app.yaml',
    'flowmatrix catalog new mon-appli --lang fr -o mon-appli.yaml',
  ],
  configure: (cmd) =>
    cmd
      .argument('<id>', 'id of the new catalog (lowercase letters, digits, ".", "_", "-")')
      .addOption(langOption('language of the texts'))
      .option('-o, --output <file>', 'file to create (default: standard output); never overwritten'),
  handler: async ([id], options, ctx) =>
    (await import('../actions/catalog.js')).newCatalog(id as string, langOf(options.lang, ctx), options.output, ctx),
});

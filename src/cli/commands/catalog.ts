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
    'Show a built-in catalog without a site: roles stay names, fixed roles show their addresses, every feature on',
  examples: [
    'flowmatrix catalog show hamilton',
    'flowmatrix catalog show lync-2013-edge --format csv --lang en > lync.csv',
    'flowmatrix catalog show exchange-2007 --format yaml',
  ],
  configure: (cmd) =>
    cmd
      .argument('<id>', 'catalog id (see flowmatrix catalog list)')
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

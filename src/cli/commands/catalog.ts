import { readFile } from 'node:fs/promises';
import { Option } from 'commander';
import { builtinCatalogPath, listBuiltinCatalogs, loadBuiltinCatalog } from '../../catalog/fs.js';
import { resolveCatalog } from '../../matrix/index.js';
import { pick } from '../../model/text.js';
import { formats } from '../../render/index.js';
import { defineCommand, langOption } from '../command.js';
import { EXIT, langOf } from '../context.js';
import { reportIssues } from '../report.js';

export const catalogListCommand = defineCommand<{ lang?: string }>({
  name: 'catalog list',
  summary: 'List the built-in catalogs',
  examples: ['flowmatrix catalog list', 'flowmatrix catalog list --lang fr'],
  configure: (cmd) => cmd.addOption(langOption('language of the titles')),
  async handler(_args, options, ctx) {
    const lang = langOf(options.lang, ctx);
    const rows: string[][] = [];
    for (const id of listBuiltinCatalogs()) {
      const loaded = loadBuiltinCatalog(id);
      if (!loaded.ok) return reportIssues(ctx, loaded.issues);
      const c = loaded.value;
      rows.push([c.id, String(c.flows.length), pick(c.title, lang), c.source.document]);
    }
    const header = lang === 'fr' ? ['ID', 'FLUX', 'TITRE', 'SOURCE'] : ['ID', 'FLOWS', 'TITLE', 'SOURCE'];
    const all = [header, ...rows];
    const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
    for (const r of all)
      ctx.out(`${r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ')}\n`);
    return EXIT.ok;
  },
});

const SHOW_FORMATS = ['yaml', 'json', 'csv', 'md', 'html', 'mermaid', 'dot'] as const;
type ShowFormat = (typeof SHOW_FORMATS)[number];

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
  async handler([id], options, ctx) {
    const lang = langOf(options.lang, ctx);
    const loaded = loadBuiltinCatalog(id as string);
    if (!loaded.ok) return reportIssues(ctx, loaded.issues);
    const format = options.format ?? 'md';
    if (format === 'yaml') {
      // The file itself, with the comments that cite the seed rows; it exists, since it just loaded.
      ctx.out(await readFile(builtinCatalogPath(id as string) as string, 'utf8'));
      return EXIT.ok;
    }
    if (format === 'json') {
      ctx.out(`${JSON.stringify(loaded.value, null, 2)}\n`);
      return EXIT.ok;
    }
    const matrix = resolveCatalog(loaded.value);
    const renderer = formats[format] as { render: (m: typeof matrix, o: { lang: typeof lang }) => unknown };
    ctx.out(String(await renderer.render(matrix, { lang })));
    return EXIT.ok;
  },
});

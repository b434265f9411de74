import { readFile } from 'node:fs/promises';
import { builtinCatalogPath, listBuiltinCatalogs, loadBuiltinCatalog } from '../../catalog/fs.js';
import { resolveCatalog } from '../../matrix/index.js';
import type { Matrix } from '../../model/matrix.js';
import { type Lang, pick } from '../../model/text.js';
import type { ShowFormat } from '../commands/catalog.js';
import { type CliContext, EXIT, type ExitCode } from '../context.js';
import { loadDocumentFormat } from '../formats.js';
import { reportIssues } from '../report.js';

export function listCatalogs(lang: Lang, ctx: CliContext): ExitCode {
  const rows: string[][] = [];
  for (const id of listBuiltinCatalogs()) {
    const loaded = loadBuiltinCatalog(id);
    if (!loaded.ok) return reportIssues(ctx, loaded.issues);
    const c = loaded.value;
    rows.push([
      c.id,
      String(c.flows.length),
      pick(c.title, lang),
      c.source?.document ?? (lang === 'fr' ? '(interne)' : '(in-house)'),
    ]);
  }
  const header = lang === 'fr' ? ['ID', 'FLUX', 'TITRE', 'SOURCE'] : ['ID', 'FLOWS', 'TITLE', 'SOURCE'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  for (const r of all)
    ctx.out(`${r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ')}\n`);
  return EXIT.ok;
}

export async function showCatalog(id: string, format: ShowFormat, lang: Lang, ctx: CliContext): Promise<ExitCode> {
  const loaded = loadBuiltinCatalog(id);
  if (!loaded.ok) return reportIssues(ctx, loaded.issues);
  if (format === 'yaml') {
    // The file itself, with the comments that cite the seed rows; it exists, since it just loaded.
    ctx.out(await readFile(builtinCatalogPath(id) as string, 'utf8'));
    return EXIT.ok;
  }
  if (format === 'json') {
    ctx.out(`${JSON.stringify(loaded.value, null, 2)}\n`);
    return EXIT.ok;
  }
  const resolved = resolveCatalog(loaded.value);
  if (!resolved.ok) return reportIssues(ctx, resolved.issues);
  const matrix = resolved.value;
  const renderer = (await loadDocumentFormat(format)) as unknown as {
    render: (m: Matrix, o: { lang: Lang }) => unknown;
  };
  ctx.out(String(await renderer.render(matrix, { lang })));
  return EXIT.ok;
}

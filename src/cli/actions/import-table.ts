import { readFile } from 'node:fs/promises';
import { basename, extname, join, resolve as resolvePath } from 'node:path';
import { unreadable } from '../../catalog/fs.js';
import { cellIssue, type Grid } from '../../import/table/grid.js';
import { importTable, parseOverrides, readCsv } from '../../import/table/index.js';
import { readXlsx } from '../../import/table/xlsx.js';
import { toYaml } from '../../import/yaml.js';
import type { Issue } from '../../model/issues.js';
import { counted } from '../../model/text.js';
import type { ImportTableOptions } from '../commands/import.js';
import { type CliContext, EXIT, type ExitCode } from '../context.js';
import { writeOutputs, writing } from '../files.js';
import { reportIssues } from '../report.js';

export async function importTableFile(file: string, options: ImportTableOptions, ctx: CliContext): Promise<ExitCode> {
  const { overrides, bad } = parseOverrides(options.map ?? []);
  if (bad.length > 0) {
    for (const b of bad) ctx.err(`${b}\n`);
    return EXIT.badInput;
  }
  const document = basename(file);
  const path = resolvePath(ctx.cwd, file);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const { reason, hint } = unreadable(e, 'an XLSX or CSV file');
    ctx.err(`${file}: ${reason} — ${hint}\n`);
    return EXIT.badInput;
  }
  const grids = await readGrids(document, bytes);
  if ('issues' in grids) return reportIssues(ctx, grids.issues);
  const r = importTable(document, grids.grids, {
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(options.lang !== undefined ? { lang: options.lang } : {}),
    overrides,
  });
  for (const c of r.confirmations) ctx.err(`${c}\n`);
  if (!r.result || r.issues.length > 0) {
    const code = reportIssues(ctx, r.issues);
    ctx.err('nothing written\n');
    return code === EXIT.ok ? EXIT.badInput : code;
  }
  const out = resolvePath(ctx.cwd, options.output ?? '.');
  const header = [`Imported by flowmatrix import table from ${document}; the columns it read are in the run’s output.`];
  const catalogPath = join(out, r.result.catalogFile);
  const sitePath = join(out, r.result.siteFile);
  const outputs = [
    { path: catalogPath, content: toYaml(r.result.catalog, header, 'catalog', { path: catalogPath }) },
    { path: sitePath, content: toYaml(r.result.site, header, 'site', { path: sitePath }) },
  ];
  const failed = await writing(ctx, () =>
    writeOutputs(outputs, [{ path, what: 'imported matrix' }], { force: options.force }),
  );
  if (failed !== undefined) return failed;
  for (const note of r.result.notes) ctx.err(`note: ${note}\n`);
  for (const o of outputs) ctx.err(`  ${o.path}\n`);
  ctx.err(
    `${counted(r.result.catalog.flows.length, 'flow', 'flows', 'en')}, ${counted(Object.keys(r.result.catalog.roles).length, 'role', 'roles', 'en')}\n`,
  );
  return EXIT.ok;
}

/** XLSX by its zip signature (whatever the extension says), CSV otherwise. */
async function readGrids(document: string, bytes: Buffer): Promise<{ grids: Grid[] } | { issues: Issue[] }> {
  const sheet = basename(document, extname(document));
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    try {
      const { grids, formulas } = await readXlsx(bytes);
      if (formulas.length > 0)
        return {
          issues: formulas.map((f) =>
            cellIssue(
              document,
              f.sheet,
              f.row,
              f.column,
              'a formula without a computed value',
              'open the file in Excel or LibreOffice and save it, or type the value',
            ),
          ),
        };
      return { grids };
    } catch (e) {
      return {
        issues: [
          cellIssue(
            document,
            sheet,
            1,
            undefined,
            `not a readable XLSX workbook (${(e as Error).message})`,
            'save it again from Excel or LibreOffice as .xlsx',
          ),
        ],
      };
    }
  }
  if (bytes.includes(0))
    return {
      issues: [
        cellIssue(
          document,
          sheet,
          1,
          undefined,
          'neither an XLSX workbook nor CSV text',
          'save the sheet as .xlsx or CSV (UTF-8)',
        ),
      ],
    };
  const csv = readCsv(bytes.toString('utf8'), sheet);
  if ('error' in csv)
    return { issues: [cellIssue(document, sheet, csv.error.row, undefined, csv.error.message, csv.error.hint)] };
  return { grids: [csv.grid] };
}

import type { Issue } from '../../model/issues.js';
import { buildImport, type TableImport } from './build.js';
import { cellIssue, type Grid } from './grid.js';
import { describeMapping, guessMapping, type Mapping, type Override, unusedOverrides } from './headers.js';
import { readLines, type TableLine } from './read.js';

export type { TableImport } from './build.js';
export { readCsv } from './csv.js';
export type { Grid } from './grid.js';
export { FIELDS, type Field, type Override, parseOverrides } from './headers.js';

export interface TableResult {
  /** One line per sheet: which columns became which field, or why the sheet was skipped. */
  readonly confirmations: readonly string[];
  readonly result?: TableImport;
  /** Every problem, cell by cell; when there is any, `result` is absent. */
  readonly issues: readonly Issue[];
}

/**
 * A person's matrix (the sheets of one file) → a catalog and a site. Without `sheet`, every sheet whose header
 * names a source and a destination is read (Flowmatrix's own workbook has one such sheet per catalog); the others
 * are listed as skipped. All problems come back at once; nothing is built when there is one.
 */
export function importTable(
  document: string,
  grids: readonly Grid[],
  options: {
    readonly sheet?: string;
    readonly overrides?: readonly Override[];
    /** The language of the cells; left out, guessed from the headers (machine ids read as English). */
    readonly lang?: 'fr' | 'en';
  } = {},
): TableResult {
  const overrides = options.overrides ?? [];
  const confirmations: string[] = [];
  const issues: Issue[] = [];
  let chosen = grids;
  if (options.sheet !== undefined) {
    chosen = grids.filter((g) => g.sheet === options.sheet);
    if (chosen.length === 0)
      return {
        confirmations,
        issues: [
          cellIssue(
            document,
            options.sheet,
            1,
            undefined,
            `no sheet "${options.sheet}"`,
            `sheets: ${grids.map((g) => g.sheet).join(', ')}`,
          ),
        ],
      };
  }
  for (const o of unusedOverrides(chosen, overrides))
    issues.push(
      cellIssue(
        document,
        chosen[0]?.sheet ?? '',
        1,
        undefined,
        `--map ${o.column}=${o.field}: no column "${o.column}"`,
        'name a header as written or a column letter (C)',
      ),
    );
  const lines: TableLine[] = [];
  const read: { grid: Grid; mapping: Mapping }[] = [];
  for (const grid of chosen) {
    const mapping = guessMapping(grid, overrides);
    if (!mapping) {
      confirmations.push(`sheet ${grid.sheet}: skipped — no header row naming a source and a destination`);
      continue;
    }
    confirmations.push(`sheet ${grid.sheet}, header row ${mapping.headerRow}: ${describeMapping(grid, mapping)}`);
    if (![...mapping.columns.values()].some((f) => f === 'ports' || f === 'protocol'))
      issues.push(
        cellIssue(
          document,
          grid.sheet,
          mapping.headerRow,
          undefined,
          'no column for ports or protocol',
          'name one with --map COLUMN=ports',
        ),
      );
    read.push({ grid, mapping });
    const r = readLines(document, grid, mapping);
    lines.push(...r.lines);
    issues.push(...r.issues);
  }
  if (read.length === 0 && issues.length === 0)
    issues.push(
      cellIssue(
        document,
        chosen[0]?.sheet ?? '',
        1,
        undefined,
        'no sheet has a header naming a source and a destination',
        'name the columns with --map COLUMN=source --map COLUMN=destination',
      ),
    );
  if (issues.length === 0 && lines.length === 0)
    issues.push(
      cellIssue(
        document,
        read[0]?.grid.sheet ?? '',
        (read[0]?.mapping.headerRow ?? 0) + 1,
        undefined,
        'no flow under the header',
        'one flow per line under the header row',
      ),
    );
  if (issues.length > 0) return { confirmations, issues };
  const result = buildImport(lines, {
    document,
    sheets: read.map((r) => r.grid.sheet),
    french: options.lang ? options.lang === 'fr' : read.some((r) => r.mapping.french),
  });
  return { confirmations, result, issues };
}

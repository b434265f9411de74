import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { unreadable } from '../catalog/fs.js';
import type { Matrix } from '../model/matrix.js';
import type { ProbeReport } from '../probe/report/model.js';
import { readReport } from '../probe/report/read.js';
import { type CliContext, EXIT, type ExitCode } from './context.js';

/** The document formats that show probe results (`matrix --probe-results`): a status column and a table. */
export const SHOWS_PROBE: readonly string[] = ['xlsx', 'html'];

/**
 * `matrix --probe-results FILE`: a results file of `flowmatrix probe` (its json format, or a probe script's output),
 * read and checked against the site: a file from another site, or one whose probes name none of its rows, is bad
 * input (exit 2) rather than a column of "not probed".
 */
export async function readProbeResults(
  file: string,
  matrix: Matrix,
  format: string | undefined,
  ctx: CliContext,
): Promise<{ report: ProbeReport } | { code: ExitCode }> {
  if (format !== undefined && !SHOWS_PROBE.includes(format)) {
    ctx.err(`--probe-results: a ${format} document shows no probe results — use -f ${SHOWS_PROBE.join('|')}\n`);
    return { code: EXIT.badInput };
  }
  let text: string;
  try {
    text = await readFile(resolvePath(ctx.cwd, file), 'utf8');
  } catch (e) {
    const { reason, hint } = unreadable(e, 'a probe results file (JSON)');
    ctx.err(`${file}: ${reason} — ${hint}\n`);
    return { code: EXIT.badInput };
  }
  const read = readReport(text);
  if (!read.ok) {
    ctx.err(`${file}:${read.message} — ${read.hint}\n`);
    return { code: EXIT.badInput };
  }
  const { report } = read;
  if (report.site !== '' && report.site !== matrix.site.id) {
    ctx.err(
      `${file}: probe results of site "${report.site}", not "${matrix.site.id}" — probe this site: flowmatrix probe SITE --format json -o FILE\n`,
    );
    return { code: EXIT.badInput };
  }
  const keys = new Set(matrix.rows.map((r) => r.key));
  if (!report.probes.some((p) => p.origin.row !== undefined && keys.has(p.origin.row))) {
    ctx.err(
      `${file}: none of its probes is about a row of ${matrix.site.id} — give the json report of flowmatrix probe (or a script's output) for this site\n`,
    );
    return { code: EXIT.badInput };
  }
  return { report };
}

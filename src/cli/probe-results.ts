import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { unreadableText } from '../catalog/fs.js';
import type { Matrix } from '../model/matrix.js';
import { type Lang, text } from '../model/text.js';
import type { ProbeReport } from '../probe/report/model.js';
import { readReport } from '../probe/report/read.js';
import { type CliContext, EXIT, type ExitCode } from './context.js';
import { sayError } from './say.js';

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
  lang: Lang,
): Promise<{ report: ProbeReport } | { code: ExitCode }> {
  const shows = SHOWS_PROBE.join('|');
  if (format !== undefined && !SHOWS_PROBE.includes(format)) {
    sayError(
      ctx,
      lang,
      { arg: '--probe-results' },
      text(`un document ${format} ne montre pas de résultats de sonde`, `a ${format} document shows no probe results`),
      text(`utilisez -f ${shows}`, `use -f ${shows}`),
    );
    return { code: EXIT.badInput };
  }
  const at = { file };
  let content: string;
  try {
    content = await readFile(resolvePath(ctx.cwd, file), 'utf8');
  } catch (e) {
    const { reason, hint } = unreadableText(
      e,
      text('un fichier de résultats de sonde (JSON)', 'a probe results file (JSON)'),
    );
    sayError(ctx, lang, at, reason, hint);
    return { code: EXIT.badInput };
  }
  const read = readReport(content);
  if (!read.ok) {
    // The reader's words are English only (src/probe/report/read.ts), and carry their own `line:col: `.
    ctx.err(`${file}:${read.message} — ${read.hint}\n`);
    return { code: EXIT.badInput };
  }
  const { report } = read;
  if (report.site !== '' && report.site !== matrix.site.id) {
    sayError(
      ctx,
      lang,
      at,
      text(
        `résultats de sonde du site "${report.site}", pas de "${matrix.site.id}"`,
        `probe results of site "${report.site}", not "${matrix.site.id}"`,
      ),
      text(
        'sondez ce site : flowmatrix probe SITE --format json -o FICHIER',
        'probe this site: flowmatrix probe SITE --format json -o FILE',
      ),
    );
    return { code: EXIT.badInput };
  }
  const keys = new Set(matrix.rows.map((r) => r.key));
  if (!report.probes.some((p) => p.origin.row !== undefined && keys.has(p.origin.row))) {
    sayError(
      ctx,
      lang,
      at,
      text(
        `aucune de ses sondes ne porte sur une ligne de ${matrix.site.id}`,
        `none of its probes is about a row of ${matrix.site.id}`,
      ),
      text(
        'donnez le rapport json de flowmatrix probe (ou la sortie d’un script) pour ce site',
        "give the json report of flowmatrix probe (or a script's output) for this site",
      ),
    );
    return { code: EXIT.badInput };
  }
  return { report };
}

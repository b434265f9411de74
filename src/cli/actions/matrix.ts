import { basename, extname, join, resolve as resolvePath } from 'node:path';
import type { Finding } from '../../model/finding.js';
import type { Matrix } from '../../model/matrix.js';
import type { Lang } from '../../model/text.js';
import type { MatrixOptions } from '../commands/matrix.js';
import { type CliContext, EXIT, type ExitCode, langOf, todayOf } from '../context.js';
import { writeFilesAtomically } from '../files.js';
import { loadDocumentFormat } from '../formats.js';
import { DOCUMENT_EXTENSIONS, DOCUMENT_FORMAT_IDS, type DocumentFormatId } from '../ids.js';
import { type LoadedMatrix, loadMatrix } from '../load.js';
import { Stages } from '../progress.js';
import { summarise } from '../summary.js';

/**
 * The formats that show findings get the audit's (per-line count and details, a findings table; JSON: the list):
 * without them a document would state 0 findings on rows the audit flags.
 */
const SHOWS_FINDINGS: readonly DocumentFormatId[] = ['xlsx', 'html', 'csv', 'md', 'json'];

export async function buildMatrix(site: string, options: MatrixOptions, ctx: CliContext): Promise<ExitCode> {
  const stages = new Stages(ctx, options.allFormats ? DOCUMENT_FORMAT_IDS.length + 2 : 3);
  stages.next('load + resolve');
  const loaded = await loadMatrix(site, options, ctx);
  if (!loaded.ok) {
    stages.stop();
    return loaded.code;
  }
  const lang = langOf(options.lang, ctx);
  const { matrix } = loaded;
  const csv = {
    separator: options.excelFr ? ';' : (options.separator ?? ','),
    bom: options.excelFr === true || options.bom === true,
  } as const;
  if (options.allFormats) {
    const findings = await activeFindings(loaded, ctx);
    const dir = resolvePath(ctx.cwd, options.output ?? 'out');
    const stem = basename(site, extname(site));
    const files: { path: string; content: string | Uint8Array }[] = [];
    for (const id of DOCUMENT_FORMAT_IDS) {
      stages.next(`render ${id}`);
      const content = await renderOne(matrix, id, lang, csv, findings);
      files.push({ path: join(dir, `${stem}.${DOCUMENT_EXTENSIONS[id]}`), content });
    }
    // Each scenario (an ordered journey, e.g. an authentication sequence) also as its own sequence diagram.
    const { renderSequence, roleTitlesOf } = await import('../../render/mermaid.js');
    for (const c of matrix.catalogs) {
      for (const scenario of c.scenarios) {
        const roles = roleTitlesOf(matrix, c.id);
        files.push({
          path: join(dir, `${stem}.${c.id}.${scenario.id}.sequence.mmd`),
          content: renderSequence(scenario, roles, lang),
        });
      }
    }
    await writeFilesAtomically(files);
    stages.stop();
    ctx.out(summarise(matrix, lang));
    for (const f of files) ctx.out(`  ${f.path}\n`);
    return EXIT.ok;
  }
  const id = options.format ?? (options.output ? formatFromExtension(options.output) : 'md');
  if (!id) {
    stages.stop();
    ctx.err(`cannot tell the format from "${options.output}" — add -f ${DOCUMENT_FORMAT_IDS.join('|')}\n`);
    return EXIT.badInput;
  }
  stages.next(`render ${id}`);
  const findings = SHOWS_FINDINGS.includes(id) ? await activeFindings(loaded, ctx) : [];
  const content = await renderOne(matrix, id, lang, csv, findings);
  stages.stop();
  if (!options.output) {
    if (typeof content !== 'string') {
      ctx.err(`${id} is a binary format — write it to a file with -o FILE.${DOCUMENT_EXTENSIONS[id]}\n`);
      return EXIT.badInput;
    }
    ctx.out(content);
    return EXIT.ok;
  }
  const path = resolvePath(ctx.cwd, options.output);
  await writeFilesAtomically([{ path, content }]);
  ctx.err(summarise(matrix, lang));
  ctx.err(`  ${path}\n`);
  return EXIT.ok;
}

/** The findings `flowmatrix audit` would report as active: the documents that show findings show these. */
async function activeFindings(loaded: LoadedMatrix, ctx: CliContext): Promise<Finding[]> {
  const { auditSite } = await import('../../audit/run.js');
  return auditSite(loaded, todayOf(ctx)).findings.filter((f) => !f.suppressed);
}

function formatFromExtension(path: string): DocumentFormatId | undefined {
  const ext = extname(path).slice(1).toLowerCase();
  return DOCUMENT_FORMAT_IDS.find((id) => DOCUMENT_EXTENSIONS[id] === ext || id === ext);
}

async function renderOne(
  matrix: Matrix,
  id: DocumentFormatId,
  lang: Lang,
  csv: { separator: ',' | ';'; bom: boolean },
  findings: readonly Finding[],
): Promise<string | Uint8Array> {
  const format = (await loadDocumentFormat(id)) as unknown as {
    render: (m: Matrix, o: Record<string, unknown>) => string | Uint8Array | Promise<string | Uint8Array>;
  };
  const withFindings = SHOWS_FINDINGS.includes(id) ? { findings } : {};
  return format.render(matrix, { lang, ...withFindings, ...(id === 'csv' ? csv : {}) });
}

import { basename, extname, join, resolve as resolvePath } from 'node:path';
import type { Finding } from '../../model/finding.js';
import type { Matrix } from '../../model/matrix.js';
import { colon, type Lang, type Text, text } from '../../model/text.js';
import type { ProbeReport } from '../../probe/report/model.js';
import type { DocumentFormat, RenderOptions } from '../../render/types.js';
import type { VerifyReport } from '../../verify/report.js';
import type { MatrixOptions } from '../commands/matrix.js';
import { type CliContext, EXIT, type ExitCode, langOf, todayOf } from '../context.js';
import { type Content, filePath, inputsOf, writeOutputs, writing } from '../files.js';
import { loadDocumentFormat } from '../formats.js';
import { DOCUMENT_EXTENSIONS, DOCUMENT_FORMAT_IDS, type DocumentFormatId } from '../ids.js';
import { type LoadedMatrix, loadMatrix } from '../load.js';
import { batches } from '../output/write.js';
import { readProbeResults, SHOWS_PROBE } from '../probe-results.js';
import { Stages } from '../progress.js';
import { binaryFormat, PROGRAM, sayError } from '../say.js';
import { summarise } from '../summary.js';

/**
 * The formats that show findings get the audit's (per-line count and details, a findings table; JSON: the list):
 * without them a document would state 0 findings on rows the audit flags.
 */
const SHOWS_FINDINGS: readonly DocumentFormatId[] = ['xlsx', 'html', 'csv', 'md', 'json'];

/** The formats whose tables have columns: they show the verdicts of --verify (a column, a sheet or section). */
const SHOWS_VERIFY: readonly DocumentFormatId[] = ['xlsx', 'html', 'csv', 'md'];

export async function buildMatrix(site: string, options: MatrixOptions, ctx: CliContext): Promise<ExitCode> {
  const lang = langOf(options.lang, ctx);
  const asked = options.verify ?? [];
  const stages = new Stages(ctx, (options.allFormats ? DOCUMENT_FORMAT_IDS.length + 2 : 3) + asked.length);
  stages.next('load + resolve');
  const loaded = await loadMatrix(site, options, ctx);
  if (!loaded.ok) {
    stages.stop();
    return loaded.code;
  }
  const single = options.allFormats
    ? undefined
    : (options.format ?? (options.output ? formatFromExtension(options.output) : 'md'));
  if (asked.length > 0 && single && !SHOWS_VERIFY.includes(single)) {
    stages.stop();
    sayError(
      ctx,
      lang,
      { arg: '--verify' },
      text(`un document ${single} ne montre pas de verdicts`, `a ${single} document shows no verdicts`),
      text(`utilisez -f ${SHOWS_VERIFY.join('|')}`, `use -f ${SHOWS_VERIFY.join('|')}`),
    );
    return EXIT.badInput;
  }
  const verified = await verifyFirewalls(loaded, asked, options.verifyFormat ?? 'auto', lang, ctx, stages);
  if ('code' in verified) {
    stages.stop();
    return verified.code;
  }
  const verify = verified.reports.length > 0 ? verified.reports : undefined;
  const probed = options.probeResults
    ? await readProbeResults(options.probeResults, loaded.matrix, single, ctx, lang)
    : undefined;
  if (probed && 'code' in probed) {
    stages.stop();
    return probed.code;
  }
  const probe = probed?.report;
  const { matrix } = loaded;
  const csv = {
    separator: options.excelFr ? ';' : (options.separator ?? ','),
    bom: options.excelFr === true || options.bom === true,
  } as const;
  const inputs = inputsOf(loaded);
  if (options.allFormats) {
    const findings = await activeFindings(loaded, ctx);
    const dir = resolvePath(ctx.cwd, options.output ?? 'out');
    const stem = basename(site, extname(site));
    const documents: { path: string; content: () => Promise<Content> }[] = DOCUMENT_FORMAT_IDS.map((id) => ({
      path: join(dir, `${stem}.${DOCUMENT_EXTENSIONS[id]}`),
      content: () => renderOne(matrix, id, lang, csv, findings, verify, probe),
    }));
    // Each scenario (an ordered journey, e.g. an authentication sequence) also as its own sequence diagram.
    const { renderSequence, roleTitlesOf } = await import('../../render/mermaid.js');
    for (const c of matrix.catalogs) {
      for (const scenario of c.scenarios) {
        const roles = roleTitlesOf(matrix, c.id);
        documents.push({
          path: join(dir, `${stem}.${c.id}.${scenario.id}.sequence.mmd`),
          content: async () => renderSequence(scenario, roles, lang),
        });
      }
    }
    // Every path checked before any document is rendered, and all written or none: a folder is never left with
    // some formats new and others old. Each document is rendered in turn into its temporary file.
    const outputs = documents.map((d, i) => ({
      path: d.path,
      content: () => {
        if (i < DOCUMENT_FORMAT_IDS.length) stages.next(`render ${DOCUMENT_FORMAT_IDS[i]}`);
        return d.content();
      },
    }));
    const failed = await writing(ctx, () => writeOutputs(outputs, inputs, { force: options.force }));
    stages.stop();
    if (failed !== undefined) return failed;
    ctx.err(summarise(matrix, lang));
    for (const d of documents) ctx.err(`  ${d.path}\n`);
    return EXIT.ok;
  }
  const id = options.format ?? (options.output ? formatFromExtension(options.output) : 'md');
  if (!id) {
    stages.stop();
    const ids = DOCUMENT_FORMAT_IDS.join('|');
    sayError(
      ctx,
      lang,
      PROGRAM,
      text(`impossible de déduire le format de "${options.output}"`, `cannot tell the format from "${options.output}"`),
      text(`ajoutez -f ${ids}`, `add -f ${ids}`),
    );
    return EXIT.badInput;
  }
  stages.next(`render ${id}`);
  const findings = SHOWS_FINDINGS.includes(id) ? await activeFindings(loaded, ctx) : [];
  const content = await renderOne(matrix, id, lang, csv, findings, verify, probe);
  if (!options.output) {
    stages.stop();
    if (content instanceof Uint8Array) {
      const ext = DOCUMENT_EXTENSIONS[id];
      sayError(ctx, lang, PROGRAM, ...binaryFormat(id, text(`FICHIER.${ext}`, `FILE.${ext}`)));
      return EXIT.badInput;
    }
    for await (const piece of batches(content)) ctx.out(piece as string);
    return EXIT.ok;
  }
  const path = filePath(ctx.cwd, options.output);
  const failed = await writing(ctx, () => writeOutputs([{ path, content }], inputs, { force: options.force }));
  stages.stop();
  if (failed !== undefined) return failed;
  ctx.err(summarise(matrix, lang));
  ctx.err(`  ${path}\n`);
  return EXIT.ok;
}

/** The findings `flowmatrix audit` would report as active: the documents that show findings show these. */
async function activeFindings(loaded: LoadedMatrix, ctx: CliContext): Promise<Finding[]> {
  const { auditSite } = await import('../../audit/run.js');
  return auditSite(loaded, todayOf(ctx)).findings.filter((f) => !f.suppressed);
}

/** What is wrong with one `--verify` argument (its message and hint), or undefined when it names a firewall well. */
function verifyArgProblem(
  firewall: string,
  paths: readonly string[],
  known: readonly string[],
  wanted: readonly { firewall: string }[],
): [Text, Text] | undefined {
  if (firewall === '' || paths.length === 0)
    return [
      text('il faut PARE-FEU=CONFIG[,CONFIG…]', 'expected FIREWALL=CONFIG[,CONFIG…]'),
      text('par ex. --verify fw-edge=fw-edge.rules', 'e.g. --verify fw-edge=fw-edge.rules'),
    ];
  if (!known.includes(firewall))
    return [
      text(`pare-feu inconnu "${firewall}"`, `unknown firewall "${firewall}"`),
      text(
        `pare-feu de ce site : ${known.join(', ') || 'aucun'}`,
        `firewalls of this site: ${known.join(', ') || 'none'}`,
      ),
    ];
  if (wanted.some((w) => w.firewall === firewall))
    return [
      text(`pare-feu "${firewall}" donné deux fois`, `firewall "${firewall}" given twice`),
      text(
        'listez tous ses fichiers dans un seul --verify, séparés par des virgules',
        'list all its files in one --verify, separated by commas',
      ),
    ];
  return undefined;
}

/**
 * `--verify FIREWALL=CONFIG[,CONFIG…]`: each firewall's configuration read and verified against the matrix, one
 * report each. A bad argument, an unknown firewall or an unreadable configuration: every problem said, exit 2.
 */
async function verifyFirewalls(
  loaded: LoadedMatrix,
  asked: readonly string[],
  formatId: string,
  lang: Lang,
  ctx: CliContext,
  stages: Stages,
): Promise<{ reports: VerifyReport[] } | { code: ExitCode }> {
  if (asked.length === 0) return { reports: [] };
  const { matrix } = loaded;
  const known = matrix.firewalls.map((f) => f.name);
  const wanted: { firewall: string; paths: string[] }[] = [];
  let bad = false;
  for (const arg of asked) {
    const eq = arg.indexOf('=');
    const firewall = eq < 0 ? '' : arg.slice(0, eq).trim();
    const paths =
      eq < 0
        ? []
        : arg
            .slice(eq + 1)
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean);
    const problem = verifyArgProblem(firewall, paths, known, wanted);
    if (problem) {
      sayError(ctx, lang, { arg: `--verify ${arg}` }, ...problem);
      bad = true;
    } else wanted.push({ firewall, paths });
  }
  if (bad) return { code: EXIT.badInput };
  const { readConfig, reportOf, verdictCounts } = await import('../verify-config.js');
  const reports: VerifyReport[] = [];
  for (const { firewall, paths } of wanted) {
    stages.next(`verify ${firewall}`);
    const read = await readConfig(paths, formatId, ctx);
    if ('code' in read) return read;
    reports.push(reportOf(matrix, firewall, paths, read, ctx, false));
  }
  for (const r of reports) ctx.err(`${r.firewall}${colon(lang)} ${verdictCounts(r.counts, lang)}\n`);
  return { reports };
}

function formatFromExtension(path: string): DocumentFormatId | undefined {
  const ext = extname(path).slice(1).toLowerCase();
  return DOCUMENT_FORMAT_IDS.find((id) => DOCUMENT_EXTENSIONS[id] === ext || id === ext);
}

/** The document, piece by piece when its format can (rendered as it is written), else whole. */
async function renderOne(
  matrix: Matrix,
  id: DocumentFormatId,
  lang: Lang,
  csv: { separator: ',' | ';'; bom: boolean },
  findings: readonly Finding[],
  verify: readonly VerifyReport[] | undefined,
  probe?: ProbeReport,
): Promise<Content> {
  const format = (await loadDocumentFormat(id)) as unknown as DocumentFormat<RenderOptions>;
  const options = {
    lang,
    ...(SHOWS_FINDINGS.includes(id) ? { findings } : {}),
    ...(verify && SHOWS_VERIFY.includes(id) ? { verify } : {}),
    ...(probe && SHOWS_PROBE.includes(id) ? { probe } : {}),
    ...(id === 'csv' ? csv : {}),
  };
  return format.stream ? format.stream(matrix, options) : format.render(matrix, options);
}

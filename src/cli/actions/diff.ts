import { extname, resolve as resolvePath } from 'node:path';
import { diffMatrices, hasClass } from '../../diff/diff.js';
import { feedSection } from '../../diff/feed.js';
import { DIFF_FORMAT_IDS, type DiffFormatId, diffFormats } from '../../diff/formats/index.js';
import { CLASS_LABELS } from '../../diff/labels.js';
import { CHANGE_CLASSES, type ChangeClass, type MatrixDiff } from '../../diff/types.js';
import { readDate } from '../../import/m365/changes.js';
import { colon, counted, type Lang, text } from '../../model/text.js';
import type { DiffCliOptions } from '../commands/diff.js';
import { type CliContext, EXIT, type ExitCode, langOf } from '../context.js';
import { filePath, writeOutputs, writing } from '../files.js';
import { binaryFormat, NOWHERE, PROGRAM, sayError } from '../say.js';
import { deltaOutputs } from './diff-deltas.js';
import { loadVersions } from './diff-inputs.js';

const EXTENSIONS: Record<string, DiffFormatId> = {
  '.json': 'json',
  '.md': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.xlsx': 'xlsx',
  '.txt': 'text',
};

export async function diff(args: string[], options: DiffCliOptions, ctx: CliContext): Promise<ExitCode> {
  const lang = langOf(options.lang, ctx);
  const format =
    options.format ?? (options.output ? EXTENSIONS[extname(options.output).toLowerCase()] : undefined) ?? 'text';
  if (!DIFF_FORMAT_IDS.includes(format as DiffFormatId)) {
    const ids = DIFF_FORMAT_IDS.join(', ');
    sayError(
      ctx,
      lang,
      { arg: `-f ${format}` },
      text(`format inconnu — un parmi ${ids}`, `unknown format — one of ${ids}`),
    );
    return EXIT.badInput;
  }
  if (format === 'xlsx' && !options.output) {
    sayError(ctx, lang, PROGRAM, ...binaryFormat('xlsx', 'changes.xlsx'));
    return EXIT.badInput;
  }
  const effectiveDate = options.effectiveDate === undefined ? undefined : readDate(options.effectiveDate);
  if (options.effectiveDate !== undefined && !effectiveDate) {
    sayError(
      ctx,
      lang,
      { arg: `--effective-date ${options.effectiveDate}` },
      text('ce n’est pas une date', 'not a date'),
      text('écrivez AAAA-MM-JJ ou AAAAMMJJ', 'write YYYY-MM-DD or YYYYMMDD'),
    );
    return EXIT.badInput;
  }
  const loaded = await loadVersions(args, options, ctx);
  if (!loaded.ok) return loaded.code;
  const { old: was, new: now } = loaded;
  if ((was.feed === undefined) !== (now.feed === undefined)) {
    sayError(
      ctx,
      lang,
      NOWHERE,
      text(
        'donnez deux réponses Microsoft 365 de points de terminaison, ou deux fichiers d’une autre sorte',
        'give two Microsoft 365 endpoints answers, or two files of another kind',
      ),
      text('pas un de chaque', 'not one of each'),
    );
    return EXIT.badInput;
  }
  const matrices = diffMatrices(was.matrix, now.matrix, { old: was.label, new: now.label });
  const result =
    was.feed && now.feed
      ? {
          ...matrices,
          feed: feedSection(was.feed, now.feed, {
            newName: now.label,
            ...(options.feedVersion !== undefined ? { version: options.feedVersion } : {}),
            ...(effectiveDate ? { effectiveDate } : {}),
          }),
        }
      : matrices;
  const content = diffFormats[format as DiffFormatId](result, lang);
  // The report and the deltas are written together: a refusal of either writes neither.
  const report = options.output ? [{ path: filePath(ctx.cwd, options.output), content }] : [];
  const deltas = options.deltas
    ? deltaOutputs(loaded.old.matrix, loaded.new.matrix, resolvePath(ctx.cwd, options.deltas), ctx)
    : { outputs: [], notes: [] };
  const outputs = [...report, ...deltas.outputs];
  if (outputs.length > 0) {
    const failed = await writing(ctx, () => writeOutputs(outputs, loaded.inputs, { force: options.force }));
    if (failed !== undefined) return failed;
  }
  if (!options.output) ctx.out(content as string);
  for (const o of outputs) ctx.err(`  ${o.path}\n`);
  for (const n of deltas.notes) ctx.err(`note: ${n}\n`);
  ctx.err(`${summary(result, lang)}\n`);
  return failing(result, options.failOn ?? []) ? EXIT.checksFailed : EXIT.ok;
}

/** The run's summary on standard error, in the report's language (the class ids in English, for scripts). */
const summary = (d: MatrixDiff, lang: Lang): string => {
  const fr = lang === 'fr';
  if (d.changes.length === 0) return fr ? 'aucune différence' : 'no difference';
  const rows = fr
    ? counted(d.changes.length, 'ligne modifiée', 'lignes modifiées', lang)
    : counted(d.changes.length, 'row changed', 'rows changed', lang);
  const classes = CHANGE_CLASSES.filter((c) => d.counts[c] > 0).map(
    (c) => `${d.counts[c]} ${fr ? CLASS_LABELS[c].fr.toLowerCase() : c}`,
  );
  return `${rows}${colon(lang)} ${classes.join(', ')}`;
};

/** `--fail-on security` covers weakenings too; `any` is every class. */
export function failing(d: MatrixDiff, failOn: readonly string[]): boolean {
  const classes = new Set<ChangeClass>();
  for (const f of failOn) {
    if (f === 'any') for (const c of CHANGE_CLASSES) classes.add(c);
    else if (f === 'security') {
      classes.add('security');
      classes.add('weakened');
    } else classes.add(f as ChangeClass);
  }
  return hasClass(d, [...classes]);
}

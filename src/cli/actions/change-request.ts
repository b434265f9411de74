import { extname, isAbsolute, relative, resolve as resolvePath } from 'node:path';
import { runAudit } from '../../audit/run.js';
import {
  buildChangeRequest,
  type ChangeRequestFormatId,
  changeRequestFormats,
} from '../../diff/change-request/index.js';
import { firewallDeltas } from '../../diff/delta/index.js';
import { diffMatrices } from '../../diff/diff.js';
import { counted, text } from '../../model/text.js';
import type { ChangeRequestCliOptions } from '../commands/change-request.js';
import { type CliContext, EXIT, type ExitCode, langOf, todayOf } from '../context.js';
import { filePath, writeOutputs, writing } from '../files.js';
import { binaryFormat, PROGRAM, sayError } from '../say.js';
import { loadVersions } from './diff-inputs.js';

const FORMATS: Record<string, ChangeRequestFormatId> = {
  '.md': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.xlsx': 'xlsx',
};

export async function changeRequest(
  args: string[],
  options: ChangeRequestCliOptions,
  ctx: CliContext,
): Promise<ExitCode> {
  const lang = langOf(options.lang, ctx);
  const output = options.output;
  const format =
    (options.format as ChangeRequestFormatId | undefined) ??
    (output === undefined ? 'md' : FORMATS[extname(output).toLowerCase()]);
  if (!format) {
    sayError(
      ctx,
      lang,
      { arg: `-o ${output}` },
      text(
        'la demande de changement s’écrit en .md, .html ou .xlsx',
        'the change request is written as .md, .html or .xlsx',
      ),
      text('par ex. -o CR.xlsx, ou donnez -f', 'e.g. -o CR.xlsx, or give -f'),
    );
    return EXIT.badInput;
  }
  if (format === 'xlsx' && output === undefined) {
    sayError(ctx, lang, PROGRAM, ...binaryFormat('xlsx', 'CR.xlsx'));
    return EXIT.badInput;
  }
  const loaded = await loadVersions(args, options, ctx);
  if (!loaded.ok) return loaded.code;
  const diff = diffMatrices(loaded.old.matrix, loaded.new.matrix, { old: loaded.old.label, new: loaded.new.label });
  const { deltas, errors } = firewallDeltas(loaded.old.matrix, loaded.new.matrix);
  const audit = runAudit({
    matrix: loaded.new.matrix,
    catalogs: loaded.new.catalogs ?? [],
    policy: loaded.new.site?.policy ?? [],
    suppressions: loaded.new.site?.suppressions ?? [],
    today: todayOf(ctx),
  });
  const newPath = options.rev ? args[0] : args[1];
  const named =
    options.site ??
    (loaded.new.site && newPath
      ? isAbsolute(newPath)
        ? newPath
        : relative(ctx.cwd, resolvePath(ctx.cwd, newPath)) || newPath
      : undefined);
  // As the verification commands name it: the user's own spelling (an absolute path stays one), quoted for a shell.
  const sitePath = named === undefined ? undefined : shellWord(named);
  const cr = buildChangeRequest({
    diff,
    findings: audit.findings,
    deltas,
    deltaErrors: errors,
    ...(options.requester ? { requester: options.requester } : {}),
    ...(options.justification ? { justification: options.justification } : {}),
    ...(sitePath ? { sitePath } : {}),
  });
  const content = changeRequestFormats[format](cr, lang);
  if (output === undefined) ctx.out(content as string);
  else {
    const path = filePath(ctx.cwd, output);
    const failed = await writing(ctx, () => writeOutputs([{ path, content }], loaded.inputs, { force: options.force }));
    if (failed !== undefined) return failed;
    ctx.err(`  ${path}\n`);
  }
  ctx.err(
    lang === 'fr'
      ? `${counted(cr.rows.length, 'ligne à décider', 'lignes à décider', lang)}, ${counted(cr.findings.length, 'constat', 'constats', lang)}, ${counted(deltas.length, 'pare-feu à modifier', 'pare-feu à modifier', lang)}\n`
      : `${counted(cr.rows.length, 'row to decide', 'rows to decide', lang)}, ${counted(cr.findings.length, 'finding', 'findings', lang)}, ${counted(deltas.length, 'firewall to change', 'firewalls to change', lang)}\n`,
  );
  return EXIT.ok;
}

/** A path as one shell word: as is when it holds only safe characters, else in single quotes. */
const shellWord = (path: string): string =>
  /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;

import { locator, type Subject } from '../../audit/edge.js';
import { type AuditReport, auditFormats } from '../../audit/formats/index.js';
import { type AuditRuleId, auditRuleIds } from '../../audit/rules/index.js';
import { type AuditInput, type AuditResult, auditSite, blocking, runAudit } from '../../audit/run.js';
import { resolveCatalog } from '../../matrix/index.js';
import { didYouMeanText } from '../../model/issues.js';
import { siteTitle } from '../../model/matrix.js';
import { counted, type Lang, text } from '../../model/text.js';
import type { AuditCliOptions } from '../commands/audit.js';
import { type CliContext, EXIT, type ExitCode, langOf, todayOf } from '../context.js';
import { filePath, type InputFile, writeOutputs, writing } from '../files.js';
import { loadMatrix } from '../load.js';
import { reportIssues } from '../report.js';
import { errorLine, NOWHERE, sayError } from '../say.js';

export async function audit(site: string | undefined, options: AuditCliOptions, ctx: CliContext): Promise<ExitCode> {
  const lang = langOf(options.lang, ctx);
  const settings = auditSettings(options, ctx, lang);
  if ('errors' in settings) {
    for (const line of settings.errors) ctx.err(line);
    return EXIT.badInput;
  }
  if ((site === undefined) === (options.catalog === undefined)) {
    sayError(
      ctx,
      lang,
      NOWHERE,
      text(
        'donnez un fichier de site ou --catalog ID (l’un des deux)',
        'give a site file or --catalog ID (one of them)',
      ),
      text('par ex. flowmatrix audit examples/hamilton-site.yaml', 'e.g. flowmatrix audit examples/hamilton-site.yaml'),
    );
    return EXIT.badInput;
  }
  const { today, choices } = settings;
  const audited = site
    ? await auditSiteFile(site, options, today, choices, ctx)
    : await auditCatalog(options.catalog as string, today, choices, ctx, lang);
  if ('code' in audited) return audited.code;
  const { subject, result } = audited;
  const report: AuditReport = {
    subject: { mode: subject.matrix.mode, id: subject.matrix.site.id, title: siteTitle(subject.matrix, lang) },
    result,
    rows: subject.matrix.rows,
    lang,
    today,
    locate: locator(subject, ctx.cwd),
  };
  const format = options.format ?? 'text';
  const content = auditFormats[format](report);
  if (options.output) {
    const path = filePath(ctx.cwd, options.output);
    const failed = await writing(ctx, () =>
      writeOutputs([{ path, content }], inputsOfAudit(subject), { force: options.force }),
    );
    if (failed !== undefined) return failed;
    ctx.err(`  ${path}\n`);
  } else ctx.out(content);
  if (options.output || format !== 'text') {
    const active = result.findings.filter((f) => !f.suppressed).length;
    const suppressed = result.findings.length - active;
    ctx.err(
      lang === 'fr'
        ? `${counted(active, 'constat actif', 'constats actifs', lang)}, ${suppressed} sous exception\n`
        : `${counted(active, 'active finding', 'active findings', lang)}, ${suppressed} suppressed\n`,
    );
  }
  return options.failOn && blocking(result.findings, options.failOn).length > 0 ? EXIT.checksFailed : EXIT.ok;
}

/** The files the audit read: an output that is one of them is refused. */
function inputsOfAudit(subject: Subject): InputFile[] {
  return [
    ...(subject.sitePath ? [{ path: subject.sitePath, what: 'site file' }] : []),
    ...(subject.siteFiles ?? []).slice(1).map((path) => ({ path, what: 'site file' })),
    ...[...subject.catalogFiles.values()].map((path) => ({ path, what: 'catalog file' })),
  ];
}

/** What the command line chooses of the audit; left out, the audit's own defaults apply (DEFAULT_AUDIT_OPTIONS). */
type Choices = Pick<AuditInput, 'options' | 'rules'>;
type Audited = { subject: Subject; result: AuditResult } | { code: ExitCode };

/** The command line's audit settings, or the lines that say what is wrong with them (in `lang`). */
function auditSettings(
  options: AuditCliOptions,
  ctx: CliContext,
  lang: Lang,
): { today: string; choices: Choices } | { errors: string[] } {
  const today = options.today ?? todayOf(ctx);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today)))
    return {
      errors: [
        errorLine(lang, { arg: `--today ${today}` }, text('il faut une date AAAA-MM-JJ', 'expected a date YYYY-MM-DD')),
      ],
    };
  const maxPortRange = Number(options.maxPortRange);
  if (
    options.maxPortRange !== undefined &&
    (!Number.isInteger(maxPortRange) || maxPortRange < 1 || maxPortRange > 65535)
  )
    return {
      errors: [
        errorLine(
          lang,
          { arg: `--max-port-range ${options.maxPortRange}` },
          text('il faut un nombre de ports, de 1 à 65535', 'expected a number of ports, 1 to 65535'),
        ),
      ],
    };
  const unknown = (options.rule ?? []).filter((r) => !(auditRuleIds as string[]).includes(r));
  if (unknown.length > 0)
    return {
      errors: unknown.map((r) =>
        errorLine(
          lang,
          { arg: `--rule ${r}` },
          text('règle inconnue', 'unknown rule'),
          didYouMeanText(r, auditRuleIds) ??
            text(`règles : ${auditRuleIds.join(', ')}`, `rules: ${auditRuleIds.join(', ')}`),
        ),
      ),
    };
  return {
    today,
    choices: {
      ...(options.maxPortRange !== undefined ? { options: { maxPortRange } } : {}),
      ...(options.rule ? { rules: options.rule as AuditRuleId[] } : {}),
    },
  };
}

async function auditSiteFile(
  file: string,
  options: AuditCliOptions,
  today: string,
  choices: Choices,
  ctx: CliContext,
): Promise<Audited> {
  const loaded = await loadMatrix(file, options, ctx);
  if (!loaded.ok) return { code: loaded.code };
  const result = auditSite(loaded, today, choices);
  // Suppressions that match nothing: stale or mistyped, said once, on the site file.
  if (result.warnings.length > 0) reportIssues(ctx, loaded.placeIssues(result.warnings), langOf(options.lang, ctx));
  return { subject: { ...loaded, catalogs: [...loaded.catalogs.values()] }, result };
}

async function auditCatalog(
  ref: string,
  today: string,
  choices: Choices,
  ctx: CliContext,
  lang: Lang,
): Promise<Audited> {
  const loaded = (await import('./catalog.js')).loadNamedCatalog(ref, ctx);
  if (!loaded.ok) return { code: reportIssues(ctx, loaded.issues, lang) };
  const { catalog, path } = loaded.value;
  const resolved = resolveCatalog(catalog);
  if (!resolved.ok) return { code: reportIssues(ctx, resolved.issues, lang) };
  const matrix = resolved.value;
  const catalogs = [catalog];
  return {
    subject: { matrix, catalogs, catalogFiles: new Map([[catalog.id, path]]) },
    result: runAudit({ matrix, catalogs, today, ...choices }),
  };
}

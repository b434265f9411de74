import { formatIssue, type Issue } from '../model/issues.js';
import { counted, type Lang } from '../model/lang.js';
import { type CliContext, colours, EXIT, type ExitCode, langOf } from './context.js';

/**
 * How many issues of one kind (severity and code) are printed before the rest are only counted. One misplaced
 * line or one renamed key can repeat an error on every entry of a large file: the first 20 show the pattern,
 * and the terminal stays readable. FLOWMATRIX_MAX_ERRORS=N changes it, 0 prints every issue kept.
 */
export const DEFAULT_MAX_PER_KIND = 20;

function maxPerKind(ctx: CliContext): number {
  const set = Number(ctx.env.FLOWMATRIX_MAX_ERRORS);
  return Number.isInteger(set) && set >= 0 && ctx.env.FLOWMATRIX_MAX_ERRORS !== '' ? set : DEFAULT_MAX_PER_KIND;
}

/** The lines around the issues, in the language they are printed in. */
const SUMMARY = {
  en: {
    more: (count: number, severity: Issue['severity'], code: string) =>
      `… and ${count} more ${severity}${count > 1 ? 's' : ''} of the same kind (${code}) — fix the ones above and run again`,
    total: (errors: number, warnings: number) =>
      `${counted(errors, 'error', 'errors', 'en')}${warnings > 0 ? `, ${counted(warnings, 'warning', 'warnings', 'en')}` : ''}`,
  },
  fr: {
    more: (count: number, severity: Issue['severity'], code: string) =>
      `… et ${severity === 'error' ? counted(count, 'autre erreur', 'autres erreurs', 'fr') : counted(count, 'autre avertissement', 'autres avertissements', 'fr')} du même type (${code}) — corrigez ce qui précède et relancez`,
    total: (errors: number, warnings: number) =>
      `${counted(errors, 'erreur', 'erreurs', 'fr')}${warnings > 0 ? `, ${counted(warnings, 'avertissement', 'avertissements', 'fr')}` : ''}`,
  },
} as const;

/**
 * Prints issues as `file:line:col: message — hint` in `lang` (default: FLOWMATRIX_LANG or LANG, as `--lang` does),
 * errors first, at most `maxPerKind` of each kind followed by `… and K more …`; returns the exit code they imply.
 */
export function reportIssues(ctx: CliContext, issues: readonly Issue[], lang: Lang = langOf(undefined, ctx)): ExitCode {
  const c = colours(ctx);
  const limit = maxPerKind(ctx);
  const sorted = [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const shown = new Map<string, number>();
  const hidden = new Map<string, { severity: Issue['severity']; code: string; count: number }>();
  const hide = (i: Issue, count: number): void => {
    const kind = `${i.severity} ${i.code}`;
    const entry = hidden.get(kind) ?? { severity: i.severity, code: i.code, count: 0 };
    hidden.set(kind, { ...entry, count: entry.count + count });
  };
  let errors = 0;
  let warnings = 0;
  for (const i of sorted) {
    const count = 1 + (i.more ?? 0);
    if (i.severity === 'error') errors += count;
    else warnings += count;
    const kind = `${i.severity} ${i.code}`;
    const printed = shown.get(kind) ?? 0;
    if (limit > 0 && printed >= limit) {
      hide(i, count);
      continue;
    }
    shown.set(kind, printed + 1);
    const line = formatIssue(i, lang);
    ctx.err(`${i.severity === 'error' ? c.red(line) : c.yellow(line)}\n`);
    if (i.more) hide(i, i.more);
  }
  for (const { severity, code, count } of hidden.values()) {
    const line = SUMMARY[lang].more(count, severity, code);
    ctx.err(`${severity === 'error' ? c.red(line) : c.yellow(line)}\n`);
  }
  if (errors > 0) {
    ctx.err(`${SUMMARY[lang].total(errors, warnings)}\n`);
    return EXIT.badInput;
  }
  return EXIT.ok;
}

/**
 * What escaped every check: a system error (disk full, permission denied) is reported as such; anything else is
 * a bug, reported in one line, never as a stack trace (FLOWMATRIX_DEBUG=1 adds it). Exit 2 either way: 1 means
 * checks failed, and nothing was checked.
 */
export function reportCrash(ctx: Pick<CliContext, 'env' | 'err'>, e: unknown): ExitCode {
  const error = e instanceof Error ? e : new Error(String(e));
  const { code, syscall, path } = error as NodeJS.ErrnoException;
  const system = typeof code === 'string' && typeof syscall === 'string';
  const debug = ctx.env.FLOWMATRIX_DEBUG === '1';
  if (system) {
    ctx.err(
      `flowmatrix: ${path ? `${path}: ` : ''}${syscall} failed (${code}): ${firstLine(error.message)} — check the path, its permissions and the free space\n`,
    );
  } else {
    const name = error.name === 'Error' ? '' : `${error.name}: `;
    ctx.err(
      `flowmatrix: internal error: ${name}${firstLine(error.message)} — this is a bug in flowmatrix: please report it with the command and the files that caused it${debug ? '' : ' (FLOWMATRIX_DEBUG=1 prints where it happened)'}\n`,
    );
  }
  if (debug && error.stack) ctx.err(`${error.stack}\n`);
  return EXIT.badInput;
}

const firstLine = (s: string): string => s.split('\n')[0] ?? s;

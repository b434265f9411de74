import { closest } from '../util/did-you-mean.js';
import { FR_SPACE, frenchSpaces, type Lang, type Text, text } from './lang.js';

/**
 * Errors and warnings are values: a code, a path into the input, a message and a hint, in English and (for the
 * problems of loading a site or a catalog) in French beside it. The edge (CLI, web) turns `path` into
 * `file:line:col` through the YAML source map and prints `file:line:col: message — hint` in the user's language.
 */
export type YamlPath = readonly (string | number)[];

export type IssueSeverity = 'error' | 'warning';

export interface Issue {
  readonly code: IssueCode;
  readonly severity: IssueSeverity;
  /** The file the issue is about, when known (set by the loader). */
  readonly file?: string;
  /** Path to the offending node inside that file. */
  readonly path: YamlPath;
  /** Point at the key of the map entry at `path` rather than its value (unknown keys). Default: value. */
  readonly at?: 'key' | 'value';
  /** What is wrong, in English, one sentence, no trailing period. */
  readonly message: string;
  /** How to fix it. */
  readonly hint?: string;
  /** Resolved position (1-based), filled by the loader when it has a source map. */
  readonly line?: number;
  readonly col?: number;
  /** How many more issues of this kind followed and were counted, not kept (a cascade of YAML syntax errors). */
  readonly more?: number;
  /**
   * The message and hint in French, written where the issue is made. `message`/`hint` stay English (JSON and SARIF
   * readers, scripts). Missing on issues of the parts not translated yet: French readers then get the English.
   */
  readonly fr?: IssueWords;
}

/** What an issue says in one language. */
export interface IssueWords {
  readonly message: string;
  readonly hint?: string;
}

/** Every issue code in one sorted block, so callers can narrow and tests can assert codes, not prose. */
export const ISSUE_CODES = [
  'config-syntax',
  'conflicting-definition',
  'duplicate-id',
  'exclusive-features',
  'file-not-found',
  'include-cycle',
  'invalid-address',
  'invalid-cidr',
  'invalid-fqdn',
  'invalid-port',
  'invalid-value',
  'missing-parameter',
  'schema',
  'target-unsupported',
  'unbound-role',
  'unknown-catalog',
  'unknown-feature',
  'unknown-firewall',
  'unknown-flow',
  'unknown-host',
  'unknown-key',
  'unknown-parameter',
  'unknown-role',
  'unknown-service',
  'unknown-zone',
  'yaml-syntax',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/**
 * An issue. Given texts (`text(fr, en)`), it speaks both languages; given strings, English only (the parts not
 * translated yet: rulesets, targets, verify). The French gets its no-break spaces before `:` `;` `!` `?` here.
 */
export function issue(code: IssueCode, path: YamlPath, message: Text, hint?: Text, severity?: IssueSeverity): Issue;
export function issue(code: IssueCode, path: YamlPath, message: string, hint?: string, severity?: IssueSeverity): Issue;
export function issue(
  code: IssueCode,
  path: YamlPath,
  message: string | Text,
  hint?: string | Text,
  severity: IssueSeverity = 'error',
): Issue {
  if (typeof message === 'string' || typeof hint === 'string')
    return hint === undefined
      ? { code, severity, path, message: english(message) }
      : { code, severity, path, message: english(message), hint: english(hint) };
  const fr = frenchWords(message.fr, hint?.fr);
  return hint === undefined
    ? { code, severity, path, message: message.en, fr }
    : { code, severity, path, message: message.en, hint: hint.en, fr };
}

const english = (t: string | Text): string => (typeof t === 'string' ? t : t.en);

/** French words with French spacing (`frenchSpaces`). */
export const frenchWords = (message: string, hint?: string): IssueWords =>
  hint === undefined
    ? { message: frenchSpaces(message) }
    : { message: frenchSpaces(message), hint: frenchSpaces(hint) };

/** What an issue says in `lang`: its French when it has one, else its English. */
export function issueWords(i: Issue, lang: Lang): IssueWords {
  if (lang === 'fr' && i.fr) return i.fr;
  return i.hint === undefined ? { message: i.message } : { message: i.message, hint: i.hint };
}

/** The issue with its words in both languages replaced (an issue moved to another path, renamed, re-hinted). */
export function reworded(i: Issue, message: Text, hint?: Text): Issue {
  const { hint: _en, fr: _fr, ...rest } = i;
  return hint === undefined
    ? { ...rest, message: message.en, fr: frenchWords(message.fr) }
    : { ...rest, message: message.en, hint: hint.en, fr: frenchWords(message.fr, hint.fr) };
}

/** What an issue says, as a text (both languages; English where the French is missing). */
export const issueText = (i: Issue): { message: Text; hint?: Text } => {
  const fr = issueWords(i, 'fr');
  const message = text(fr.message, i.message);
  return i.hint === undefined ? { message } : { message, hint: text(fr.hint ?? i.hint, i.hint) };
};

export type Result<T> = { ok: true; value: T; warnings: Issue[] } | { ok: false; issues: Issue[] };

export const ok = <T>(value: T, warnings: Issue[] = []): Result<T> => ({ ok: true, value, warnings });
export const fail = <T = never>(issues: Issue[]): Result<T> => ({ ok: false, issues });

export { closest, didYouMean } from '../util/did-you-mean.js';

/** `did you mean "x"?` in both languages, or undefined when no candidate is close. */
export function didYouMeanText(word: string, candidates: Iterable<string>): Text | undefined {
  const c = closest(word, candidates);
  return c === undefined ? undefined : text(`vouliez-vous dire "${c}" ?`, `did you mean "${c}"?`);
}

const WARNING: Record<Lang, string> = { en: 'warning: ', fr: `avertissement${FR_SPACE}: ` };

/**
 * `file:line:col: message — hint`, the one format every command and the web editor print, in `lang` (the position
 * is the same in both).
 */
export function formatIssue(i: Issue): string;
export function formatIssue(i: Issue, lang: Lang): string;
export function formatIssue(i: Issue, langGiven?: unknown): string {
  // `issues.map(formatIssue)` passes the index second: anything but 'fr' is English.
  const lang: Lang = langGiven === 'fr' ? 'fr' : 'en';
  // Issues about the command line carry a file name without a position.
  const where = i.file ? (i.line === undefined ? `${i.file}: ` : `${i.file}:${i.line}:${i.col ?? 1}: `) : '';
  const sev = i.severity === 'warning' ? WARNING[lang] : '';
  const { message, hint } = issueWords(i, lang);
  return `${where}${sev}${message}${hint ? ` — ${hint}` : ''}`;
}

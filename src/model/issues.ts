/**
 * Errors and warnings are values: a code, a path into the input, a message and a hint.
 * The edge (CLI) turns `path` into `file:line:col` through the YAML source map and prints
 * `file:line:col: message — hint`.
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

export const issue = (
  code: IssueCode,
  path: YamlPath,
  message: string,
  hint?: string,
  severity: IssueSeverity = 'error',
): Issue => (hint === undefined ? { code, severity, path, message } : { code, severity, path, message, hint });

export type Result<T> = { ok: true; value: T; warnings: Issue[] } | { ok: false; issues: Issue[] };

export const ok = <T>(value: T, warnings: Issue[] = []): Result<T> => ({ ok: true, value, warnings });
export const fail = <T = never>(issues: Issue[]): Result<T> => ({ ok: false, issues });

export { closest, didYouMean } from '../util/did-you-mean.js';

/** `file:line:col: message — hint`, the one format every command prints. */
export function formatIssue(i: Issue): string {
  // Issues about the command line carry a file name without a position.
  const where = i.file ? (i.line === undefined ? `${i.file}: ` : `${i.file}:${i.line}:${i.col ?? 1}: `) : '';
  const sev = i.severity === 'warning' ? 'warning: ' : '';
  return `${where}${sev}${i.message}${i.hint ? ` — ${i.hint}` : ''}`;
}

import type { Issue, IssueCode } from '../../../model/issues.js';

/** An issue at a position of a configuration file (`file:line:col: message — hint`). */
export function issueAt(
  where: { readonly file: string; readonly line: number; readonly col: number },
  message: string,
  hint?: string,
  options: { readonly code?: IssueCode; readonly severity?: 'error' | 'warning' } = {},
): Issue {
  const base = {
    code: options.code ?? 'invalid-value',
    severity: options.severity ?? 'error',
    file: where.file,
    path: [],
    line: where.line,
    col: where.col,
    message,
  } as const;
  return hint === undefined ? base : { ...base, hint };
}

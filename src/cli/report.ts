import { formatIssue, type Issue } from '../model/issues.js';
import { type CliContext, colours, EXIT, type ExitCode } from './context.js';

/** Prints issues as `file:line:col: message — hint`, errors first; returns the exit code they imply. */
export function reportIssues(ctx: CliContext, issues: readonly Issue[]): ExitCode {
  const c = colours(ctx);
  const sorted = [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  for (const i of sorted) {
    const line = formatIssue(i);
    ctx.err(`${i.severity === 'error' ? c.red(line) : c.yellow(line)}\n`);
  }
  const errors = issues.filter((i) => i.severity === 'error').length;
  if (errors > 0) {
    ctx.err(
      `${errors} error${errors > 1 ? 's' : ''}${issues.length > errors ? `, ${issues.length - errors} warning(s)` : ''}\n`,
    );
    return EXIT.badInput;
  }
  return EXIT.ok;
}

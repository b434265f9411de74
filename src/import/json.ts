import { type Issue, issue } from '../model/issues.js';

/** An issue about an imported JSON file: `file: message — hint`, or `file:line:col:` when a position is known. */
export function jsonIssue(file: string, message: string, hint: string, line?: number, col?: number): Issue {
  const base = { ...issue('invalid-value', [], message, hint), file };
  return line === undefined ? base : { ...base, line, col: col ?? 1 };
}

/**
 * JSON text (a byte-order mark and CRLF line ends tolerated, as the service's answers come). A syntax error is
 * placed at its line and column when the engine says where.
 */
export function parseJson(text: string, file: string): { ok: true; value: unknown } | { ok: false; issue: Issue } {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    const hint = 'the file must be the JSON answer as the service returns it';
    if (!at) return { ok: false, issue: jsonIssue(file, `not JSON: ${message}`, hint) };
    const offset = Number(at[1]);
    const before = body.slice(0, offset);
    const line = before.split('\n').length;
    const col = offset - before.lastIndexOf('\n');
    return {
      ok: false,
      issue: jsonIssue(file, `not JSON: ${message.replace(/ in JSON at .*$/, '')}`, hint, line, col),
    };
  }
}

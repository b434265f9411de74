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
    const hint = 'the file must be the JSON answer as the service returns it';
    const offset = errorOffset(body, message);
    const what = message.replace(/ in JSON at .*$/, '').replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '');
    if (offset === undefined) return { ok: false, issue: jsonIssue(file, `not JSON: ${what}`, hint) };
    const before = body.slice(0, offset);
    const line = before.split('\n').length;
    const col = offset - before.lastIndexOf('\n');
    return {
      ok: false,
      issue: jsonIssue(file, `not JSON: ${what}`, hint, line, col),
    };
  }
}

/**
 * Where JSON.parse stopped: `at position N` when the engine says it, else found from the excerpt it quotes
 * (`Unexpected token '}', ..."rea": }..." is not valid JSON`), else the end for a text cut short.
 */
function errorOffset(body: string, message: string): number | undefined {
  const at = /position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  if (/Unexpected end of JSON input/.test(message)) return body.length;
  const quoted = /^Unexpected token '(.)', (?:\.\.\.)?"(.*)"(?:\.\.\.)? is not valid JSON$/s.exec(message);
  if (!quoted) return undefined;
  const [, token, excerpt] = quoted as unknown as [string, string, string];
  const start = body.indexOf(excerpt);
  if (start < 0 || body.indexOf(excerpt, start + 1) >= 0) return undefined;
  const inExcerpt = excerpt.indexOf(token, Math.max(0, Math.min(excerpt.length - 1, 10)));
  return start + (inExcerpt >= 0 ? inExcerpt : excerpt.indexOf(token));
}

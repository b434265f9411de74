import { withoutByteOrderMark } from '../../../ruleset/config-file.js';

/**
 * The PowerShell a firewall script is made of, read without running it: comments (`#`, `<# … #>`), backtick line
 * continuations, and commands as a name and parameters whose values are literals: single-quoted strings (`''` is a
 * quote; PowerShell also reads ‘ ’ ‚ ‛ as quotes), double-quoted strings without `$` expansion, bare words, `@(…)`
 * arrays and comma lists. A variable, a subexpression or a pipeline into anything but `Out-Null` is computed when the
 * script runs: an error here, never a guess.
 */
export interface PsCommand {
  readonly name: string;
  /** Parameters by lower-case name: each value a list of literal strings (one for a scalar). */
  readonly parameters: ReadonlyMap<string, { readonly name: string; readonly values: readonly string[] }>;
  /** Words after the command name that are not a parameter's value. */
  readonly positional: readonly string[];
  /** Commands after `|`, by name. */
  readonly pipeline: readonly string[];
  readonly line: number;
  readonly text: string;
}

export class PsError extends Error {
  constructor(
    readonly line: number,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

const QUOTES = /['\u2018\u2019\u201a\u201b]/;
const DOUBLE_QUOTES = /["\u201c\u201d\u201e]/;
const WORD_END = /[\s,;|()@'"\u2018\u2019\u201a\u201b\u201c\u201d\u201e]/;

/** Logical lines: continuations joined, block comments removed, with the number of the line each starts on. */
export function logicalLines(text: string): { line: number; text: string }[] {
  const lines = withoutByteOrderMark(text).split(/\r\n|\n|\r/);
  const out: { line: number; text: string }[] = [];
  let inComment = false;
  let current: { line: number; text: string } | undefined;
  lines.forEach((raw, i) => {
    let line = raw;
    if (inComment) {
      const end = line.indexOf('#>');
      if (end < 0) return;
      line = line.slice(end + 2);
      inComment = false;
    }
    const open = line.indexOf('<#');
    if (open >= 0 && !current && line.slice(0, open).trim() === '') {
      const end = line.indexOf('#>', open + 2);
      if (end < 0) {
        inComment = true;
        return;
      }
      line = line.slice(0, open) + line.slice(end + 2);
    }
    const continued = /`\s*$/.test(line);
    const body = continued ? line.replace(/`\s*$/, ' ') : line;
    if (current) current.text += body;
    else current = { line: i + 1, text: body };
    if (!continued) {
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}

/** One logical line as a command, or undefined for a blank or comment line. */
export function readCommand(text: string, line: number): PsCommand | undefined {
  let at = 0;
  const fail = (message: string, hint?: string): never => {
    throw new PsError(line, message, hint);
  };
  const skip = () => {
    while (at < text.length && /\s/.test(text[at] as string)) at++;
  };
  const single = (): string => {
    at++;
    let out = '';
    for (;;) {
      const c = text[at];
      if (c === undefined) return fail('unterminated string', "close it with '");
      if (QUOTES.test(c)) {
        if (QUOTES.test(text[at + 1] ?? '')) {
          out += "'";
          at += 2;
          continue;
        }
        at++;
        return out;
      }
      out += c;
      at++;
    }
  };
  const double = (): string => {
    at++;
    let out = '';
    for (;;) {
      const c = text[at];
      if (c === undefined) return fail('unterminated string', 'close it with "');
      if (DOUBLE_QUOTES.test(c)) {
        if (DOUBLE_QUOTES.test(text[at + 1] ?? '')) {
          out += '"';
          at += 2;
          continue;
        }
        at++;
        return out;
      }
      if (c === '`') {
        const e = text[at + 1] ?? '';
        out += ({ n: '\n', r: '\r', t: '\t', '0': '\0' } as Record<string, string>)[e] ?? e;
        at += 2;
        continue;
      }
      if (c === '$' && /[A-Za-z_({:?$]/.test(text[at + 1] ?? '')) {
        fail('a "…" string with $ is expanded when the script runs', "write a literal '…' string");
      }
      out += c;
      at++;
    }
  };
  const word = (): string => {
    const start = at;
    while (at < text.length && !WORD_END.test(text[at] as string)) at++;
    return text.slice(start, at);
  };
  const item = (): string => {
    const c = text[at] ?? '';
    if (QUOTES.test(c)) return single();
    if (DOUBLE_QUOTES.test(c)) return double();
    if (c === '$') {
      const w = word();
      if (/^\$(true|false)$/i.test(w)) return w.slice(1);
      if (/^\$null$/i.test(w)) return '';
      return fail(`${w} is computed when the script runs`, 'write the literal value');
    }
    if (c === '(' || c === '{') return fail('a computed value is not read', 'write the literal value');
    const w = word();
    if (w === '') fail(`unexpected ${JSON.stringify(c)}`);
    return w;
  };
  /** A parameter value: an item, a comma list of items, or `@( … )`. */
  const value = (): string[] => {
    skip();
    if (text[at] === '@' && text[at + 1] === '(') {
      at += 2;
      const items: string[] = [];
      for (;;) {
        skip();
        if (text[at] === ')') {
          at++;
          return items;
        }
        if (at >= text.length) fail('unterminated @( array', 'close it with )');
        items.push(item());
        skip();
        if (text[at] === ',' || text[at] === ';') at++;
      }
    }
    const items = [item()];
    for (;;) {
      const save = at;
      skip();
      if (text[at] !== ',') {
        at = save;
        return items;
      }
      at++;
      skip();
      items.push(item());
    }
  };

  skip();
  if (at >= text.length || text[at] === '#') return undefined;
  const name = word();
  if (name === '') fail(`unexpected ${JSON.stringify(text[at])} at the start of a statement`);
  const parameters = new Map<string, { name: string; values: string[] }>();
  const positional: string[] = [];
  const pipeline: string[] = [];
  for (;;) {
    skip();
    const c = text[at];
    if (c === undefined || c === '#') break;
    if (c === ';') fail('several statements on one line', 'write one command a line');
    if (c === '|') {
      at++;
      skip();
      pipeline.push(word());
      // What follows a pipe is the next command's own arguments (Out-Null has none; a filter's script block is kept
      // as text for the caller to judge).
      pipeline.push(text.slice(at).trim());
      break;
    }
    if (c === '-' && /[A-Za-z]/.test(text[at + 1] ?? '')) {
      at++;
      const param = word();
      const colon = param.indexOf(':');
      const key = (colon >= 0 ? param.slice(0, colon) : param).toLowerCase();
      if (parameters.has(key)) fail(`-${param} given twice`);
      let values: string[];
      if (colon >= 0) {
        at -= param.length - colon - 1;
        values = value();
      } else {
        skip();
        const next = text[at];
        // A switch parameter (no value) is followed by another parameter or the end.
        const isSwitch =
          next === undefined || next === '|' || next === '#' || (next === '-' && /[A-Za-z]/.test(text[at + 1] ?? ''));
        values = isSwitch ? ['True'] : value();
      }
      parameters.set(key, { name: colon >= 0 ? param.slice(0, colon) : param, values });
      continue;
    }
    if (c === '>' || c === '2') {
      const redirect = /^(2?>\s*\$null)/i.exec(text.slice(at));
      if (redirect) {
        at += (redirect[1] as string).length;
        continue;
      }
    }
    positional.push(...value());
  }
  return { name, parameters, positional, pipeline, line, text: text.trim() };
}

import type { Issue } from '../../../model/issues.js';
import { configIssue } from '../../../ruleset/config-file.js';

/**
 * A Junos configuration, in either form, as the flat statements `show configuration | display set` prints: each a
 * path of words (`security policies from-zone a to-zone b policy p match application junos-http`), with the line of
 * each word. `[ a b ]` lists become one statement per element. Deactivated parts (`inactive:` in the brace form,
 * `deactivate PATH` in the set form) are kept apart as prefixes: the reader skips them and says so.
 */
export interface Statement {
  readonly words: readonly string[];
  readonly lines: readonly number[];
}

export interface Statements {
  readonly statements: readonly Statement[];
  readonly inactive: readonly Statement[];
  readonly issues: readonly Issue[];
}

interface Token {
  readonly text: string;
  readonly line: number;
  readonly col: number;
  /** `{ } ; [ ]` as syntax, not inside a quoted string. */
  readonly punct: boolean;
}

/** The CLI prompt and cluster banners some captures start with (`root@srx> show configuration`, `{primary:node0}`). */
const NOISE = /^(\S+@\S+[>#%]\s.*|\{[\w:-]+\})\s*$/;

function tokenize(text: string, file: string, issues: Issue[], newlines: boolean): Token[] {
  const out: Token[] = [];
  const lines = text.split('\n');
  let inComment = false;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (NOISE.test(raw)) return;
    let i = 0;
    while (i < raw.length) {
      const c = raw[i] as string;
      if (inComment) {
        const end = raw.indexOf('*/', i);
        if (end < 0) return;
        inComment = false;
        i = end + 2;
        continue;
      }
      // Every space the word scan below stops at (a BOM, a no-break space too), or it would read an empty word forever.
      if (/\s/.test(c)) {
        i++;
      } else if (c === '#') {
        return;
      } else if (c === '/' && raw[i + 1] === '*') {
        inComment = true;
        i += 2;
      } else if ('{};[]'.includes(c)) {
        out.push({ text: c, line, col: i + 1, punct: true });
        i++;
      } else if (c === '"') {
        let value = '';
        let j = i + 1;
        while (j < raw.length && raw[j] !== '"') {
          if (raw[j] === '\\' && j + 1 < raw.length) j++;
          value += raw[j];
          j++;
        }
        if (j >= raw.length) {
          issues.push(configIssue(file, line, 'unterminated string', 'close it with "', i + 1));
          return;
        }
        out.push({ text: value, line, col: i + 1, punct: false });
        i = j + 1;
      } else {
        let j = i;
        while (j < raw.length && !/[\s{};[\]"]/.test(raw[j] as string)) j++;
        out.push({ text: raw.slice(i, j), line, col: i + 1, punct: false });
        i = j;
      }
    }
    if (newlines) out.push({ text: '\n', line, col: raw.length + 1, punct: true });
  });
  return out;
}

/** Words of one statement, `[ a b ]` expanded: one list of words per element. */
function expand(tokens: readonly Token[], file: string, issues: Issue[]): Token[][] {
  const open = tokens.findIndex((t) => t.punct && t.text === '[');
  if (open < 0) return [[...tokens]];
  const close = tokens.findIndex((t, k) => k > open && t.punct && t.text === ']');
  if (close < 0) {
    const t = tokens[open] as Token;
    issues.push(configIssue(file, t.line, 'list without ]', 'close the list with ]', t.col));
    return [];
  }
  const head = tokens.slice(0, open);
  const tail = tokens.slice(close + 1);
  return tokens.slice(open + 1, close).flatMap((element) => expand([...head, element, ...tail], file, issues));
}

const statement = (tokens: readonly Token[]): Statement => ({
  words: tokens.map((t) => t.text),
  lines: tokens.map((t) => t.line),
});

/** Whether the text is in the set form (its first command is set, deactivate, delete…), not braces. */
export const isSetForm = (text: string): boolean =>
  // Spaces within a line only: a \s that also takes newlines let one try run across the whole file (quadratic).
  /^[ \t\uFEFF]*(set|deactivate|activate|delete)[ \t]/m.test(text) &&
  !/^[ \t\uFEFF]*[\w-]+(?:[ \t]+[^\s;{}]+)*[ \t]*\{[ \t\r]*$/m.test(text);

export function readStatements(text: string, file: string): Statements {
  return isSetForm(text) ? readSetForm(text, file) : readBraceForm(text, file);
}

function readSetForm(text: string, file: string): Statements {
  const issues: Issue[] = [];
  let statements: Statement[] = [];
  let inactive: Statement[] = [];
  let line: Token[] = [];
  const prefixOf = (p: Statement, s: Statement) => p.words.every((w, k) => s.words[k] === w);
  for (const t of tokenize(text, file, issues, true)) {
    if (!(t.punct && t.text === '\n')) {
      line.push(t);
      continue;
    }
    const [verb, ...rest] = line;
    line = [];
    if (!verb) continue;
    const paths = expand(rest, file, issues).map(statement);
    switch (verb.text) {
      case 'set':
        statements.push(...paths);
        break;
      case 'deactivate':
        inactive.push(...paths);
        break;
      case 'activate':
        inactive = inactive.filter((p) => !paths.some((a) => prefixOf(a, p)));
        break;
      case 'delete':
        statements = statements.filter((s) => !paths.some((d) => prefixOf(d, s)));
        break;
      default:
        issues.push(
          configIssue(
            file,
            verb.line,
            `unexpected "${verb.text}"`,
            'expected set, deactivate, activate or delete (show configuration | display set)',
            verb.col,
          ),
        );
    }
  }
  return { statements, inactive, issues };
}

const TAGS = new Set(['inactive:', 'active:', 'protect:', 'unprotect:', 'replace:', 'delete:']);

function readBraceForm(text: string, file: string): Statements {
  const issues: Issue[] = [];
  const statements: Statement[] = [];
  const inactive: Statement[] = [];
  const stack: Token[][] = [];
  /** Per open block: whether a `delete:` tag removes it (with all it holds). */
  const deleted: boolean[] = [];
  let words: Token[] = [];
  let inList = false;
  // Tags before a statement: `inactive:` and `protect:` as show configuration prints them, and those of a file
  // loaded with load merge/replace (`replace:` keeps the statement as written, `delete:` removes it).
  const strip = (ws: Token[]): { ws: Token[]; off: boolean; gone: boolean } => {
    let off = false;
    let gone = false;
    let k = 0;
    for (; k < ws.length && TAGS.has(ws[k]?.text ?? ''); k++) {
      if (ws[k]?.text === 'inactive:') off = true;
      if (ws[k]?.text === 'delete:') gone = true;
    }
    return { ws: ws.slice(k), off, gone };
  };
  for (const t of tokenize(text, file, issues, false)) {
    if (t.punct && (t.text === '[' || t.text === ']')) {
      inList = t.text === '[';
      words.push(t);
      continue;
    }
    if (!t.punct || inList) {
      words.push(t);
      continue;
    }
    if (t.text === '{') {
      const { ws, off, gone } = strip(words);
      const path = [...stack.flat(), ...ws];
      if (off) inactive.push(statement(path));
      stack.push(ws);
      deleted.push(gone || deleted.includes(true));
      words = [];
    } else if (t.text === ';') {
      const { ws, off, gone } = strip(words);
      words = [];
      if (gone || deleted.includes(true)) continue;
      for (const tokens of expand([...stack.flat(), ...ws], file, issues)) {
        statements.push(statement(tokens));
        if (off) inactive.push(statement(tokens));
      }
      words = [];
    } else if (stack.length === 0) {
      issues.push(configIssue(file, t.line, 'unbalanced }', 'remove it or open its block with {', t.col));
    } else {
      if (words.length > 0) {
        const w = words[0] as Token;
        issues.push(configIssue(file, w.line, `"${w.text}" has no ; at its end`, 'end each statement with ;', w.col));
        words = [];
      }
      stack.pop();
      deleted.pop();
    }
  }
  if (words.length > 0) {
    const w = words[0] as Token;
    issues.push(configIssue(file, w.line, `"${w.text}" has no ; at its end`, 'end each statement with ;', w.col));
  }
  if (stack.length > 0) {
    const open = stack[stack.length - 1]?.[0];
    issues.push(
      configIssue(file, open?.line ?? 1, `block "${open?.text ?? ''}" is not closed`, 'close it with }', open?.col),
    );
  }
  return { statements, inactive, issues };
}

/**
 * Tokens of the nftables text syntax (`nft list ruleset`, `nft -f` scripts): words (names, numbers, addresses,
 * `10.0.0.0/8`, `1-2`, `a,b`), quoted strings, and the punctuation `{ } ; :`. Comments (`#` to end of line) and
 * line continuations are dropped. Each token keeps its line and column.
 */
export interface Token {
  readonly text: string;
  readonly line: number;
  readonly col: number;
  /** A quoted string (its text is unquoted and unescaped). */
  readonly quoted?: boolean;
  /** The last token of its line (nft statements end at a newline). */
  eol?: boolean;
}

const NEWLINE = 10;
const SPACE = 32;
const TAB = 9;
const CR = 13;
const QUOTE = 34;
const HASH = 35;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const BOM = 0xfeff;
const isPunct = (c: number): boolean => c === 123 || c === 125 || c === 59; // { } ;
/** Every token has the same fields (V8 then keeps one shape for the tens of thousands of them). */
const token = (text: string, line: number, col: number, quoted: boolean): Token => ({
  text,
  line,
  col,
  quoted,
  eol: false,
});

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  let lineStart = 0;
  // A byte-order mark (a file saved by a Windows editor) is not part of the listing.
  let i = text.charCodeAt(0) === BOM ? 1 : 0;
  const n = text.length;
  const endLine = () => {
    const last = out[out.length - 1];
    if (last) last.eol = true;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      endLine();
      line++;
      i++;
      lineStart = i;
      continue;
    }
    if (c === BACKSLASH && text.charCodeAt(i + 1) === NEWLINE) {
      i += 2;
      line++;
      lineStart = i;
      continue;
    }
    if (c === SPACE || c === TAB || c === CR) {
      i++;
      continue;
    }
    if (c === HASH) {
      while (i < n && text.charCodeAt(i) !== NEWLINE) i++;
      continue;
    }
    const col = i - lineStart + 1;
    if (c === QUOTE) {
      let j = i + 1;
      let value = '';
      let from = j;
      while (j < n && text.charCodeAt(j) !== QUOTE && text.charCodeAt(j) !== NEWLINE) {
        if (text.charCodeAt(j) === BACKSLASH && j + 1 < n) {
          value += text.slice(from, j) + text[j + 1];
          j += 2;
          from = j;
        } else j++;
      }
      value += text.slice(from, j);
      out.push(token(value, line, col, true));
      i = j + 1;
      continue;
    }
    if (isPunct(c)) {
      out.push(token(text[i] as string, line, col, false));
      i++;
      continue;
    }
    // A colon is punctuation only when spaced (`key : value` in maps); IPv6 addresses and `a:b` stay words.
    if (c === COLON && isBlank(text.charCodeAt(i + 1)) && isBlank(text.charCodeAt(i - 1))) {
      out.push(token(':', line, col, false));
      i++;
      continue;
    }
    let j = i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === SPACE || d === TAB || d === NEWLINE || d === CR || d === QUOTE || isPunct(d) || d === HASH) break;
      j++;
    }
    // A trailing comma belongs to a list, not to the word (`{ 22, 80 }`).
    const length = j - i;
    if (length > 1 && text.charCodeAt(j - 1) === COMMA) {
      out.push(token(text.slice(i, j - 1), line, col, false));
      out.push(token(',', line, col + length - 1, false));
    } else out.push(token(length > 0 ? text.slice(i, j) : (text[i] as string), line, col, false));
    i = j > i ? j : i + 1;
  }
  endLine();
  return out;
}

const isBlank = (c: number): boolean => c === SPACE || c === TAB;

/** Tokens up to the end of the line, taking in a `{ … }` block that spans lines. */
export function lineTokens(tokens: readonly Token[], start: number): Token[] {
  let depth = 0;
  let i = start;
  const first = tokens[start]?.text;
  const isTableBlock = first === 'table';
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    if (t.text === '{') depth++;
    if (t.text === '}') depth--;
    i++;
    // A table block is read by the block reader: stop at its opening brace.
    if (isTableBlock && t.text === '{') break;
    if (depth <= 0 && (t.eol || t.text === ';')) break;
  }
  return tokens.slice(start, i);
}

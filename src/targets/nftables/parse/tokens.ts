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

const PUNCT = new Set(['{', '}', ';']);

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = text.length;
  const endLine = () => {
    const last = out[out.length - 1];
    if (last) last.eol = true;
  };
  while (i < n) {
    const c = text[i] as string;
    if (c === '\n') {
      endLine();
      line++;
      i++;
      lineStart = i;
      continue;
    }
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    const col = i - lineStart + 1;
    if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < n && text[j] !== '"' && text[j] !== '\n') {
        if (text[j] === '\\' && j + 1 < n) {
          value += text[j + 1];
          j += 2;
        } else value += text[j++];
      }
      out.push({ text: value, line, col, quoted: true });
      i = j + 1;
      continue;
    }
    if (PUNCT.has(c)) {
      out.push({ text: c, line, col });
      i++;
      continue;
    }
    // A colon is punctuation only when spaced (`key : value` in maps); IPv6 addresses and `a:b` stay words.
    if (c === ':' && (text[i + 1] === ' ' || text[i + 1] === '\t') && (text[i - 1] === ' ' || text[i - 1] === '\t')) {
      out.push({ text: ':', line, col });
      i++;
      continue;
    }
    let j = i;
    while (j < n) {
      const d = text[j] as string;
      if (d === ' ' || d === '\t' || d === '\n' || d === '\r' || d === '"' || PUNCT.has(d) || d === '#') break;
      j++;
    }
    // A trailing comma belongs to a list, not to the word (`{ 22, 80 }`).
    let word = text.slice(i, j);
    if (word.length > 1 && word.endsWith(',')) {
      out.push({ text: word.slice(0, -1), line, col });
      out.push({ text: ',', line, col: col + word.length - 1 });
    } else if (word === ',') out.push({ text: ',', line, col });
    else {
      word = word.length > 0 ? word : (c as string);
      out.push({ text: word, line, col });
    }
    i = j > i ? j : i + 1;
  }
  endLine();
  return out;
}

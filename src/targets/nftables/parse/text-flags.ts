import type { NftValue } from './model.js';
import { TCP_FLAG_NAMES } from './tcp-flags.js';
import type { Token } from './tokens.js';

/**
 * `tcp flags …` in nftables text, as the JSON `nft -j` lists for it (tcp-flags.ts gives the meaning): every form nft
 * lists — `tcp flags syn,ack`, `== 0x12`, `!= syn`, `! fin,syn`, `syn / fin,syn,rst,ack`, `!= syn / syn,ack`,
 * `{ syn | ack, syn }`, `& (syn | ack) == { syn, ack }`, `& ecn == ecn`, `@set`, `vmap { syn : drop }` — and the ways
 * people write them (`& (fin|syn|rst|ack) == syn`, `== syn|ack`, `eq`, `ne`). A word splits into lexemes (`(syn`,
 * `syn|ack`, `fin,syn`); the match must end where a word ends, or it is not read.
 */

interface Lexeme {
  readonly text: string;
  /** The token it comes from. */
  readonly token: number;
}

const LEXEME = /0x[0-9a-f]+|\d+|[a-z][a-z0-9_-]*|@[^\s,{}]+|==|!=|<=|>=|[&|()/,!{}<>:]/giy;
const OPS: Readonly<Record<string, string>> = {
  '==': '==',
  eq: '==',
  '!=': '!=',
  ne: '!=',
  '!': '!',
  '<': '<',
  lt: '<',
  '>': '>',
  gt: '>',
  '<=': '<=',
  le: '<=',
  '>=': '>=',
  ge: '>=',
};
const VERDICTS = new Set(['accept', 'drop', 'return', 'continue']);
const FLAGS_FIELD = { payload: { protocol: 'tcp', field: 'flags' } };

function lex(tokens: readonly Token[], from: number): Lexeme[] {
  const out: Lexeme[] = [];
  for (let t = from; t < tokens.length; t++) {
    const token = tokens[t] as Token;
    const parts: Lexeme[] = [];
    LEXEME.lastIndex = 0;
    while (!token.quoted && LEXEME.lastIndex < token.text.length) {
      const m = LEXEME.exec(token.text);
      if (!m) break;
      parts.push({ text: m[0], token: t });
    }
    // A word that is not all lexemes (a quoted name, `f2b.sshd`) is one that no rule below takes but a chain's name.
    if (token.quoted || LEXEME.lastIndex < token.text.length) out.push({ text: `\0${token.text}`, token: t });
    else out.push(...parts);
  }
  return out;
}

/** Reads lexemes left to right; `undefined` from a rule means the text is not a flag match. */
class FlagReader {
  private k = 0;
  constructor(
    private readonly lexemes: readonly Lexeme[],
    private readonly tokens: readonly Token[],
  ) {}

  private peek(n = 0): string | undefined {
    return this.lexemes[this.k + n]?.text;
  }

  private eat(text: string): boolean {
    if (this.peek()?.toLowerCase() !== text) return false;
    this.k++;
    return true;
  }

  /** The token after the last lexeme read, when that lexeme ends its token. */
  end(): number | undefined {
    const last = this.lexemes[this.k - 1];
    const next = this.lexemes[this.k];
    if (!last) return undefined;
    return next && next.token === last.token ? undefined : last.token + 1;
  }

  /** `[& MASK] [OP] VALUE [/ MASK]`, `[& MASK] vmap …` after `tcp flags`. */
  statement(): Record<string, NftValue> | undefined {
    let left: NftValue = FLAGS_FIELD;
    if (this.eat('&')) {
      const mask = this.or();
      if (mask === undefined) return undefined;
      left = { '&': [FLAGS_FIELD, mask] };
    }
    if (this.eat('vmap')) {
      const data = this.map();
      return data === undefined ? undefined : { vmap: { key: left, data } };
    }
    const word = this.peek()?.toLowerCase() ?? '';
    const written = OPS[word];
    if (written !== undefined) this.k++;
    const right = this.right();
    if (right === undefined) return undefined;
    let op = written ?? 'in';
    if (this.eat('/')) {
      // `VALUE / MASK` is `& MASK == VALUE` (nft ≥ 1.0 lists masked comparisons so).
      const mask = this.list();
      if (mask === undefined || left !== FLAGS_FIELD || (op !== 'in' && op !== '==' && op !== '!=')) return undefined;
      left = { '&': [FLAGS_FIELD, mask] };
      if (op === 'in') op = '==';
    }
    return { match: { op, left, right } };
  }

  /** `{ a, b | c }` (a set), `@name`, or a value. */
  right(): NftValue | undefined {
    if (this.peek()?.startsWith('@')) return this.lexemes[this.k++]?.text;
    if (this.peek() === '{') return this.set();
    return this.list();
  }

  set(): NftValue | undefined {
    if (!this.eat('{')) return undefined;
    const out: NftValue[] = [];
    while (!this.eat('}')) {
      const v = this.or();
      if (v === undefined) return undefined;
      out.push(v);
      if (!this.eat(',') && this.peek() !== '}') return undefined;
    }
    return { set: out };
  }

  /** `{ KEY : VERDICT, … }` or `@map`, as `nft -j` writes a verdict map's data. */
  map(): NftValue | undefined {
    if (this.peek()?.startsWith('@')) return this.lexemes[this.k++]?.text;
    if (!this.eat('{')) return undefined;
    const pairs: NftValue[] = [];
    while (!this.eat('}')) {
      const key = this.or();
      if (key === undefined || !this.eat(':')) return undefined;
      const verdict = this.verdict();
      if (verdict === undefined) return undefined;
      pairs.push([key, verdict]);
      if (!this.eat(',') && this.peek() !== '}') return undefined;
    }
    return { set: pairs };
  }

  private verdict(): NftValue | undefined {
    const word = this.peek()?.toLowerCase() ?? '';
    if (VERDICTS.has(word)) {
      this.k++;
      return { [word]: null };
    }
    if (word !== 'jump' && word !== 'goto') return undefined;
    this.k++;
    // A chain's name is its whole word (`DOCKER-USER`, `f2b.sshd`), however it lexes.
    const at = this.lexemes[this.k]?.token;
    if (at === undefined) return undefined;
    while (this.lexemes[this.k]?.token === at) this.k++;
    return { [word]: { target: this.tokens[at]?.text ?? '' } };
  }

  /** `syn,ack` (a list: the bits or'ed, as nft reads a list of flags), or one value. */
  list(): NftValue | undefined {
    const first = this.or();
    if (first === undefined) return undefined;
    const items = [first];
    while (this.peek() === ',') {
      this.k++;
      const next = this.or();
      if (next === undefined) return undefined;
      items.push(next);
    }
    return items.length === 1 ? first : items;
  }

  /** `syn | ack | (fin)`. */
  or(): NftValue | undefined {
    const first = this.primary();
    if (first === undefined) return undefined;
    const items = [first];
    while (this.eat('|')) {
      const next = this.primary();
      if (next === undefined) return undefined;
      items.push(next);
    }
    return items.length === 1 ? first : { '|': items };
  }

  private primary(): NftValue | undefined {
    if (this.eat('(')) {
      const inner = this.list();
      return inner !== undefined && this.eat(')') ? inner : undefined;
    }
    const word = this.peek()?.toLowerCase() ?? '';
    if (TCP_FLAG_NAMES.has(word)) {
      this.k++;
      return word;
    }
    if (/^(0x[0-9a-f]+|\d+)$/.test(word)) {
      this.k++;
      return word.startsWith('0x') ? Number.parseInt(word, 16) : Number(word);
    }
    return undefined;
  }
}

/**
 * The `tcp flags` match whose value starts at `tokens[from]` (the word after `flags`): the statement and the index
 * of the token after it, or undefined when the words are not a flag match this reader knows.
 */
export function readTcpFlags(
  tokens: readonly Token[],
  from: number,
): { readonly statement: Record<string, NftValue>; readonly next: number } | undefined {
  const reader = new FlagReader(lex(tokens, from), tokens);
  const statement = reader.statement();
  const next = reader.end();
  return statement && next !== undefined ? { statement, next } : undefined;
}

/** The elements of a `type tcp_flag` set (`{ 0x0, syn | ack, syn }`), as `nft -j` lists them. */
export function flagSetElements(tokens: readonly Token[]): NftValue[] {
  const reader = new FlagReader(lex(tokens, 0), tokens);
  const set = reader.set();
  if (set !== undefined && reader.end() === tokens.length) return (set as { set: NftValue[] }).set;
  // Not read: the words as they are, which no flag test takes (the rules on the set stay uninterpreted).
  return tokens.filter((t) => !['{', '}', ','].includes(t.text)).map((t) => t.text);
}

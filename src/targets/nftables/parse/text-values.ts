import type { NftValue } from './model.js';
import type { Token } from './tokens.js';

/**
 * The values of nftables text (addresses, numbers, names, ranges, anonymous sets, concatenations, verdict maps) as
 * the libnftables JSON right-hand sides the lowering reads.
 */

/** How a value's words read: an address (`a-b` a range), a number, a name, or as written. */
export type ValueKind = 'address' | 'number' | 'string' | 'raw';

/** A value's tokens as a JSON right-hand side. */
export function rightValue(tokens: readonly Token[], kind: ValueKind): NftValue {
  if (tokens.length === 1) {
    const text = (tokens[0] as Token).text;
    if (text.startsWith('@')) return text;
    const parts = (tokens[0] as Token).quoted ? [text] : text.split(',').filter((p) => p.length > 0);
    const values = parts.map((p) => scalarValue(p, kind, (tokens[0] as Token).quoted === true));
    return values.length === 1 ? values[0] : { set: values };
  }
  return { set: setElements(tokens, kind) };
}

/** Elements of `{ a, b-c, d }`. */
export function setElements(tokens: readonly Token[], kind: ValueKind): NftValue[] {
  const out: NftValue[] = [];
  for (const t of tokens) {
    if (t.text === '{' || t.text === '}' || t.text === ',') continue;
    if (t.quoted || (t.text.length > 0 && !t.text.includes(','))) {
      out.push(scalarValue(t.text, kind, t.quoted === true));
      continue;
    }
    for (const p of t.text.split(',')) if (p.length > 0) out.push(scalarValue(p, kind, false));
  }
  return out;
}

/** Tuples `{ a . b, c . d }` (or one `a . b`) of a concatenation whose parts read as `kinds` say. */
export function concatElements(tokens: readonly Token[], kinds: readonly ValueKind[]): NftValue[] {
  const out: NftValue[] = [];
  let current: Token[] = [];
  const flush = () => {
    if (current.length > 0) out.push(concatValue(current, kinds));
    current = [];
  };
  const inner = tokens[0]?.text === '{' ? tokens.slice(1, -1) : tokens;
  for (const t of inner) {
    if (t.text === ',' && !t.quoted) flush();
    else current.push(t);
  }
  flush();
  return out;
}

/** `a . b . c` as `{concat: [a, b, c]}`. */
function concatValue(tokens: readonly Token[], kinds: readonly ValueKind[]): NftValue {
  const pieces: Token[][] = [[]];
  for (const t of tokens) {
    if (t.text === '.' && !t.quoted) pieces.push([]);
    else (pieces[pieces.length - 1] as Token[]).push(t);
  }
  return { concat: pieces.map((p, k) => rightValue(p, kinds[k] ?? 'raw')) };
}

/** Elements of a map `{ key : verdict, … }` as `[key, verdict]` pairs; `kinds` when the key is a concatenation. */
export function mapElements(tokens: readonly Token[], kind: ValueKind, kinds?: readonly ValueKind[]): NftValue[] {
  const out: NftValue[] = [];
  let key: Token[] = [];
  let val: Token[] = [];
  let inValue = false;
  const flush = () => {
    if (key.length > 0 && val.length > 0) {
      out.push([kinds ? concatValue(key, kinds) : rightValue(key, kind), verdictValue(val)]);
    }
    key = [];
    val = [];
    inValue = false;
  };
  for (const t of tokens.slice(1, -1)) {
    if (t.text === ',' && !t.quoted) flush();
    else if (t.text === ':' && !t.quoted) inValue = true;
    else (inValue ? val : key).push(t);
  }
  flush();
  return out;
}

function verdictValue(tokens: readonly Token[]): NftValue {
  const [first, second] = tokens;
  if (!first) return null;
  if ((first.text === 'jump' || first.text === 'goto') && second) return { [first.text]: { target: second.text } };
  return { [first.text]: null };
}

function scalarValue(text: string, kind: ValueKind, quoted: boolean): NftValue {
  if (quoted || kind === 'string' || kind === 'raw') return text;
  const dash = text.indexOf('-', 1);
  // `1-1024`, `10.0.0.1-10.0.0.9`, `ssh-http`; an IPv6 address never holds a dash, a name may (`ftp-data`).
  if (dash > 0 && (kind === 'address' || (allDigits(text, 0, dash) && allDigits(text, dash + 1, text.length))))
    return { range: [text.slice(0, dash), text.slice(dash + 1)] };
  if (kind === 'number' && allDigits(text, 0, text.length)) return Number(text);
  return text;
}

/** Whether `text[from, to)` is one or more decimal digits. */
function allDigits(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

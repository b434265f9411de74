import type { NftValue } from './model.js';
import type { Token } from './tokens.js';

/**
 * The statements of one rule in nftables text, as libnftables JSON expressions (so one lowering serves both
 * forms). What is not understood becomes a match on `{unparsed: text}`, which the lowering marks opaque.
 */
const ADDRESS = new Set(['saddr', 'daddr']);
const PORT_PROTOCOLS = new Set(['tcp', 'udp', 'sctp', 'dccp', 'udplite', 'th']);
const META_BARE = new Set([
  'iifname',
  'oifname',
  'iif',
  'oif',
  'mark',
  'l4proto',
  'nfproto',
  'skuid',
  'skgid',
  'pkttype',
]);
const VERDICTS = new Set(['accept', 'drop', 'return', 'continue']);
/** Words that start a statement: where the value of a match not understood ends. */
const STARTS = new Set([
  'counter',
  'log',
  'limit',
  'accept',
  'drop',
  'return',
  'continue',
  'reject',
  'jump',
  'goto',
  'comment',
  'dnat',
  'snat',
  'masquerade',
  'redirect',
  'xt',
  'notrack',
  'queue',
  'meta',
  'ct',
  'ip',
  'ip6',
  'tcp',
  'udp',
  'sctp',
  'dccp',
  'udplite',
  'th',
  'icmp',
  'icmpv6',
  'iifname',
  'oifname',
  'iif',
  'oif',
  'fib',
  'ether',
  'mark',
  'vlan',
  'arp',
  'socket',
  'meter',
  'quota',
  'set',
  'tproxy',
  'numgen',
  'rt',
  'ipsec',
  'osf',
  'synproxy',
  'update',
  'add',
]);
const OPS: Readonly<Record<string, string>> = { '!=': '!=', ne: '!=', '==': '==', eq: '==', '!': '!=' };
const NUMERIC_OPS = new Set(['<', '>', '<=', '>=', 'lt', 'gt', 'le', 'ge']);

export type ValueKind = 'address' | 'number' | 'string' | 'raw';

export interface RuleStatements {
  readonly expr: Record<string, NftValue>[];
  readonly comment?: string;
}

export function ruleStatements(tokens: readonly Token[]): RuleStatements {
  const expr: Record<string, NftValue>[] = [];
  let comment: string | undefined;
  let i = 0;
  const peek = (k = 0) => tokens[i + k]?.text;
  const unparsedFrom = (start: number) => {
    i = Math.max(i, start + 1);
    while (i < tokens.length && !(STARTS.has(tokens[i]?.text ?? '') && !tokens[i]?.quoted)) i++;
    expr.push({ match: { op: '==', left: { unparsed: tokens.slice(start, i).map(show).join(' ') }, right: null } });
  };
  while (i < tokens.length) {
    const start = i;
    const word = tokens[i]?.text ?? '';
    if (tokens[i]?.quoted) {
      unparsedFrom(start);
      continue;
    }
    i++;
    if (VERDICTS.has(word)) expr.push({ [word]: null });
    else if (word === 'jump' || word === 'goto') expr.push({ [word]: { target: tokens[i++]?.text ?? '' } });
    else if (word === 'reject') {
      if (peek() === 'with') i += peek(1) === 'tcp' ? 3 : 4;
      expr.push({ reject: null });
    } else if (word === 'comment') comment = tokens[i++]?.text ?? '';
    else if (word === 'counter') {
      while (peek() === 'packets' || peek() === 'bytes') i += 2;
      expr.push({ counter: null });
    } else if (word === 'log') {
      while (['prefix', 'level', 'group', 'snaplen', 'queue-threshold'].includes(peek() ?? '')) i += 2;
      if (peek() === 'flags') {
        i++;
        while (peek() !== undefined && !STARTS.has(peek() as string)) i++;
      }
      expr.push({ log: null });
    } else if (word === 'limit' || word === 'quota' || word === 'meter') {
      while (i < tokens.length && !STARTS.has(peek() as string)) {
        if (peek() === '{') skipBraces();
        else i++;
      }
      expr.push({ [word]: {} });
    } else if (word === 'fib') {
      // `fib saddr . iif oif 0`, `fib daddr type local`: flags joined by dots, a result, a comparison, a value.
      while (['saddr', 'daddr', 'mark', 'iif', 'oif', '.'].includes(peek() ?? '') && peek(1) !== undefined) {
        if (peek() !== '.' && !['.', 'oif', 'oifname', 'type'].includes(peek(1) ?? '')) break;
        i++;
      }
      i++; // the result: oif, oifname or type
      if (OPS[peek() ?? ''] !== undefined) i++;
      if (peek() === '{') skipBraces();
      else if (peek() !== undefined && !VERDICTS.has(peek() as string)) i++;
      expr.push({ match: { op: '==', left: { fib: tokens.slice(start, i).map(show).join(' ') }, right: null } });
    } else if (word === 'xt' && (peek() === 'match' || peek() === 'target')) {
      expr.push({ xt: { type: tokens[i]?.text, name: tokens[i + 1]?.text } });
      i += 2;
    } else if (['dnat', 'snat', 'masquerade', 'redirect', 'tproxy', 'queue', 'notrack', 'synproxy'].includes(word)) {
      while (i < tokens.length && peek() !== 'comment') i++;
      expr.push({ [word]: {} });
    } else if ((word === 'meta' || word === 'ct') && peek(1) === 'set') {
      i += 2;
      value(start);
      expr.push({ mangle: {} });
    } else {
      i = start;
      const sel = selector();
      if (!sel) unparsedFrom(start);
      else if (peek() === '.') concatenation(sel, start);
      else match(sel.left, sel.kind, start);
    }
  }
  return comment === undefined ? { expr } : { expr, comment };

  /** `ip saddr`, `tcp dport`, `meta l4proto`, `iifname`, `ct state`…: the left side of a match, or undefined. */
  function selector(): { left: Record<string, NftValue>; kind: ValueKind } | undefined {
    const word = peek() ?? '';
    const next = peek(1) ?? '';
    if (word === 'meta' || word === 'ct' || META_BARE.has(word)) {
      const key = META_BARE.has(word) ? word : next;
      const kind: ValueKind = ['iifname', 'oifname', 'iif', 'oif', 'state', 'nfproto'].includes(key)
        ? 'string'
        : key === 'l4proto'
          ? 'number'
          : 'raw';
      if (kind === 'raw') return undefined;
      i += META_BARE.has(word) ? 1 : 2;
      return { left: word === 'ct' ? { ct: { key } } : { meta: { key } }, kind };
    }
    if ((word === 'ip' || word === 'ip6') && (ADDRESS.has(next) || next === 'protocol' || next === 'nexthdr')) {
      i += 2;
      return { left: { payload: { protocol: word, field: next } }, kind: ADDRESS.has(next) ? 'address' : 'number' };
    }
    if (PORT_PROTOCOLS.has(word) && (next === 'dport' || next === 'sport')) {
      i += 2;
      return { left: { payload: { protocol: word, field: next } }, kind: 'number' };
    }
    if ((word === 'icmp' || word === 'icmpv6') && (next === 'type' || next === 'code')) {
      i += 2;
      return { left: { payload: { protocol: word, field: next } }, kind: 'number' };
    }
    return undefined;
  }

  /** `tcp sport . tcp dport { 1-2 . 22, … }`: a match on tuples. */
  function concatenation(first: { left: Record<string, NftValue>; kind: ValueKind }, start: number): void {
    const parts = [first];
    while (peek() === '.') {
      i++;
      const next = selector();
      if (!next) {
        unparsedFrom(start);
        return;
      }
      parts.push(next);
    }
    const v = value(start);
    if (!v) {
      unparsedFrom(start);
      return;
    }
    const tuples: NftValue[] = [];
    let current: Token[] = [];
    const flush = () => {
      const pieces: Token[][] = [[]];
      for (const t of current) {
        if (t.text === '.' && !t.quoted) pieces.push([]);
        else (pieces[pieces.length - 1] as Token[]).push(t);
      }
      if (current.length > 0) tuples.push({ concat: pieces.map((p, k) => rightValue(p, parts[k]?.kind ?? 'raw')) });
      current = [];
    };
    for (const t of v.length === 1 ? v : v.slice(1, -1)) {
      if (t.text === ',' && !t.quoted) flush();
      else current.push(t);
    }
    flush();
    expr.push({ match: { op: '==', left: { concat: parts.map((p) => p.left) }, right: { set: tuples } } });
  }

  function skipBraces(): void {
    let depth = 0;
    do {
      const t = tokens[i++]?.text;
      if (t === '{') depth++;
      else if (t === '}') depth--;
    } while (depth > 0 && i < tokens.length);
  }

  /** The value after a selector: `{ … }`, `@set`, or one word (commas split it). */
  function value(start: number): Token[] | undefined {
    if (peek() === '{') {
      const from = i;
      skipBraces();
      return tokens.slice(from, i);
    }
    // Any word is a value here (`ip protocol tcp`, `meta l4proto icmp`) but a verdict: `ip saddr accept` is broken.
    const t = tokens[i];
    if (!t || (!t.quoted && (VERDICTS.has(t.text) || t.text === '}' || t.text === ';'))) {
      i = start;
      return undefined;
    }
    i++;
    return [t];
  }

  function match(left: Record<string, NftValue>, kind: ValueKind, start: number): void {
    let op = '==';
    const o = peek();
    if (o !== undefined && OPS[o] !== undefined) {
      op = OPS[o] as string;
      i++;
    } else if (o !== undefined && (NUMERIC_OPS.has(o) || o === '.' || o === '&' || o === '|')) {
      unparsedFrom(start);
      return;
    }
    if (peek() === 'vmap') {
      i++;
      const v = value(start);
      if (!v) {
        unparsedFrom(start);
        return;
      }
      const data = v.length === 1 && v[0]?.text.startsWith('@') ? v[0].text : { set: mapElements(v, kind) };
      expr.push({ vmap: { key: left, data } });
      return;
    }
    const v = value(start);
    if (!v) {
      unparsedFrom(start);
      return;
    }
    expr.push({ match: { op, left, right: rightValue(v, kind) } });
  }
}

const show = (t: Token): string => (t.quoted ? JSON.stringify(t.text) : t.text);

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
    for (const p of t.quoted ? [t.text] : t.text.split(',').filter((x) => x.length > 0)) {
      out.push(scalarValue(p, kind, t.quoted === true));
    }
  }
  return out;
}

/** Elements of a map `{ key : verdict, … }` as `[key, verdict]` pairs. */
export function mapElements(tokens: readonly Token[], kind: ValueKind): NftValue[] {
  const out: NftValue[] = [];
  let key: Token[] = [];
  let val: Token[] = [];
  let inValue = false;
  const flush = () => {
    if (key.length > 0 && val.length > 0) {
      out.push([rightValue(key, kind), verdictValue(val)]);
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
  if (dash > 0 && (kind === 'address' || /^\d+-\d+$/.test(text)))
    return { range: [text.slice(0, dash), text.slice(dash + 1)] };
  if (kind === 'number' && /^\d+$/.test(text)) return Number(text);
  return text;
}

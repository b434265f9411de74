import type { NftValue } from './model.js';
import { readTcpFlags } from './text-flags.js';
import { concatElements, mapElements, rightValue, type ValueKind } from './text-values.js';
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

const LOG_OPTIONS = new Set(['prefix', 'level', 'group', 'snaplen', 'queue-threshold']);
/** Statements that run to the comment (or the end): translations, queues, proxies. */
const TRANSLATIONS = new Set(['dnat', 'snat', 'masquerade', 'redirect', 'tproxy', 'queue', 'notrack', 'synproxy']);
/** meta and ct keys whose values are names. */
const STRING_KEYS = new Set(['iifname', 'oifname', 'iif', 'oif', 'state', 'nfproto']);

export interface RuleStatements {
  readonly expr: Record<string, NftValue>[];
  readonly comment?: string;
}

export function ruleStatements(tokens: readonly Token[]): RuleStatements {
  return new StatementReader(tokens).read();
}

/** Reads one rule's statements left to right (a class, so no closure is made per rule). */
class StatementReader {
  private readonly expr: Record<string, NftValue>[] = [];
  private comment: string | undefined;
  private i = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  read(): RuleStatements {
    while (this.i < this.tokens.length) {
      const start = this.i;
      const word = this.tokens[this.i]?.text ?? '';
      if (this.tokens[this.i]?.quoted) {
        this.unparsedFrom(start);
        continue;
      }
      this.i++;
      if (VERDICTS.has(word)) this.expr.push({ [word]: null });
      else if (word === 'jump' || word === 'goto')
        this.expr.push({ [word]: { target: this.tokens[this.i++]?.text ?? '' } });
      else if (word === 'reject') {
        if (this.peek() === 'with') this.i += this.peek(1) === 'tcp' ? 3 : 4;
        this.expr.push({ reject: null });
      } else if (word === 'comment') this.comment = this.tokens[this.i++]?.text ?? '';
      else if (word === 'counter') {
        while (this.peek() === 'packets' || this.peek() === 'bytes') this.i += 2;
        this.expr.push({ counter: null });
      } else if (word === 'log') {
        while (LOG_OPTIONS.has(this.peek() ?? '')) this.i += 2;
        if (this.peek() === 'flags') {
          this.i++;
          while (this.peek() !== undefined && !STARTS.has(this.peek() as string)) this.i++;
        }
        this.expr.push({ log: null });
      } else if (word === 'limit' || word === 'quota' || word === 'meter') {
        while (this.i < this.tokens.length && !STARTS.has(this.peek() as string)) {
          if (this.peek() === '{') this.skipBraces();
          else this.i++;
        }
        this.expr.push({ [word]: {} });
      } else if (word === 'fib') {
        // `fib saddr . iif oif 0`, `fib daddr type local`: flags joined by dots, a result, a comparison, a value.
        while (
          ['saddr', 'daddr', 'mark', 'iif', 'oif', '.'].includes(this.peek() ?? '') &&
          this.peek(1) !== undefined
        ) {
          if (this.peek() !== '.' && !['.', 'oif', 'oifname', 'type'].includes(this.peek(1) ?? '')) break;
          this.i++;
        }
        this.i++; // the result: oif, oifname or type
        if (OPS[this.peek() ?? ''] !== undefined) this.i++;
        if (this.peek() === '{') this.skipBraces();
        else if (this.peek() !== undefined && !VERDICTS.has(this.peek() as string)) this.i++;
        this.expr.push({
          match: { op: '==', left: { fib: this.tokens.slice(start, this.i).map(show).join(' ') }, right: null },
        });
      } else if (word === 'xt' && (this.peek() === 'match' || this.peek() === 'target')) {
        this.expr.push({ xt: { type: this.tokens[this.i]?.text, name: this.tokens[this.i + 1]?.text } });
        this.i += 2;
      } else if (TRANSLATIONS.has(word)) {
        const from = this.i;
        while (this.i < this.tokens.length && this.peek() !== 'comment') this.i++;
        this.expr.push({ [word]: translationTarget(this.tokens.slice(from, this.i)) });
      } else if (
        word === 'ct' &&
        this.peek() === 'original' &&
        (((this.peek(1) === 'ip' || this.peek(1) === 'ip6') && this.peek(2) === 'daddr') ||
          this.peek(1) === 'proto-dst')
      ) {
        // `ct original ip daddr 203.0.113.10`, `ct original proto-dst 443`: as `nft -j` writes them.
        this.i++;
        const family = this.peek() === 'proto-dst' ? undefined : this.tokens[this.i++]?.text;
        const key = this.tokens[this.i++]?.text ?? '';
        // As `nft -j` writes it: `{ "ct": { "key": "ip daddr", "dir": "original" } }`.
        const ct: Record<string, NftValue> = { key: family ? `${family} ${key}` : key, dir: 'original' };
        this.match({ ct }, family ? 'address' : 'number', start);
      } else if (word === 'ct' && (this.peek() === 'original' || this.peek() === 'reply')) {
        // Other matches on the connection's directions: not modelled. Read whole, so that an address of theirs is
        // never taken for the packet's own (`ip daddr`).
        this.i++;
        if (this.peek() === 'ip' || this.peek() === 'ip6') this.i++;
        this.i++;
        if (OPS[this.peek() ?? ''] !== undefined) this.i++;
        if (this.peek() === '{') this.skipBraces();
        else if (this.peek() !== undefined) this.i++;
        this.expr.push({
          match: { op: '==', left: { unparsed: this.tokens.slice(start, this.i).map(show).join(' ') }, right: null },
        });
      } else if ((word === 'meta' || word === 'ct') && this.peek(1) === 'set') {
        this.i += 2;
        if (this.value(start)) this.expr.push({ mangle: {} });
        else this.unparsedFrom(start);
      } else if (word === 'tcp' && this.peek() === 'flags') {
        const flags = readTcpFlags(this.tokens, this.i + 1);
        // Not read: still a match on the flags, so still TCP only (tcp-flags.ts).
        if (!flags) this.unparsedFrom(start, true);
        else {
          this.expr.push(flags.statement);
          this.i = flags.next;
        }
      } else {
        this.i = start;
        const sel = this.selector();
        if (!sel) this.unparsedFrom(start);
        else if (this.peek() === '.') this.concatenation(sel, start);
        else this.match(sel.left, sel.kind, start);
      }
      // Every statement reads at least one token: a reader that fell back to where it started would loop forever.
      if (this.i <= start) this.unparsedFrom(start);
    }
    return this.comment === undefined ? { expr: this.expr } : { expr: this.expr, comment: this.comment };
  }

  private peek(k = 0): string | undefined {
    return this.tokens[this.i + k]?.text;
  }

  /** The words from `start` to the next statement, kept as written (as the value of `tcp flags` for its match). */
  private unparsedFrom(start: number, tcpFlags = false): void {
    this.i = Math.max(this.i, start + 1);
    while (
      this.i < this.tokens.length &&
      !(STARTS.has(this.tokens[this.i]?.text ?? '') && !this.tokens[this.i]?.quoted)
    )
      this.i++;
    const unparsed = this.tokens.slice(start, this.i).map(show).join(' ');
    this.expr.push({
      match: tcpFlags
        ? { op: '==', left: { payload: { protocol: 'tcp', field: 'flags' } }, right: { unparsed } }
        : { op: '==', left: { unparsed }, right: null },
    });
  }

  /** `ip saddr`, `tcp dport`, `meta l4proto`, `iifname`, `ct state`…: the left side of a match, or undefined. */
  private selector(): { left: Record<string, NftValue>; kind: ValueKind } | undefined {
    const word = this.peek() ?? '';
    const next = this.peek(1) ?? '';
    if (word === 'meta' || word === 'ct' || META_BARE.has(word)) {
      const key = META_BARE.has(word) ? word : next;
      const kind: ValueKind = STRING_KEYS.has(key) ? 'string' : key === 'l4proto' ? 'number' : 'raw';
      if (kind === 'raw') return undefined;
      this.i += META_BARE.has(word) ? 1 : 2;
      return { left: word === 'ct' ? { ct: { key } } : { meta: { key } }, kind };
    }
    if ((word === 'ip' || word === 'ip6') && (ADDRESS.has(next) || next === 'protocol' || next === 'nexthdr')) {
      this.i += 2;
      return { left: { payload: { protocol: word, field: next } }, kind: ADDRESS.has(next) ? 'address' : 'number' };
    }
    if (PORT_PROTOCOLS.has(word) && (next === 'dport' || next === 'sport')) {
      this.i += 2;
      return { left: { payload: { protocol: word, field: next } }, kind: 'number' };
    }
    if ((word === 'icmp' || word === 'icmpv6') && (next === 'type' || next === 'code')) {
      this.i += 2;
      return { left: { payload: { protocol: word, field: next } }, kind: 'number' };
    }
    return undefined;
  }

  /** `tcp sport . tcp dport { 1-2 . 22, … }`: a match on tuples. */
  private concatenation(first: { left: Record<string, NftValue>; kind: ValueKind }, start: number): void {
    const parts = [first];
    while (this.peek() === '.') {
      this.i++;
      const next = this.selector();
      if (!next) {
        this.unparsedFrom(start);
        return;
      }
      parts.push(next);
    }
    const left = { concat: parts.map((p) => p.left) };
    const kinds = parts.map((p) => p.kind);
    // `ip daddr . th dport vmap @services` (kube-proxy): a verdict map keyed by the concatenation.
    const isMap = this.peek() === 'vmap';
    if (isMap) this.i++;
    const v = this.value(start);
    if (!v) {
      this.unparsedFrom(start);
      return;
    }
    const named = v.length === 1 && v[0]?.text.startsWith('@') ? v[0].text : undefined;
    if (isMap) this.expr.push({ vmap: { key: left, data: named ?? { set: mapElements(v, 'raw', kinds) } } });
    else this.expr.push({ match: { op: '==', left, right: named ?? { set: concatElements(v, kinds) } } });
  }

  private skipBraces(): void {
    let depth = 0;
    do {
      const t = this.tokens[this.i++]?.text;
      if (t === '{') depth++;
      else if (t === '}') depth--;
    } while (depth > 0 && this.i < this.tokens.length);
  }

  /** The value after a selector: `{ … }`, `@set`, or one word (commas split it). */
  private value(start: number): Token[] | undefined {
    if (this.peek() === '{') {
      const from = this.i;
      this.skipBraces();
      return this.tokens.slice(from, this.i);
    }
    // Any word is a value here (`ip protocol tcp`, `meta l4proto icmp`) but a verdict: `ip saddr accept` is broken.
    const t = this.tokens[this.i];
    if (!t || (!t.quoted && (VERDICTS.has(t.text) || t.text === '}' || t.text === ';'))) {
      this.i = start;
      return undefined;
    }
    this.i++;
    return [t];
  }

  private match(left: Record<string, NftValue>, kind: ValueKind, start: number): void {
    let op = '==';
    const o = this.peek();
    if (o !== undefined && OPS[o] !== undefined) {
      op = OPS[o] as string;
      this.i++;
    } else if (o !== undefined && (NUMERIC_OPS.has(o) || o === '.' || o === '&' || o === '|')) {
      this.unparsedFrom(start);
      return;
    }
    if (this.peek() === 'vmap') {
      this.i++;
      const v = this.value(start);
      if (!v) {
        this.unparsedFrom(start);
        return;
      }
      const data = v.length === 1 && v[0]?.text.startsWith('@') ? v[0].text : { set: mapElements(v, kind) };
      this.expr.push({ vmap: { key: left, data } });
      return;
    }
    const v = this.value(start);
    if (!v) {
      this.unparsedFrom(start);
      return;
    }
    this.expr.push({ match: { op, left, right: rightValue(v, kind) } });
  }
}

const show = (t: Token): string => (t.quoted ? JSON.stringify(t.text) : t.text);

/** Flags a translation may end with (they change how, not where, it translates). */
const TRANSLATION_FLAGS = new Set(['persistent', 'random', 'fully-random']);

/**
 * `[ip|ip6] to ADDRESS[:PORT]` of dnat/snat, `to :PORT` of redirect: `{ to, family }` for the reader to parse; a
 * map, an expression or anything else as `{ unparsed }` (the translation is then not modelled).
 */
function translationTarget(tokens: readonly Token[]): NftValue {
  const words = tokens.map((t) => t.text).filter((w) => !TRANSLATION_FLAGS.has(w));
  const family = words[0] === 'ip' || words[0] === 'ip6' ? words.shift() : undefined;
  if (words.length === 0) return {};
  if (
    words.length === 2 &&
    words[0] === 'to' &&
    !/^(ip|ip6|tcp|udp|th|meta|ct|numgen|jhash|symhash)$/.test(words[1] ?? '')
  )
    return { to: words[1], ...(family ? { family } : {}) };
  return { unparsed: tokens.map((t) => t.text).join(' ') };
}

import type { Address } from '../model/matrix.js';
import { ipv4Mask, parseIpv4, parsePrefix } from './ipv4.js';
import { ipv6WordMask, parseIpv6Cidr } from './ipv6.js';
import { stripSpaces } from './result.js';

export interface PrefixEntry<T> {
  readonly cidr: string;
  readonly value: T;
}

export type PrefixLookup<T> = (cidr: string | Address) => T | undefined;

/** One family's table: a hash map per prefix length present, probed from the longest down. */
interface Table<K, T> {
  readonly lengths: number[];
  readonly maps: Map<K, T>[];
}

/**
 * Longest-prefix match for zone assignment. The lookup returns the value of the longest entry whose network
 * contains the *whole* queried network (a /24 query is never assigned to a /28 inside it); `undefined` when
 * none does or the query is not an IP address. Entries' host bits are masked; on duplicates the first wins.
 * Cost per lookup: one hash probe per distinct prefix length no longer than the query's (at most 33 / 129).
 * Throws on an entry that is not an address or CIDR: callers validate zones before building the matcher.
 */
export function createPrefixMatcher<T>(entries: readonly PrefixEntry<T>[]): PrefixLookup<T> {
  const v4 = new Map<number, Map<number, T>>();
  const v6 = new Map<number, Map<string, T>>();
  for (const e of entries) {
    const q = parseQuery(e.cidr);
    if (!q) throw new RangeError(`not an address or CIDR: "${e.cidr}"`);
    if (q.family === 4) insert(v4, q.prefix, q.address, e.value);
    else insert(v6, q.prefix, v6Key(q.words, q.prefix), e.value);
  }
  const t4 = toTable(v4);
  const t6 = toTable(v6);
  return (cidr) => {
    const text = typeof cidr === 'string' ? cidr : cidr.kind === 'cidr' ? cidr.value : undefined;
    if (text === undefined) return undefined;
    const q = parseQuery(text);
    if (!q) return undefined;
    if (q.family === 4) {
      for (let i = 0; i < t4.lengths.length; i++) {
        const len = t4.lengths[i] as number;
        if (len > q.prefix) continue;
        const hit = (t4.maps[i] as Map<number, T>).get((q.address & ipv4Mask(len)) >>> 0);
        if (hit !== undefined) return hit;
      }
      return undefined;
    }
    for (let i = 0; i < t6.lengths.length; i++) {
      const len = t6.lengths[i] as number;
      if (len > q.prefix) continue;
      const hit = (t6.maps[i] as Map<string, T>).get(v6Key(q.words, len));
      if (hit !== undefined) return hit;
    }
    return undefined;
  };
}

function insert<K, T>(byLength: Map<number, Map<K, T>>, prefix: number, key: K, value: T): void {
  let m = byLength.get(prefix);
  if (!m) {
    m = new Map();
    byLength.set(prefix, m);
  }
  if (!m.has(key)) m.set(key, value);
}

function toTable<K, T>(byLength: Map<number, Map<K, T>>): Table<K, T> {
  const lengths = [...byLength.keys()].sort((a, b) => b - a);
  return { lengths, maps: lengths.map((l) => byLength.get(l) as Map<K, T>) };
}

/** The network bits of a v6 address under `prefix`, as a map key. */
function v6Key(words: Uint32Array, prefix: number): string {
  let key = '';
  for (let w = 0; w < 4 && 32 * w < prefix; w++) key += `${((words[w] as number) & ipv6WordMask(prefix, w)) >>> 0}.`;
  return key;
}

type Query = { family: 4; address: number; prefix: number } | { family: 6; words: Uint32Array; prefix: number };

/** Lenient parse (host bits masked): a host with its interface prefix `10.1.2.3/24` queries as `10.1.2.0/24`. */
function parseQuery(raw: string): Query | undefined {
  const text = raw.includes(' ') || raw.includes('\u00A0') || raw.includes('\u202F') ? stripSpaces(raw) : raw;
  if (text.includes(':')) {
    const r = parseIpv6Cidr(text, true);
    return r.ok ? { family: 6, words: r.value.words, prefix: r.value.prefix } : undefined;
  }
  const slash = text.indexOf('/');
  const address = parseIpv4(text, 0, slash < 0 ? text.length : slash);
  if (address < 0) return undefined;
  const prefix = slash < 0 ? 32 : parsePrefix(text, slash + 1, text.length, 32);
  if (prefix < 0) return undefined;
  return { family: 4, address: (address & ipv4Mask(prefix)) >>> 0, prefix };
}

import { ipv4Mask, parseIpv4, parsePrefix } from './ipv4.js';
import { ipv6WordMask, parseIpv6Cidr } from './ipv6.js';
import { stripSpaces } from './result.js';
import type { AnyAddress as Address } from './types.js';
import { compareWords } from './words.js';

export interface PrefixEntry<T> {
  readonly cidr: string;
  readonly value: T;
}

export type PrefixLookup<T> = (cidr: string | Address) => T | undefined;

/**
 * Longest-prefix match for zone assignment. The lookup returns the value of the longest entry whose network
 * contains the *whole* queried network (a /24 query is never assigned to a /28 inside it); `undefined` when
 * none does or the query is not an IP address. Entries' host bits are masked; on duplicates the first wins.
 * Throws on an entry that is not an address or CIDR: callers validate zones before building the matcher.
 *
 * Prefixes nest or are disjoint, so they form a forest. Networks are kept sorted by (first address, length)
 * in typed arrays with each one's parent: a binary search finds the last network starting at or before the
 * query, and the answer is the first of it and its ancestors (at most 32 / 128 steps up) that reaches the
 * query's last address.
 */
export function createPrefixMatcher<T>(entries: readonly PrefixEntry<T>[]): PrefixLookup<T> {
  // No network (zones bound by name only): nothing contains anything, without parsing each query.
  if (entries.length === 0) return () => undefined;
  const v4: Query[] = [];
  const v6: Query[] = [];
  const v4Values: T[] = [];
  const v6Values: T[] = [];
  for (const e of entries) {
    const q = parseQuery(e.cidr);
    if (!q) throw new RangeError(`not an address or CIDR: "${e.cidr}"`);
    if (q.width === 1) {
      v4.push(q);
      v4Values.push(e.value);
    } else {
      v6.push(q);
      v6Values.push(e.value);
    }
  }
  const f4 = buildForest(1, v4, v4Values);
  const f6 = buildForest(4, v6, v6Values);
  return (cidr) => {
    const text = typeof cidr === 'string' ? cidr : cidr.kind === 'cidr' ? cidr.value : undefined;
    if (text === undefined) return undefined;
    const q = parseQuery(text);
    if (!q) return undefined;
    return q.width === 1 ? f4.lookup(q) : f6.lookup(q);
  };
}

/** A parsed query or entry: first and last address in `width` words. */
interface Query {
  readonly width: 1 | 4;
  readonly first: Uint32Array;
  readonly last: Uint32Array;
  readonly prefix: number;
}

interface Forest<T> {
  lookup(q: Query): T | undefined;
}

function buildForest<T>(width: 1 | 4, nets: Query[], values: T[]): Forest<T> {
  const order = nets.map((_, i) => i);
  // Stable: among equal networks the earliest entry comes first and wins.
  order.sort(
    (i, j) =>
      compareWords(nets[i]?.first as Uint32Array, 0, nets[j]?.first as Uint32Array, 0, width) ||
      (nets[i]?.prefix as number) - (nets[j]?.prefix as number),
  );
  const kept = order.filter((idx, k) => {
    if (k === 0) return true;
    const prev = nets[order[k - 1] as number] as Query;
    const cur = nets[idx] as Query;
    return prev.prefix !== cur.prefix || compareWords(prev.first, 0, cur.first, 0, width) !== 0;
  });
  const n = kept.length;
  const firsts = new Uint32Array(n * width);
  const lasts = new Uint32Array(n * width);
  const parents = new Int32Array(n);
  const slotValues: T[] = [];
  const stack: number[] = [];
  for (let k = 0; k < n; k++) {
    const net = nets[kept[k] as number] as Query;
    firsts.set(net.first, k * width);
    lasts.set(net.last, k * width);
    slotValues.push(values[kept[k] as number] as T);
    // Pop the networks that end before this one starts: they cannot contain it.
    while (
      stack.length > 0 &&
      compareWords(lasts, (stack[stack.length - 1] as number) * width, net.first, 0, width) < 0
    ) {
      stack.pop();
    }
    parents[k] = stack.length > 0 ? (stack[stack.length - 1] as number) : -1;
    stack.push(k);
  }
  if (width === 1) return { lookup: (q) => lookupV4(firsts, lasts, parents, slotValues, q) };
  return {
    lookup(q) {
      let lo = 0;
      let hi = n - 1;
      let node = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (compareWords(firsts, mid * width, q.first, 0, width) <= 0) {
          node = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      while (node >= 0 && compareWords(lasts, node * width, q.last, 0, width) < 0) node = parents[node] as number;
      return node >= 0 ? slotValues[node] : undefined;
    },
  };
}

/** The IPv4 lookup on plain numbers: the generic word comparison costs 3–5× here. */
function lookupV4<T>(
  firsts: Uint32Array,
  lasts: Uint32Array,
  parents: Int32Array,
  values: T[],
  q: Query,
): T | undefined {
  const first = q.first[0] as number;
  const last = q.last[0] as number;
  let lo = 0;
  let hi = firsts.length - 1;
  let node = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((firsts[mid] as number) <= first) {
      node = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  while (node >= 0 && (lasts[node] as number) < last) node = parents[node] as number;
  return node >= 0 ? values[node] : undefined;
}

/** Lenient parse (host bits masked): a host with its interface prefix `10.1.2.3/24` queries as `10.1.2.0/24`. */
function parseQuery(raw: string): Query | undefined {
  const text = raw.includes(' ') || raw.includes('\u00A0') || raw.includes('\u202F') ? stripSpaces(raw) : raw;
  if (text.includes(':')) {
    const r = parseIpv6Cidr(text, true);
    if (!r.ok) return undefined;
    const last = new Uint32Array(4);
    for (let w = 0; w < 4; w++) last[w] = ((r.value.words[w] as number) | ~ipv6WordMask(r.value.prefix, w)) >>> 0;
    return { width: 4, first: r.value.words, last, prefix: r.value.prefix };
  }
  const slash = text.indexOf('/');
  const address = parseIpv4(text, 0, slash < 0 ? text.length : slash);
  if (address < 0) return undefined;
  const prefix = slash < 0 ? 32 : parsePrefix(text, slash + 1, text.length, 32);
  if (prefix < 0) return undefined;
  const mask = ipv4Mask(prefix);
  return {
    width: 1,
    first: Uint32Array.of((address & mask) >>> 0),
    last: Uint32Array.of((address | ~mask) >>> 0),
    prefix,
  };
}

import { formatIpv4, ipv4Mask, parseIpv4Cidr } from '../../net/ipv4.js';
import { formatIpv6, parseIpv6Cidr } from '../../net/ipv6.js';

/**
 * The few CIDR operations targets need, on BigInt: drop the prefixes another one of the list already covers
 * (interval sets must not overlap), sort, print. Parsing and printing are src/net's; addresses arrive normalised
 * by it.
 */
export interface Prefix {
  readonly family: 4 | 6;
  readonly start: bigint;
  readonly bits: number;
  readonly text: string;
  /** The network address alone (`10.0.0.0`, `2001:db8::`), host bits cleared. */
  readonly network: string;
}

/**
 * Parsed prefixes by text: every rule of a role repeats the same addresses, and BigInt parsing was most of a
 * target's time. Prefixes are immutable, so sharing them is safe; the cache is emptied when it grows large.
 */
const parsedByText = new Map<string, Prefix | undefined>();
const PARSED_CACHE_LIMIT = 100_000;

export function parsePrefix(text: string): Prefix | undefined {
  if (parsedByText.has(text)) return parsedByText.get(text);
  if (parsedByText.size >= PARSED_CACHE_LIMIT) parsedByText.clear();
  const parsed = parsePrefixUncached(text);
  parsedByText.set(text, parsed);
  return parsed;
}

/** Host bits are cleared (src/net's lenient form), as a firewall reads `10.1.2.3/24`. */
function parsePrefixUncached(text: string): Prefix | undefined {
  if (text.includes(':')) {
    const r = parseIpv6Cidr(text, true);
    if (!r.ok) return undefined;
    const { words, prefix } = r.value;
    let start = 0n;
    for (const w of words) start = (start << 32n) | BigInt(w);
    return { family: 6, start, bits: prefix, text, network: formatIpv6(words) };
  }
  const r = parseIpv4Cidr(text, true);
  if (!r.ok) return undefined;
  const { address, prefix } = r.value;
  return { family: 4, start: BigInt(address), bits: prefix, text, network: formatIpv4(address) };
}

const size = (p: Prefix): bigint => 1n << BigInt((p.family === 4 ? 32 : 128) - p.bits);

/** Sorted, without duplicates or prefixes covered by another one of the list. Unparsable texts are returned apart. */
export function minimalPrefixes(texts: readonly string[]): { prefixes: Prefix[]; invalid: string[] } {
  const invalid: string[] = [];
  const parsed: Prefix[] = [];
  for (const t of texts) {
    const p = parsePrefix(t);
    if (p) parsed.push(p);
    else invalid.push(t);
  }
  parsed.sort((a, b) => a.family - b.family || (a.start < b.start ? -1 : a.start > b.start ? 1 : a.bits - b.bits));
  const prefixes: Prefix[] = [];
  for (const p of parsed) {
    const last = prefixes[prefixes.length - 1];
    if (last && last.family === p.family && p.start < last.start + size(last)) continue; // covered
    prefixes.push(p);
  }
  return { prefixes, invalid };
}

/** The network address alone (`10.0.0.0`, `2001:db8::`), host bits cleared. */
export const networkAddress = (p: Prefix): string => p.network;

export const isHost = (p: Prefix): boolean => p.bits === (p.family === 4 ? 32 : 128);

/** `10.0.0.1` for a host, `10.0.0.0/8` otherwise (the form `nft list` prints back); host bits never leak. */
export const hostOrPrefix = (p: Prefix): string => {
  let text = hostOrPrefixTexts.get(p);
  if (text === undefined) {
    text = isHost(p) ? networkAddress(p) : `${networkAddress(p)}/${p.bits}`;
    hostOrPrefixTexts.set(p, text);
  }
  return text;
};

/** Parsed prefixes are shared (see `parsePrefix`), so their printed form is computed once per prefix. */
const hostOrPrefixTexts = new WeakMap<Prefix, string>();

/** Always with the length: `10.0.0.1/32` (iptables, ipset). */
export const withLength = (p: Prefix): string => `${networkAddress(p)}/${p.bits}`;

/** A dotted IPv4 mask (`255.255.255.0` for 24): ASA, FortiOS and PAC `isInNet` want masks, not lengths. */
export const v4Netmask = (bits: number): string => formatIpv4(ipv4Mask(bits));

import { formatIpv4, ipv4Mask, parseIpv4Cidr } from './ipv4.js';
import { formatIpv6, parseIpv6Cidr } from './ipv6.js';

/**
 * A parsed CIDR as targets print it. Plain data (no BigInt), so a ruleset holding prefixes writes to JSON and reads
 * back alike. Host bits are cleared (`10.1.2.3/24` is `10.1.2.0/24`), as a firewall reads it.
 */
export interface Prefix {
  readonly family: 4 | 6;
  readonly bits: number;
  /** The text it was parsed from. */
  readonly text: string;
  /** The network address alone (`10.0.0.0`, `2001:db8::`), host bits cleared. */
  readonly network: string;
  /** `10.0.0.1` for a host, `10.0.0.0/8` otherwise (the form `nft list` prints back). */
  readonly short: string;
}

/** A prefix with its first address as a number, for sorting and covering; never leaves this module. */
interface Ordered {
  readonly prefix: Prefix;
  readonly start: bigint;
}

function parseOrdered(text: string): Ordered | undefined {
  if (text.includes(':')) {
    const r = parseIpv6Cidr(text, true);
    if (!r.ok) return undefined;
    const { words, prefix: bits } = r.value;
    let start = 0n;
    for (const w of words) start = (start << 32n) | BigInt(w);
    return { prefix: makePrefix(6, bits, text, formatIpv6(words)), start };
  }
  const r = parseIpv4Cidr(text, true);
  if (!r.ok) return undefined;
  const { address, prefix: bits } = r.value;
  return { prefix: makePrefix(4, bits, text, formatIpv4(address)), start: BigInt(address) };
}

const makePrefix = (family: 4 | 6, bits: number, text: string, network: string): Prefix => ({
  family,
  bits,
  text,
  network,
  short: bits === (family === 4 ? 32 : 128) ? network : `${network}/${bits}`,
});

/** One CIDR text, or undefined when it is not one. */
export const parsePrefix = (text: string): Prefix | undefined => parseOrdered(text)?.prefix;

const size = (p: Prefix): bigint => 1n << BigInt((p.family === 4 ? 32 : 128) - p.bits);

/** Sorted, without duplicates or prefixes covered by another one of the list. Unparsable texts are returned apart. */
export function minimalPrefixes(texts: readonly string[]): { prefixes: Prefix[]; invalid: string[] } {
  const invalid: string[] = [];
  const parsed: Ordered[] = [];
  for (const t of texts) {
    const p = parseOrdered(t);
    if (p) parsed.push(p);
    else invalid.push(t);
  }
  parsed.sort(
    (a, b) =>
      a.prefix.family - b.prefix.family ||
      (a.start < b.start ? -1 : a.start > b.start ? 1 : a.prefix.bits - b.prefix.bits),
  );
  const prefixes: Prefix[] = [];
  let last: Ordered | undefined;
  for (const p of parsed) {
    if (last && last.prefix.family === p.prefix.family && p.start < last.start + size(last.prefix)) continue; // covered
    prefixes.push(p.prefix);
    last = p;
  }
  return { prefixes, invalid };
}

/** The network address alone (`10.0.0.0`, `2001:db8::`), host bits cleared. */
export const networkAddress = (p: Prefix): string => p.network;

export const isHost = (p: Prefix): boolean => p.bits === (p.family === 4 ? 32 : 128);

/** `10.0.0.1` for a host, `10.0.0.0/8` otherwise (the form `nft list` prints back); host bits never leak. */
export const hostOrPrefix = (p: Prefix): string => p.short;

/** Always with the length: `10.0.0.1/32` (iptables, ipset). */
export const withLength = (p: Prefix): string => `${p.network}/${p.bits}`;

/** A dotted IPv4 mask (`255.255.255.0` for 24): ASA, FortiOS and PAC `isInNet` want masks, not lengths. */
export const v4Netmask = (bits: number): string => formatIpv4(ipv4Mask(bits));

/** Whether every address of `b` is also in `a` (both of one family). */
export function prefixCovers(a: Prefix, b: Prefix): boolean {
  if (a.family !== b.family || a.bits > b.bits) return false;
  const x = parseOrdered(`${a.network}/${a.bits}`);
  const y = parseOrdered(`${b.network}/${b.bits}`);
  if (!x || !y) return false;
  const shift = BigInt((a.family === 4 ? 32 : 128) - a.bits);
  return x.start >> shift === y.start >> shift;
}

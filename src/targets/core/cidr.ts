/**
 * The few CIDR operations targets need, on BigInt: parse a normalised CIDR, drop the prefixes another one of the
 * list already covers (interval sets must not overlap), sort. Addresses arrive normalised by src/net.
 */
export interface Prefix {
  readonly family: 4 | 6;
  readonly start: bigint;
  readonly bits: number;
  readonly text: string;
}

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    v = (v << 8n) | BigInt(p);
  }
  return v;
}

function parseV6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    v = (v << 16n) | BigInt(Number.parseInt(g, 16));
  }
  return v;
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

function parsePrefixUncached(text: string): Prefix | undefined {
  const [addr = '', len] = text.split('/');
  const family = addr.includes(':') ? 6 : 4;
  const width = family === 4 ? 32 : 128;
  const value = family === 4 ? parseV4(addr) : parseV6(addr);
  const bits = len === undefined ? width : Number(len);
  if (value === undefined || !Number.isInteger(bits) || bits < 0 || bits > width) return undefined;
  const mask = ((1n << BigInt(bits)) - 1n) << BigInt(width - bits);
  return { family, start: value & mask, bits, text };
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

function formatV4(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((v >> shift) & 255n)).join('.');
}

/** RFC 5952: lowercase, longest run (>= 2) of zero groups compressed. */
function formatV6(v: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestAt = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [bestAt, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestAt < 0) return hex.join(':');
  return `${hex.slice(0, bestAt).join(':')}::${hex.slice(bestAt + bestLen).join(':')}`;
}

/** The network address alone (`10.0.0.0`, `2001:db8::`), host bits cleared. */
export const networkAddress = (p: Prefix): string => (p.family === 4 ? formatV4(p.start) : formatV6(p.start));

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
export const v4Netmask = (bits: number): string =>
  formatV4(bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << BigInt(32 - bits));

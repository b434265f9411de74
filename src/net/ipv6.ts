import { parseIpv4, parsePrefix } from './ipv4.js';
import { didYouMeanWords, type ParseResult, parsed, rejected, words as said } from './result.js';

/** An IPv6 network: the first address as four big-endian uint32 words. */
export interface Ipv6Cidr {
  readonly family: 6;
  readonly words: Uint32Array;
  readonly prefix: number;
}

const groups = new Uint32Array(8);

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Parses RFC 4291 text (`2001:db8::1`, `::`, `::ffff:192.0.2.1`) in `text[start, end)` into `out[at..at+3]`.
 * Returns false on any malformation; zone ids (`%eth0`) are not addresses and are refused.
 */
export function parseIpv6Into(text: string, start: number, end: number, out: Uint32Array, at = 0): boolean {
  let n = 0;
  let gap = -1;
  let i = start;
  if (end - start < 2) return false;
  if (text.charCodeAt(i) === 58) {
    if (text.charCodeAt(i + 1) !== 58) return false;
    gap = 0;
    i += 2;
  }
  while (i < end) {
    const groupStart = i;
    let value = 0;
    let digits = 0;
    let h = hexValue(text.charCodeAt(i));
    while (h >= 0 && i < end) {
      if (++digits > 4) return false;
      value = value * 16 + h;
      i++;
      h = i < end ? hexValue(text.charCodeAt(i)) : -1;
    }
    if (i < end && text.charCodeAt(i) === 46) {
      // Embedded IPv4 takes the last 32 bits.
      if (n > 6) return false;
      const v4 = parseIpv4(text, groupStart, end);
      if (v4 < 0) return false;
      groups[n++] = v4 >>> 16;
      groups[n++] = v4 & 0xffff;
      i = end;
      break;
    }
    if (digits === 0 || n === 8) return false;
    groups[n++] = value;
    if (i === end) break;
    if (text.charCodeAt(i) !== 58) return false;
    i++;
    if (i === end) return false;
    if (text.charCodeAt(i) === 58) {
      if (gap >= 0) return false;
      gap = n;
      i++;
    }
  }
  if (gap < 0 ? n !== 8 : n > 7) return false;
  const missing = 8 - n;
  for (let w = 0; w < 4; w++) {
    const hi = groupAt(2 * w, gap, missing);
    const lo = groupAt(2 * w + 1, gap, missing);
    out[at + w] = ((hi << 16) | lo) >>> 0;
  }
  return true;
}

/** Group k of the expanded address, given `missing` zero groups inserted at `gap`. */
function groupAt(k: number, gap: number, missing: number): number {
  if (gap < 0 || k < gap) return groups[k] as number;
  if (k < gap + missing) return 0;
  return groups[k - missing] as number;
}

/** RFC 5952: lowercase, no leading zeros, the longest run (first on a tie) of two or more zero groups as `::`. */
export function formatIpv6(words: ArrayLike<number>, at = 0): string {
  const g: number[] = [];
  for (let w = 0; w < 4; w++) {
    const v = words[at + w] as number;
    g.push(v >>> 16, v & 0xffff);
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let k = 0; k < 8; ) {
    if (g[k] !== 0) {
      k++;
      continue;
    }
    let e = k;
    while (e < 8 && g[e] === 0) e++;
    if (e - k > bestLength) {
      bestStart = k;
      bestLength = e - k;
    }
    k = e;
  }
  const hex = (from: number, to: number) =>
    g
      .slice(from, to)
      .map((v) => v.toString(16))
      .join(':');
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}

/** Network mask bits of word `w` (0..3) for a prefix length. */
export function ipv6WordMask(prefix: number, w: number): number {
  const bits = Math.min(32, Math.max(0, prefix - 32 * w));
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

export function formatIpv6Cidr(cidr: Ipv6Cidr): string {
  return `${formatIpv6(cidr.words)}/${cidr.prefix}`;
}

/** `2001:db8::1` (→ /128) or `2001:db8::/32`; host bits set is an error unless `lenient`. */
export function parseIpv6Cidr(text: string, lenient = false): ParseResult<Ipv6Cidr> {
  const slash = text.indexOf('/');
  const addrEnd = slash < 0 ? text.length : slash;
  const words = new Uint32Array(4);
  if (!parseIpv6Into(text, 0, addrEnd, words)) {
    return rejected(
      said(`"${text}" n’est pas une adresse IPv6 valide`, `"${text}" is not a valid IPv6 address`),
      said(
        'huit groupes de 1 à 4 chiffres hexadécimaux, un seul "::" au plus',
        'eight groups of 1 to 4 hex digits, one "::" at most',
      ),
    );
  }
  if (slash < 0) return parsed({ family: 6, words, prefix: 128 });
  const prefix = parsePrefix(text, slash + 1, text.length, 128);
  if (prefix < 0)
    return rejected(
      said(`"${text}" a une longueur de préfixe invalide`, `"${text}" has an invalid prefix length`),
      said('une longueur de préfixe IPv6 va de 0 à 128', 'an IPv6 prefix length is 0 to 128'),
    );
  let hostBits = false;
  for (let w = 0; w < 4; w++) {
    const masked = ((words[w] as number) & ipv6WordMask(prefix, w)) >>> 0;
    if (masked !== words[w]) hostBits = true;
    words[w] = masked;
  }
  if (hostBits && !lenient) {
    return rejected(
      said(`"${text}" a des bits d’hôte à 1 (pas une adresse de réseau)`, `"${text}" has host bits set`),
      didYouMeanWords(`${formatIpv6(words)}/${prefix}`),
    );
  }
  return parsed({ family: 6, words, prefix });
}

import { type Bilingual, didYouMeanWords, type ParseResult, parsed, rejected, words } from './result.js';

/** An IPv4 network: `address` is the first address as an unsigned 32-bit integer. */
export interface Ipv4Cidr {
  readonly family: 4;
  readonly address: number;
  readonly prefix: number;
}

export const IPV4_MAX = 0xffffffff;

/**
 * Dotted-quad to uint32, or -1. Hand-written: about 10× faster than ipaddr.js on this hot path.
 * Strict: four decimal octets, no leading zeros (`010` is octal to some tools, decimal to others).
 */
export function parseIpv4(text: string, start = 0, end = text.length): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return -1;
      octet = octet * 10 + (c - 48);
      if (octet > 255) return -1;
      digits++;
    } else if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else {
      return -1;
    }
  }
  if (digits === 0 || dots !== 3) return -1;
  return value * 256 + octet;
}

export function formatIpv4(address: number): string {
  return `${address >>> 24}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}`;
}

/** Prefix length of a dotted netmask (`255.255.255.0` → 24); undefined unless four octets of contiguous ones. */
export function netmaskLength(mask: string): number | undefined {
  const octets = mask.split('.');
  if (octets.length !== 4 || octets.some((o) => !/^\d{1,3}$/.test(o) || Number(o) > 255)) return undefined;
  const bits = octets.map((o) => Number(o).toString(2).padStart(8, '0')).join('');
  if (!/^1*0*$/.test(bits)) return undefined;
  const zero = bits.indexOf('0');
  return zero < 0 ? 32 : zero;
}

/** Mask of the network part for a prefix length, as uint32 (JS bit ops are signed: keep `>>> 0`). */
export function ipv4Mask(prefix: number): number {
  return prefix === 0 ? 0 : (IPV4_MAX << (32 - prefix)) >>> 0;
}

/** Last address of the network. */
export function ipv4Last(cidr: Ipv4Cidr): number {
  return (cidr.address | ~ipv4Mask(cidr.prefix)) >>> 0;
}

export function formatIpv4Cidr(cidr: Ipv4Cidr): string {
  return `${formatIpv4(cidr.address)}/${cidr.prefix}`;
}

/** Parses a decimal prefix length in `text[start, end)`, or -1. */
export function parsePrefix(text: string, start: number, end: number, max: number): number {
  if (start >= end || end - start > 3) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  if (end - start > 1 && text.charCodeAt(start) === 48) return -1;
  return n <= max ? n : -1;
}

/**
 * `192.0.2.1` (→ /32) or `10.0.0.0/8`. Host bits set is an error whose hint is the network.
 * `lenient` masks host bits instead (interface addresses such as `10.1.2.3/24`).
 */
export function parseIpv4Cidr(text: string, lenient = false): ParseResult<Ipv4Cidr> {
  const slash = text.indexOf('/');
  const addrEnd = slash < 0 ? text.length : slash;
  const address = parseIpv4(text, 0, addrEnd);
  if (address < 0)
    return rejected(
      words(`"${text}" n’est pas une adresse IPv4 valide`, `"${text}" is not a valid IPv4 address`),
      ipv4Hint(text.slice(0, addrEnd)),
    );
  if (slash < 0) return parsed({ family: 4, address, prefix: 32 });
  const prefix = parsePrefix(text, slash + 1, text.length, 32);
  if (prefix < 0)
    return rejected(
      words(`"${text}" a une longueur de préfixe invalide`, `"${text}" has an invalid prefix length`),
      words('une longueur de préfixe IPv4 va de 0 à 32', 'an IPv4 prefix length is 0 to 32'),
    );
  const network = (address & ipv4Mask(prefix)) >>> 0;
  if (network !== address && !lenient) {
    const fixed = `${formatIpv4(network)}/${prefix}`;
    return rejected(
      words(`"${text}" a des bits d’hôte à 1 (pas une adresse de réseau)`, `"${text}" has host bits set`),
      didYouMeanWords(fixed),
    );
  }
  return parsed({ family: 4, address: network, prefix });
}

/** Suggests the address without leading zeros, when that is the only problem. */
function ipv4Hint(text: string): Bilingual {
  const parts = text.split('.');
  const general = words('quatre nombres de 0 à 255 séparés par des points', 'four numbers 0 to 255 separated by dots');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return general;
  const fixed = parts.map((p) => String(Number(p))).join('.');
  return parseIpv4(fixed) >= 0 && fixed !== text ? didYouMeanWords(fixed) : general;
}

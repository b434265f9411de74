import ipaddr from 'ipaddr.js';

/**
 * Address arithmetic for the kernel tests, on BigInt through ipaddr.js (an implementation independent of src/net):
 * sample hosts inside a prefix, the address just past it, and documentation addresses outside a set of prefixes.
 */
export type Family = 4 | 6;

const bits = (f: Family) => (f === 4 ? 32 : 128);
export const familyOf = (ip: string): Family => (ip.includes(':') ? 6 : 4);

function toBig(ip: string): bigint {
  return ipaddr
    .parse(ip)
    .toByteArray()
    .reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

function fromBig(n: bigint, f: Family): string {
  const bytes: number[] = [];
  for (let i = 0; i < bits(f) / 8; i++) bytes.unshift(Number((n >> BigInt(8 * i)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

/** First and last address of a CIDR (a bare address is its own /32 or /128). */
export function bounds(cidr: string): { family: Family; first: bigint; last: bigint } {
  const [addr, len] = cidr.includes('/') ? (cidr.split('/') as [string, string]) : [cidr, undefined];
  const family = familyOf(addr);
  const size = BigInt(bits(family) - (len === undefined ? bits(family) : Number(len)));
  const first = (toBig(addr) >> size) << size;
  return { family, first, last: first + (1n << size) - 1n };
}

/** A host inside `cidr`: near its low end or its high end (skipping the network and broadcast addresses). */
export function hostIn(cidr: string, end: 'low' | 'high'): string {
  const { family, first, last } = bounds(cidr);
  if (last - first < 3n) return fromBig(end === 'low' ? first : last, family);
  return fromBig(end === 'low' ? first + 1n : last - 1n, family);
}

/** The address right after `cidr`, or undefined at the end of the address space. */
export function justAfter(cidr: string): string | undefined {
  const { family, last } = bounds(cidr);
  return last + 1n < 1n << BigInt(bits(family)) ? fromBig(last + 1n, family) : undefined;
}

/** Host number `offset` of `cidr` when the prefix is large enough, else its low host. */
export function hostAt(cidr: string, offset: number): string {
  const { family, first, last } = bounds(cidr);
  return first + BigInt(offset) < last ? fromBig(first + BigInt(offset), family) : hostIn(cidr, 'low');
}

export const inCidr = (ip: string, cidr: string): boolean => {
  const b = bounds(cidr);
  if (b.family !== familyOf(ip)) return false;
  const n = toBig(ip);
  return b.first <= n && n <= b.last;
};

// RFC 5737 / RFC 3849 / RFC 9637 documentation ranges, tried in order.
const OUTSIDE: Record<Family, readonly string[]> = {
  4: ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'],
  6: ['2001:db8:ffff::/48', '3fff::/20', '2001:db8:fffe::/48'],
};

/** Documentation addresses of `family`, from host `start` on, that no prefix of `avoid` holds. */
export function* outsiders(family: Family, avoid: (ip: string) => boolean, start = 200): Generator<string> {
  for (const range of OUTSIDE[family]) {
    for (let host = start; host < 250; host++) {
      const ip = hostAt(range, host);
      if (!avoid(ip)) yield ip;
    }
  }
}

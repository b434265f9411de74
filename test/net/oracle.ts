/**
 * Independent models for property tests: BigInt arithmetic and plain Sets, sharing no code with src/net.
 */

export const V4_BITS = 32n;
export const V6_BITS = 128n;

/** Greedy range → CIDR list over BigInt: the textbook algorithm, written without typed arrays. */
export function naiveRangeToCidrs(first: bigint, last: bigint, bits: bigint): { start: bigint; prefix: number }[] {
  const out: { start: bigint; prefix: number }[] = [];
  let s = first;
  while (s <= last) {
    let k = 0n;
    while (k < bits && s % (1n << (k + 1n)) === 0n && s + (1n << (k + 1n)) - 1n <= last) k++;
    out.push({ start: s, prefix: Number(bits - k) });
    s += 1n << k;
  }
  return out;
}

export function v4ToText(n: bigint): string {
  const x = Number(n);
  return [x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255].join('.');
}

/** Full, uncompressed IPv6 text; the code under test must compress it. */
export function v6ToFullText(n: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((n >> BigInt(16 * i)) & 0xffffn).toString(16).padStart(4, '0'));
  return groups.join(':');
}

export function textOf(n: bigint, family: 4 | 6): string {
  return family === 4 ? v4ToText(n) : v6ToFullText(n);
}

/** Expands the set's ranges into the offsets from `base` it covers (small universes only). */
export function offsetsOf(ranges: readonly { first: bigint; last: bigint }[], base: bigint): Set<number> {
  const out = new Set<number>();
  for (const r of ranges) for (let v = r.first; v <= r.last; v++) out.add(Number(v - base));
  return out;
}

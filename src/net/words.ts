/**
 * Unsigned integers of W big-endian uint32 words inside a Uint32Array (W = 1 for IPv4 and ports, 4 for IPv6).
 * One arithmetic for both families keeps a single, well-tested set algebra.
 */

export function compareWords(a: Uint32Array, ai: number, b: Uint32Array, bi: number, w: number): number {
  for (let k = 0; k < w; k++) {
    const x = a[ai + k] as number;
    const y = b[bi + k] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function isAllOnes(a: Uint32Array, ai: number, w: number): boolean {
  for (let k = 0; k < w; k++) if (a[ai + k] !== 0xffffffff) return false;
  return true;
}

export function isZero(a: Uint32Array, ai: number, w: number): boolean {
  for (let k = 0; k < w; k++) if (a[ai + k] !== 0) return false;
  return true;
}

export function copyWords(src: Uint32Array, si: number, dst: Uint32Array, di: number, w: number): void {
  for (let k = 0; k < w; k++) dst[di + k] = src[si + k] as number;
}

/** dst = src + 2^bit; returns true when the sum overflows W words. src and dst may alias. */
export function addPowerOfTwo(
  src: Uint32Array,
  si: number,
  dst: Uint32Array,
  di: number,
  w: number,
  bit: number,
): boolean {
  let k = w - 1 - Math.floor(bit / 32);
  if (k < 0) return true;
  for (let j = w - 1; j > k; j--) dst[di + j] = src[si + j] as number;
  let carry = 2 ** (bit % 32);
  for (; k >= 0; k--) {
    const sum = (src[si + k] as number) + carry;
    dst[di + k] = sum >>> 0;
    carry = sum > 0xffffffff ? 1 : 0;
  }
  return carry === 1;
}

/** dst = src + 1; true on overflow. */
export const incrementWords = (src: Uint32Array, si: number, dst: Uint32Array, di: number, w: number): boolean =>
  addPowerOfTwo(src, si, dst, di, w, 0);

/** dst = src − 1; src must not be zero. */
export function decrementWords(src: Uint32Array, si: number, dst: Uint32Array, di: number, w: number): void {
  let borrow = 1;
  for (let k = w - 1; k >= 0; k--) {
    const diff = (src[si + k] as number) - borrow;
    dst[di + k] = diff >>> 0;
    borrow = diff < 0 ? 1 : 0;
  }
}

/** dst = a − b (a >= b). */
export function subtractWords(
  a: Uint32Array,
  ai: number,
  b: Uint32Array,
  bi: number,
  dst: Uint32Array,
  di: number,
  w: number,
): void {
  let borrow = 0;
  for (let k = w - 1; k >= 0; k--) {
    const diff = (a[ai + k] as number) - (b[bi + k] as number) - borrow;
    dst[di + k] = diff >>> 0;
    borrow = diff < 0 ? 1 : 0;
  }
}

/** Number of trailing zero bits; 32·W for zero. */
export function trailingZeros(a: Uint32Array, ai: number, w: number): number {
  let n = 0;
  for (let k = w - 1; k >= 0; k--) {
    const v = a[ai + k] as number;
    if (v !== 0) return n + (31 - Math.clz32(v & -v));
    n += 32;
  }
  return n;
}

/** Index of the highest set bit (0-based from the least significant), −1 for zero. */
export function highestBit(a: Uint32Array, ai: number, w: number): number {
  for (let k = 0; k < w; k++) {
    const v = a[ai + k] as number;
    if (v !== 0) return (w - 1 - k) * 32 + (31 - Math.clz32(v));
  }
  return -1;
}

export function wordsToBigInt(a: Uint32Array, ai: number, w: number): bigint {
  let n = 0n;
  for (let k = 0; k < w; k++) n = (n << 32n) | BigInt(a[ai + k] as number);
  return n;
}

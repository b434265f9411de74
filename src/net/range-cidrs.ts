import {
  addPowerOfTwo,
  compareWords,
  copyWords,
  highestBit,
  incrementWords,
  isAllOnes,
  subtractWords,
  trailingZeros,
} from './words.js';

/**
 * Calls `emit(start, prefix)` for the minimal list of CIDR blocks covering [first, last] exactly, in order.
 * Each step takes the largest block that starts aligned at the cursor and does not pass `last`.
 * `start` is a scratch buffer: copy it if kept.
 */
export function rangeToCidrs(
  first: Uint32Array,
  fi: number,
  last: Uint32Array,
  li: number,
  width: number,
  emit: (start: Uint32Array, prefix: number) => void,
): void {
  const bits = 32 * width;
  const cursor = new Uint32Array(width);
  const span = new Uint32Array(width);
  copyWords(first, fi, cursor, 0, width);
  for (;;) {
    subtractWords(last, li, cursor, 0, span, 0, width);
    // Largest k with 2^k <= span + 1 (the count of addresses left).
    let fit: number;
    if (isAllOnes(span, 0, width)) fit = bits;
    else {
      incrementWords(span, 0, span, 0, width);
      fit = highestBit(span, 0, width);
    }
    const k = Math.min(trailingZeros(cursor, 0, width), fit);
    emit(cursor, bits - k);
    if (addPowerOfTwo(cursor, 0, cursor, 0, width, k)) return;
    if (compareWords(cursor, 0, last, li, width) > 0) return;
  }
}

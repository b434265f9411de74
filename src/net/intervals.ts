import {
  compareWords as compareWordsExport,
  copyWords as copyWordsExport,
  decrementWords,
  incrementWords as incrementWordsExport,
  isAllOnes,
  isZero,
  subtractWords,
  wordsToBigInt,
} from './words.js';

// The hottest helpers are called through module-local names: a transpiled module namespace (tsx, vitest) reads
// them through a getter on every call otherwise.
const compareWords = compareWordsExport;
const copyWords = copyWordsExport;
const incrementWords = incrementWordsExport;

/**
 * A sorted list of disjoint, non-adjacent inclusive intervals of W-word integers, packed in one Uint32Array:
 * interval i holds its start at `i·2W` and its end at `i·2W + W`. Immutable once built.
 */
export class Intervals {
  constructor(
    readonly width: number,
    readonly data: Uint32Array,
    readonly count: number,
  ) {}

  /** The empty list of a width (shared: lists are immutable). */
  static empty(width: number): Intervals {
    let e = EMPTY.get(width);
    if (!e) {
      e = new Intervals(width, new Uint32Array(0), 0);
      EMPTY.set(width, e);
    }
    return e;
  }

  /** From intervals in any order, overlapping or not. */
  static fromUnsorted(width: number, data: Uint32Array, count: number): Intervals {
    const stride = 2 * width;
    if (count === 0) return Intervals.empty(width);
    // One interval (an address, a port) is sorted already.
    if (count === 1) return new Intervals(width, data.slice(0, stride), 1);
    const out = new IntervalBuilder(width, count);
    if (width === 1 && count < 2 ** 21) {
      // start·2^21 + index is exact in a double: a numeric typed-array sort, no comparator calls.
      const keys = new Float64Array(count);
      for (let i = 0; i < count; i++) keys[i] = (data[i * 2] as number) * 2 ** 21 + i;
      keys.sort();
      for (let k = 0; k < count; k++) {
        const i = (keys[k] as number) % 2 ** 21;
        out.push(data, i * 2, data, i * 2 + 1);
      }
      return out.build();
    }
    const order = Array.from({ length: count }, (_, i) => i);
    order.sort((i, j) => compareWords(data, i * stride, data, j * stride, width));
    for (const i of order) out.push(data, i * stride, data, i * stride + width);
    return out.build();
  }

  get isEmpty(): boolean {
    return this.count === 0;
  }

  startAt(i: number): number {
    return i * 2 * this.width;
  }

  endAt(i: number): number {
    return i * 2 * this.width + this.width;
  }

  /** Index of the last interval whose start is <= the value at `v[vi]`, or −1. */
  private floorIndex(v: Uint32Array, vi: number): number {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (compareWords(this.data, this.startAt(mid), v, vi, this.width) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** Whether [first, last] lies entirely inside the set (merged intervals: inside one of them). */
  containsRange(first: Uint32Array, fi: number, last: Uint32Array, li: number): boolean {
    const i = this.floorIndex(first, fi);
    return i >= 0 && compareWords(this.data, this.endAt(i), last, li, this.width) >= 0;
  }

  /** Whether [first, last] shares at least one value with the set. */
  overlapsRange(first: Uint32Array, fi: number, last: Uint32Array, li: number): boolean {
    const i = this.floorIndex(last, li);
    return i >= 0 && compareWords(this.data, this.endAt(i), first, fi, this.width) >= 0;
  }

  /** Whether the two lists share a value, without building their intersection. */
  overlaps(other: Intervals): boolean {
    const w = this.width;
    const a = this.data;
    const b = other.data;
    let i = 0;
    let j = 0;
    while (i < this.count && j < other.count) {
      // a[i] and b[j] overlap unless one ends before the other starts.
      if (compareWords(a, this.endAt(i), b, other.startAt(j), w) < 0) i++;
      else if (compareWords(b, other.endAt(j), a, this.startAt(i), w) < 0) j++;
      else return true;
    }
    return false;
  }

  /** Whether every value of `other` is in this list, without building their difference. */
  containsAll(other: Intervals): boolean {
    const w = this.width;
    let i = 0;
    for (let j = 0; j < other.count; j++) {
      // Merged lists: an interval of `other` lies inside one interval of this list or it is not contained.
      while (i < this.count && compareWords(this.data, this.endAt(i), other.data, other.startAt(j), w) < 0) i++;
      if (i >= this.count) return false;
      if (compareWords(this.data, this.startAt(i), other.data, other.startAt(j), w) > 0) return false;
      if (compareWords(this.data, this.endAt(i), other.data, other.endAt(j), w) < 0) return false;
    }
    return true;
  }

  union(other: Intervals): Intervals {
    // Lists are immutable: an empty side gives the other one as it is.
    if (other.count === 0) return this;
    if (this.count === 0) return other;
    const out = new IntervalBuilder(this.width, this.count + other.count);
    let i = 0;
    let j = 0;
    while (i < this.count || j < other.count) {
      const takeThis =
        j >= other.count ||
        (i < this.count && compareWords(this.data, this.startAt(i), other.data, other.startAt(j), this.width) <= 0);
      const src = takeThis ? this : other;
      const k = takeThis ? i++ : j++;
      out.push(src.data, src.startAt(k), src.data, src.endAt(k));
    }
    return out.build();
  }

  intersect(other: Intervals): Intervals {
    if (this.count === 0) return this;
    if (other.count === 0) return other;
    const w = this.width;
    const out = new IntervalBuilder(w, this.count + other.count);
    let i = 0;
    let j = 0;
    while (i < this.count && j < other.count) {
      const a = this.data;
      const b = other.data;
      const lo =
        compareWords(a, this.startAt(i), b, other.startAt(j), w) >= 0 ? [a, this.startAt(i)] : [b, other.startAt(j)];
      const endCmp = compareWords(a, this.endAt(i), b, other.endAt(j), w);
      const hi = endCmp <= 0 ? [a, this.endAt(i)] : [b, other.endAt(j)];
      if (compareWords(lo[0] as Uint32Array, lo[1] as number, hi[0] as Uint32Array, hi[1] as number, w) <= 0) {
        out.push(lo[0] as Uint32Array, lo[1] as number, hi[0] as Uint32Array, hi[1] as number);
      }
      if (endCmp <= 0) i++;
      else j++;
    }
    return out.build();
  }

  subtract(other: Intervals): Intervals {
    if (this.count === 0 || other.count === 0) return this;
    const w = this.width;
    const a = this.data;
    const b = other.data;
    const out = new IntervalBuilder(w, this.count + other.count);
    // Scratch words: the builder copies what it is given.
    const cursor = SCRATCH_A;
    const before = SCRATCH_B;
    let j = 0;
    for (let i = 0; i < this.count; i++) {
      copyWords(a, this.startAt(i), cursor, 0, w);
      let exhausted = false;
      while (j < other.count && compareWords(b, other.endAt(j), cursor, 0, w) < 0) j++;
      let k = j;
      while (k < other.count && compareWords(b, other.startAt(k), a, this.endAt(i), w) <= 0) {
        if (compareWords(b, other.startAt(k), cursor, 0, w) > 0) {
          decrementWords(b, other.startAt(k), before, 0, w);
          out.push(cursor, 0, before, 0);
        }
        if (
          compareWords(b, other.endAt(k), a, this.endAt(i), w) >= 0 ||
          incrementWords(b, other.endAt(k), cursor, 0, w)
        ) {
          exhausted = true;
          break;
        }
        k++;
      }
      j = k;
      if (!exhausted) out.push(cursor, 0, a, this.endAt(i));
    }
    return out.build();
  }

  equals(other: Intervals): boolean {
    if (this.width !== other.width || this.count !== other.count) return false;
    for (let k = 0; k < this.data.length && k < this.count * 2 * this.width; k++) {
      if (this.data[k] !== other.data[k]) return false;
    }
    return true;
  }

  /** Number of values covered. */
  size(): bigint {
    const w = this.width;
    const diff = new Uint32Array(w);
    let total = 0n;
    for (let i = 0; i < this.count; i++) {
      subtractWords(this.data, this.endAt(i), this.data, this.startAt(i), diff, 0, w);
      total += wordsToBigInt(diff, 0, w) + 1n;
    }
    return total;
  }

  /** Whether the set covers every W-word value. */
  isFull(): boolean {
    return this.count === 1 && isZero(this.data, 0, this.width) && isAllOnes(this.data, this.width, this.width);
  }
}

const EMPTY = new Map<number, Intervals>();
/** Scratch words for the widest list (IPv6, 4 words); single-threaded and never held across calls. */
const SCRATCH_A = new Uint32Array(4);
const SCRATCH_B = new Uint32Array(4);
const SCRATCH_NEXT = new Uint32Array(4);

/** Appends intervals in ascending start order, merging overlapping and adjacent ones as it goes. */
export class IntervalBuilder {
  private data: Uint32Array;
  private count = 0;
  private readonly next = SCRATCH_NEXT;

  constructor(
    private readonly width: number,
    capacity: number,
  ) {
    this.data = new Uint32Array(Math.max(1, capacity) * 2 * width);
  }

  push(s: Uint32Array, si: number, e: Uint32Array, ei: number): void {
    const w = this.width;
    if (w === 1) {
      this.pushOne(s[si] as number, e[ei] as number);
      return;
    }
    if (this.count > 0) {
      const lastEnd = (this.count - 1) * 2 * w + w;
      // The last interval absorbs this one when it starts at or before lastEnd + 1.
      const touches = incrementWords(this.data, lastEnd, this.next, 0, w) || compareWords(s, si, this.next, 0, w) <= 0;
      if (touches) {
        if (compareWords(e, ei, this.data, lastEnd, w) > 0) copyWords(e, ei, this.data, lastEnd, w);
        return;
      }
    }
    if ((this.count + 1) * 2 * w > this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    copyWords(s, si, this.data, this.count * 2 * w, w);
    copyWords(e, ei, this.data, this.count * 2 * w + w, w);
    this.count++;
  }

  /** `push` for one-word values (IPv4, ports), on plain numbers. */
  private pushOne(start: number, end: number): void {
    const data = this.data;
    if (this.count > 0) {
      const lastEnd = 2 * this.count - 1;
      const last = data[lastEnd] as number;
      if (last === 0xffffffff || start <= last + 1) {
        if (end > last) data[lastEnd] = end;
        return;
      }
    }
    if (2 * this.count + 2 > data.length) {
      const grown = new Uint32Array(data.length * 2);
      grown.set(data);
      this.data = grown;
    }
    this.data[2 * this.count] = start;
    this.data[2 * this.count + 1] = end;
    this.count++;
  }

  build(): Intervals {
    const used = this.count * 2 * this.width;
    return new Intervals(this.width, used === this.data.length ? this.data : this.data.slice(0, used), this.count);
  }
}

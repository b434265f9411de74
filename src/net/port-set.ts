import { Intervals } from './intervals.js';
import type { PortRange } from './types.js';

export const PORT_MAX = 65535;

/**
 * A set of ports 0..65535 as merged intervals over a typed array (the same algebra as CidrSet, one word wide).
 * Immutable; operations return new sets.
 */
export class PortSet {
  private constructor(private readonly list: Intervals) {}

  static empty(): PortSet {
    return new PortSet(Intervals.empty(1));
  }

  /** Every port, 0..65535. */
  static all(): PortSet {
    return PortSet.fromRanges([{ from: 0, to: PORT_MAX }]);
  }

  /** From ranges in any order; overlapping and adjacent ones merge. Throws on a range outside 0..65535. */
  static fromRanges(ranges: readonly PortRange[]): PortSet {
    const data = new Uint32Array(ranges.length * 2);
    for (const [i, r] of ranges.entries()) {
      if (!Number.isInteger(r.from) || !Number.isInteger(r.to) || r.from < 0 || r.to > PORT_MAX || r.from > r.to) {
        throw new RangeError(`invalid port range ${r.from}-${r.to}`);
      }
      data[2 * i] = r.from;
      data[2 * i + 1] = r.to;
    }
    return new PortSet(Intervals.fromUnsorted(1, data, ranges.length));
  }

  static of(...ports: number[]): PortSet {
    return PortSet.fromRanges(ports.map((p) => ({ from: p, to: p })));
  }

  union(other: PortSet): PortSet {
    return new PortSet(this.list.union(other.list));
  }

  intersect(other: PortSet): PortSet {
    return new PortSet(this.list.intersect(other.list));
  }

  subtract(other: PortSet): PortSet {
    return new PortSet(this.list.subtract(other.list));
  }

  /** Whether a port, a range, or every port of a set is in this set. */
  contains(x: number | PortRange | PortSet): boolean {
    if (x instanceof PortSet) return this.list.containsAll(x.list);
    const from = typeof x === 'number' ? x : x.from;
    const to = typeof x === 'number' ? x : x.to;
    const d = this.list.data;
    // Binary search over the merged ranges: the last one starting at or before `from` must reach `to`.
    let lo = 0;
    let hi = this.list.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((d[2 * mid] as number) <= from) {
        if ((d[2 * mid + 1] as number) >= from) return (d[2 * mid + 1] as number) >= to;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return false;
  }

  overlaps(other: PortSet): boolean {
    return this.list.overlaps(other.list);
  }

  isEmpty(): boolean {
    return this.list.isEmpty;
  }

  equals(other: PortSet): boolean {
    return this.list.equals(other.list);
  }

  /** Number of ports. */
  get size(): number {
    let n = 0;
    const d = this.list.data;
    for (let i = 0; i < this.list.count; i++) n += (d[2 * i + 1] as number) - (d[2 * i] as number) + 1;
    return n;
  }

  toRanges(): PortRange[] {
    const d = this.list.data;
    const out: PortRange[] = [];
    for (let i = 0; i < this.list.count; i++) out.push({ from: d[2 * i] as number, to: d[2 * i + 1] as number });
    return out;
  }
}

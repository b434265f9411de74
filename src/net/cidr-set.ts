import { IntervalBuilder, Intervals } from './intervals.js';
import { formatIpv4, ipv4Last, parseIpv4Cidr } from './ipv4.js';
import { formatIpv6, ipv6WordMask, parseIpv6Cidr } from './ipv6.js';
import { rangeToCidrs } from './range-cidrs.js';
import { didYouMeanWords, type ParseResult, parsed, rejected, stripSpaces, words } from './result.js';
import type { AnyAddress as Address } from './types.js';

export type Family = 4 | 6;

/** A parsed network as the first and last address in words (1 word for IPv4, 4 for IPv6). */
export interface CidrBounds {
  readonly family: Family;
  readonly first: Uint32Array;
  readonly last: Uint32Array;
}

/** Parses `10.0.0.0/8`, `192.0.2.1`, `2001:db8::/32` (spaces tolerated) into first/last words. */
export function parseCidrBounds(text: string, lenient = false): ParseResult<CidrBounds> {
  const t = /[\s\u00A0\u202F]/.test(text) ? stripSpaces(text) : text;
  if (t.includes(':')) {
    const r = parseIpv6Cidr(t, lenient);
    if (!r.ok) return r;
    const last = new Uint32Array(4);
    for (let w = 0; w < 4; w++) last[w] = ((r.value.words[w] as number) | ~ipv6WordMask(r.value.prefix, w)) >>> 0;
    return parsed({ family: 6, first: r.value.words, last });
  }
  const r = parseIpv4Cidr(t, lenient);
  if (!r.ok) return r;
  return parsed({ family: 4, first: Uint32Array.of(r.value.address), last: Uint32Array.of(ipv4Last(r.value)) });
}

function boundsOf(x: string | Address): CidrBounds | undefined {
  if (typeof x !== 'string') return x.kind === 'cidr' ? boundsOf(x.value) : undefined;
  const r = parseCidrBounds(x, true);
  return r.ok ? r.value : undefined;
}

const widthOf = (family: Family) => (family === 4 ? 1 : 4);

/**
 * A set of IPv4 and IPv6 addresses, kept per family as merged interval lists over typed arrays.
 * Immutable: every operation returns a new set. `toCidrs()` gives the minimal CIDR list.
 */
export class CidrSet {
  private constructor(
    readonly v4: Intervals,
    readonly v6: Intervals,
  ) {}

  static empty(): CidrSet {
    EMPTY_SET ??= new CidrSet(Intervals.empty(1), Intervals.empty(4));
    return EMPTY_SET;
  }

  /** Every IPv4 and IPv6 address. */
  static all(): CidrSet {
    ALL_SET ??= CidrSet.empty()
      .withRange(4, Uint32Array.of(0), Uint32Array.of(0xffffffff))
      .withRange(6, new Uint32Array(4), Uint32Array.of(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff));
    return ALL_SET;
  }

  /**
   * From CIDR texts. Host bits set is an error (with the network as hint) unless `lenient`.
   * The message names the offending entry.
   */
  static parse(cidrs: readonly string[], options: { lenient?: boolean } = {}): ParseResult<CidrSet> {
    const v4: Uint32Array[] = [];
    const v6: Uint32Array[] = [];
    for (const text of cidrs) {
      const r = parseCidrBounds(text, options.lenient);
      if (!r.ok) return r;
      (r.value.family === 4 ? v4 : v6).push(r.value.first, r.value.last);
    }
    return parsed(new CidrSet(packUnsorted(1, v4), packUnsorted(4, v6)));
  }

  /** The `cidr` addresses of a list; `any` adds every address; names (FQDN, wildcard, URL, k8s) are ignored. */
  static fromAddresses(addresses: readonly Address[]): CidrSet {
    let set = CidrSet.empty();
    const cidrs: string[] = [];
    for (const a of addresses) {
      if (a.kind === 'any') set = CidrSet.all();
      else if (a.kind === 'cidr') cidrs.push(a.value);
    }
    const parsedCidrs = CidrSet.parse(cidrs, { lenient: true });
    return parsedCidrs.ok ? set.union(parsedCidrs.value) : set;
  }

  /** From `first`–`last` inclusive, two addresses of the same family. */
  static fromRange(first: string, last: string): ParseResult<CidrSet> {
    const a = parseCidrBounds(first);
    const b = parseCidrBounds(last);
    if (!a.ok) return a;
    if (!b.ok) return b;
    if (a.value.family !== b.value.family) {
      return rejected(
        words(`la plage "${first}" – "${last}" mêle IPv4 et IPv6`, `range "${first}" – "${last}" mixes IPv4 and IPv6`),
        words('les deux bornes doivent être de la même famille', 'both ends must be of one family'),
      );
    }
    const range = CidrSet.empty().withRange(a.value.family, a.value.first, b.value.last);
    if (range.isEmpty())
      return rejected(
        words(`la plage "${first}" – "${last}" est à l’envers`, `range "${first}" – "${last}" is reversed`),
        didYouMeanWords(`${last}-${first}`),
      );
    return parsed(range);
  }

  private withRange(family: Family, first: Uint32Array, last: Uint32Array): CidrSet {
    const w = widthOf(family);
    const b = new IntervalBuilder(w, 1);
    if (compareFirstLast(first, last, w)) b.push(first, 0, last, 0);
    const one = b.build();
    return family === 4 ? new CidrSet(this.v4.union(one), this.v6) : new CidrSet(this.v4, this.v6.union(one));
  }

  union(other: CidrSet): CidrSet {
    return new CidrSet(this.v4.union(other.v4), this.v6.union(other.v6));
  }

  intersect(other: CidrSet): CidrSet {
    return new CidrSet(this.v4.intersect(other.v4), this.v6.intersect(other.v6));
  }

  subtract(other: CidrSet): CidrSet {
    return new CidrSet(this.v4.subtract(other.v4), this.v6.subtract(other.v6));
  }

  /** Only one family's addresses. */
  family(family: Family): CidrSet {
    if (family === 4) return this.v6.isEmpty ? this : new CidrSet(this.v4, Intervals.empty(4));
    return this.v4.isEmpty ? this : new CidrSet(Intervals.empty(1), this.v6);
  }

  isEmpty(): boolean {
    return this.v4.isEmpty && this.v6.isEmpty;
  }

  equals(other: CidrSet): boolean {
    return this.v4.equals(other.v4) && this.v6.equals(other.v6);
  }

  /**
   * Whether the whole address, network or set lies inside this set. An unparsable string or a name
   * (FQDN, wildcard) is never contained; `any` is contained only by a set of every address.
   */
  contains(x: string | Address | CidrSet): boolean {
    if (x instanceof CidrSet) return this.v4.containsAll(x.v4) && this.v6.containsAll(x.v6);
    if (typeof x !== 'string' && x.kind === 'any') return this.v4.isFull() && this.v6.isFull();
    const b = boundsOf(x);
    if (!b) return false;
    return (b.family === 4 ? this.v4 : this.v6).containsRange(b.first, 0, b.last, 0);
  }

  /** Whether at least one address is shared. */
  overlaps(x: string | Address | CidrSet): boolean {
    if (x instanceof CidrSet) return this.v4.overlaps(x.v4) || this.v6.overlaps(x.v6);
    if (typeof x !== 'string' && x.kind === 'any') return !this.isEmpty();
    const b = boundsOf(x);
    if (!b) return false;
    return (b.family === 4 ? this.v4 : this.v6).overlapsRange(b.first, 0, b.last, 0);
  }

  /** Number of addresses of one family. */
  size(family: Family): bigint {
    return family === 4 ? this.v4.size() : this.v6.size();
  }

  /** Minimal CIDR list, IPv4 first, each family ascending. */
  toCidrs(): string[] {
    const out: string[] = [];
    for (const [family, list] of [
      [4, this.v4],
      [6, this.v6],
    ] as const) {
      for (let i = 0; i < list.count; i++) {
        rangeToCidrs(list.data, list.startAt(i), list.data, list.endAt(i), list.width, (start, prefix) => {
          out.push(`${family === 4 ? formatIpv4(start[0] as number) : formatIpv6(start)}/${prefix}`);
        });
      }
    }
    return out;
  }

  /** The merged intervals as first/last address texts. */
  toRanges(): { family: Family; first: string; last: string }[] {
    const out: { family: Family; first: string; last: string }[] = [];
    for (let i = 0; i < this.v4.count; i++) {
      const d = this.v4.data;
      out.push({ family: 4, first: formatIpv4(d[2 * i] as number), last: formatIpv4(d[2 * i + 1] as number) });
    }
    for (let i = 0; i < this.v6.count; i++) {
      out.push({ family: 6, first: formatIpv6(this.v6.data, i * 8), last: formatIpv6(this.v6.data, i * 8 + 4) });
    }
    return out;
  }
}

// Sets are immutable: the empty and full ones are shared.
let EMPTY_SET: CidrSet | undefined;
let ALL_SET: CidrSet | undefined;

/** first <= last. */
function compareFirstLast(first: Uint32Array, last: Uint32Array, w: number): boolean {
  for (let k = 0; k < w; k++) {
    if (first[k] !== last[k]) return (first[k] as number) < (last[k] as number);
  }
  return true;
}

function packUnsorted(width: number, bounds: Uint32Array[]): Intervals {
  const data = new Uint32Array(bounds.length * width);
  for (const [i, b] of bounds.entries()) data.set(b, i * width);
  return Intervals.fromUnsorted(width, data, bounds.length / 2);
}

import type { Issue } from '../../../model/issues.js';
import { CidrSet } from '../../../net/cidr-set.js';
import { configIssue } from '../../../ruleset/config-file.js';
import { familyAll, type SideMatch, sideOf, unionSides } from '../../kit/zone-policy.js';

/** One address of a book: a set, or why not (a DNS name the SRX resolves, a wildcard address). */
export interface SrxAddress {
  readonly set: CidrSet;
  readonly opaque?: string;
  readonly line: number;
}

interface Book {
  readonly addresses: Map<string, SrxAddress>;
  readonly sets: Map<string, string[]>;
  readonly zones: Set<string>;
}

const PREDEFINED: Readonly<Record<string, CidrSet>> = {
  any: CidrSet.all(),
  'any-ipv4': familyAll(4),
  'any-ipv6': familyAll(6),
};

/**
 * Address books: `global` (every zone), named books attached to zones, and the old per-zone books
 * (`security-zone Z address-book`). A policy resolves a name in its zone's books first, then in the global one.
 */
export class AddressBooks {
  private readonly books = new Map<string, Book>();
  /** Sets worked out once per zone: nested sets shared by many (a diamond) would otherwise be walked 2^depth times. */
  private readonly resolved = new Map<string, SideMatch>();
  readonly issues: Issue[] = [];
  constructor(private readonly file: string) {}

  private book(name: string): Book {
    const b = this.books.get(name) ?? { addresses: new Map(), sets: new Map(), zones: new Set<string>() };
    this.books.set(name, b);
    return b;
  }

  /** Every address defined, in every book. */
  get addresses(): SrxAddress[] {
    return [...this.books.values()].flatMap((b) => [...b.addresses.values()]);
  }

  get setCount(): number {
    return [...this.books.values()].reduce((n, b) => n + b.sets.size, 0);
  }

  /** `address-book …` words after the book is known; `bookName` is `global`, a named book or `zone Z`. */
  add(bookName: string, words: readonly string[], lines: readonly number[], zone?: string): void {
    const book = this.book(bookName);
    if (zone) book.zones.add(zone);
    const [kind, name, ...rest] = words;
    const line = lines[1] ?? 0;
    if (kind === 'attach' && name === 'zone' && rest[0]) book.zones.add(rest[0]);
    if (name === undefined) return;
    if (kind === 'address-set') {
      const list = book.sets.get(name) ?? [];
      book.sets.set(name, list);
      if ((rest[0] === 'address' || rest[0] === 'address-set') && rest[1]) list.push(rest[1]);
      return;
    }
    if (kind !== 'address') return;
    const [key, value, , last] = rest;
    if (key === undefined || key === 'description') {
      if (!book.addresses.has(name)) book.addresses.set(name, { set: CidrSet.empty(), line });
      return;
    }
    let address: SrxAddress;
    if (key === 'dns-name')
      address = { set: CidrSet.empty(), opaque: `address "${name}" is a DNS name (${value}) the SRX resolves`, line };
    else if (key === 'wildcard-address')
      address = { set: CidrSet.empty(), opaque: `address "${name}" is a wildcard address (${value})`, line };
    else if (key === 'range-address') {
      const r = CidrSet.fromRange(value ?? '', last ?? '');
      if (!r.ok) this.issues.push(configIssue(this.file, line, `address "${name}": ${r.message}`, r.hint));
      address = { set: r.ok ? r.value : CidrSet.empty(), line };
    } else {
      const r = CidrSet.parse([key], { lenient: true });
      if (!r.ok) this.issues.push(configIssue(this.file, line, `address "${name}": ${r.message}`, r.hint));
      address = { set: r.ok ? r.value : CidrSet.empty(), line };
    }
    book.addresses.set(name, address);
  }

  /** A name as a policy in `zone` (undefined: a global policy) sees it. */
  resolve(name: string, zone: string | undefined): SideMatch {
    const scope = CidrSet.all();
    const predefined = PREDEFINED[name];
    if (predefined) return sideOf(predefined, [], scope);
    const books = [...this.books.entries()]
      .filter(([n, b]) => n === 'global' || (zone !== undefined && b.zones.has(zone)))
      .sort(([a], [b]) => (a === 'global' ? 1 : 0) - (b === 'global' ? 1 : 0))
      .map(([, b]) => b);
    return (
      this.inBooks(name, books, zone ?? '', []) ?? sideOf(CidrSet.empty(), [this.undefinedReason(name, zone)], scope)
    );
  }

  private undefinedReason(name: string, zone: string | undefined): string {
    return `address "${name}" is not in the address books of ${zone === undefined ? 'global policies' : `zone ${zone}`}`;
  }

  private inBooks(name: string, books: readonly Book[], zone: string, seen: readonly string[]): SideMatch | undefined {
    const scope = CidrSet.all();
    for (const book of books) {
      const a = book.addresses.get(name);
      if (a) return sideOf(a.set, a.opaque ? [a.opaque] : [], scope);
      const set = book.sets.get(name);
      if (set) {
        if (seen.includes(name)) return sideOf(CidrSet.empty(), [`address-set "${name}" contains itself`], scope);
        const key = `${zone}\u0000${name}`;
        const known = this.resolved.get(key);
        if (known) return known;
        // No member: not an empty set of addresses, which would match nothing.
        const value =
          set.length === 0
            ? sideOf(CidrSet.empty(), [`address-set "${name}" has no member`], scope)
            : unionSides(
                set.map(
                  (m) =>
                    this.inBooks(m, books, zone, [...seen, name]) ??
                    sideOf(CidrSet.empty(), [`address "${m}" of set "${name}" is not defined`], scope),
                ),
              );
        this.resolved.set(key, value);
        return value;
      }
    }
    return undefined;
  }
}

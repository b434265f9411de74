import { type CidrBounds, CidrSet, createPrefixMatcher, parseAddress, parseCidrBounds } from '../net/index.js';
import { compareWords } from '../net/words.js';
import type { Address } from './matrix.js';
import type { Site, Zone } from './site.js';

/** Places addresses in the site's zones: longest prefix for IPs, the default zone for names and `any`. */
export interface ZoneLocator {
  zoneOf(address: Address): string;
  /** For catalog-fixed addresses: the catalog's zone hint when the site has that zone. */
  zoneOfName(address: Address, hint: string | undefined): string;
  defaultZone(): string | undefined;
}

/** Zone name for addresses outside every zone in a site without a default zone. */
export const UNZONED = '';

export function zoneLocator(zones: Readonly<Record<string, Zone>>): ZoneLocator {
  const entries = zoneEntries(zones);
  const match = createPrefixMatcher(entries);
  const fallback = defaultZoneOf(zones);
  const zoneOf = (a: Address): string =>
    a.kind === 'cidr' ? (match(a.value) ?? fallback ?? UNZONED) : (fallback ?? UNZONED);
  return {
    zoneOf,
    zoneOfName: (a, hint) => (hint && zones[hint] ? hint : zoneOf(a)),
    defaultZone: () => fallback,
  };
}

/** In a catalog shown without a site there are no zones: everything sits in one unnamed place. */
export const noZones: ZoneLocator = { zoneOf: () => UNZONED, zoneOfName: () => UNZONED, defaultZone: () => undefined };

const zoneEntries = (zones: Readonly<Record<string, Zone>>) =>
  Object.entries(zones).flatMap(([name, z]) => z.cidrs.map((cidr) => ({ cidr, value: name })));

const defaultZoneOf = (zones: Readonly<Record<string, Zone>>): string | undefined =>
  Object.entries(zones).find(([, z]) => z.default)?.[0];

/**
 * Every zone the addresses of one network fall in, sorted. A host network placed by longest prefix alone goes to
 * the zone holding its *whole* range; when zones lie inside it (`10.0.0.0/8` over `lan` 10.1.0.0/16 and `dmz`
 * 10.2.0.0/16) it spans them all, and a rule for it would be placed on one path only. The zones must be valid
 * CIDRs (checked before).
 */
export type ZoneSpan = (cidr: string) => readonly string[];

export function zoneSpan(zones: Readonly<Record<string, Zone>>): ZoneSpan {
  const entries = zoneEntries(zones).flatMap((e) => {
    const b = parseCidrBounds(e.cidr, true);
    const set = CidrSet.parse([e.cidr], { lenient: true });
    return b.ok && set.ok ? [{ ...e, bounds: b.value, set: set.value }] : [];
  });
  const match = createPrefixMatcher(entries);
  const outside = defaultZoneOf(zones) ?? UNZONED;
  return (cidr) => {
    const b = parseCidrBounds(cidr, true);
    if (!b.ok) return [];
    const found = new Set<string>();
    // Built on the first zone network found inside: most networks hold none (a site has thousands of hosts).
    let rest: CidrSet | undefined;
    for (const e of entries) {
      if (e.bounds.family !== b.value.family || sameBounds(e.bounds, b.value) || !within(e.bounds, b.value)) continue;
      // A zone network strictly inside this one: its addresses are that zone's (or a longer prefix's inside it).
      found.add(match(e.cidr) ?? e.value);
      rest = (rest ?? networkSet(cidr)).subtract(e.set);
    }
    // No zone network inside (most hosts): the zone holding the whole network, and no set to sort.
    if (rest === undefined) return [match(cidr) ?? outside];
    if (!rest.isEmpty()) found.add(match(cidr) ?? outside);
    return [...found].sort();
  };
}

/** One network as a set (its bounds parsed already, so it parses). */
const networkSet = (cidr: string): CidrSet => {
  const r = CidrSet.parse([cidr], { lenient: true });
  return r.ok ? r.value : CidrSet.empty();
};

const sameBounds = (a: CidrBounds, b: CidrBounds): boolean =>
  a.first.every((w, i) => w === b.first[i]) && a.last.every((w, i) => w === b.last[i]);

/** `inner` lies inside `outer` (same family): what `CidrSet.contains` says of two single networks. */
const within = (inner: CidrBounds, outer: CidrBounds): boolean => {
  const w = inner.first.length;
  return compareWords(outer.first, 0, inner.first, 0, w) <= 0 && compareWords(inner.last, 0, outer.last, 0, w) <= 0;
};

/** The zones with only their valid CIDRs: the zone checks report the invalid ones, placement leaves them out. */
export function validZones(site: Pick<Site, 'zones'>): Site['zones'] {
  return Object.fromEntries(
    Object.entries(site.zones).map(([name, z]) => [
      name,
      {
        ...z,
        cidrs: z.cidrs.filter((c) => {
          const a = parseAddress(c);
          return a.ok && a.value.kind === 'cidr';
        }),
      },
    ]),
  );
}

import type { Address } from '../model/matrix.js';
import type { Zone } from '../model/site.js';
import { createPrefixMatcher } from '../net/index.js';

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
  const entries = Object.entries(zones).flatMap(([name, z]) => z.cidrs.map((cidr) => ({ cidr, value: name })));
  const match = createPrefixMatcher(entries);
  const fallback = Object.entries(zones).find(([, z]) => z.default)?.[0];
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

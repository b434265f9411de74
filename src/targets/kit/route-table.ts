import { CidrSet } from '../../net/cidr-set.js';
import { netmaskLength } from '../../net/ipv4.js';
import { UNTOLD_EGRESS } from '../../ruleset/routes.js';
import type { Provenance, Route } from '../../ruleset/types.js';

/** A route as a reader finds it in the configuration, before the routes to one prefix are weighed. */
export interface RouteCandidate {
  /** One prefix, as CIDR (`prefixOf`). */
  readonly destination: string;
  /** The interface it leaves by, as the ruleset's `interfaceZones` names it; undefined where that cannot be told. */
  readonly interface: string | undefined;
  /** Lower wins among the routes to one prefix (a connected network 0, then the distance or preference). */
  readonly preference: number;
  readonly provenance: Provenance;
}

/** The prefix holding `text` (`10.0.0.1/24` → `10.0.0.0/24`, an address alone a host prefix), or undefined. */
export function prefixOf(text: string): string | undefined {
  const r = CidrSet.parse([text], { lenient: true });
  const cidrs = r.ok ? r.value.toCidrs() : [];
  return cidrs.length === 1 ? cidrs[0] : undefined;
}

/** `A M` with a dotted mask (`255.255.255.0`) as the prefix holding A, or undefined when M is not a mask. */
export function prefixOfMask(address: string, mask: string): string | undefined {
  const length = netmaskLength(mask);
  return length === undefined ? undefined : prefixOf(`${address}/${length}`);
}

/**
 * The interface whose connected network holds a next hop (the longest such network), or undefined when none does
 * or two interfaces hold it equally.
 */
export function interfaceHolding(address: string, connected: readonly RouteCandidate[]): string | undefined {
  let best: { length: number; interface: string | undefined } | undefined;
  let tied = false;
  for (const c of connected) {
    const set = CidrSet.parse([c.destination]);
    if (!set.ok || !set.value.contains(address)) continue;
    const length = lengthOf(c.destination);
    if (best === undefined || length > best.length) {
      best = { length, interface: c.interface };
      tied = false;
    } else if (length === best.length && c.interface !== best.interface) tied = true;
  }
  return tied ? undefined : best?.interface;
}

const lengthOf = (cidr: string): number => Number(cidr.split('/')[1]);

/**
 * The ruleset's routes: per prefix, those of the lowest preference (a backup route takes nothing while the first is
 * there). One of them whose egress cannot be told makes the prefix place nothing (`UNTOLD_EGRESS`); several
 * interfaces left as they are, for the longest match to leave the packet unsaid.
 */
export function routeTable(candidates: readonly RouteCandidate[]): Route[] {
  const byPrefix = new Map<string, RouteCandidate[]>();
  for (const c of candidates) byPrefix.set(c.destination, [...(byPrefix.get(c.destination) ?? []), c]);
  const routes: Route[] = [];
  for (const [prefix, all] of byPrefix) {
    const set = CidrSet.parse([prefix]);
    if (!set.ok) continue;
    const lowest = Math.min(...all.map((c) => c.preference));
    const best = all.filter((c) => c.preference === lowest);
    const untold = best.find((c) => c.interface === undefined);
    const kept = untold ? [untold] : best.filter((c, k) => best.findIndex((o) => o.interface === c.interface) === k);
    for (const c of kept)
      routes.push({
        destination: set.value,
        length: lengthOf(prefix),
        interface: c.interface ?? UNTOLD_EGRESS,
        provenance: c.provenance,
      });
  }
  return routes;
}

/** `{ routes }` to spread into a ruleset, nothing when the configuration says none. */
export const readRoutes = (candidates: readonly RouteCandidate[]): { routes?: Route[] } => {
  const routes = routeTable(candidates);
  return routes.length > 0 ? { routes } : {};
};

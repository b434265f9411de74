import type { FirewallInfo, Hop, UnenforcedReason } from '../model/matrix.js';
import { UNZONED } from '../model/zones.js';

/**
 * Zones are nodes, firewalls are edges (a firewall joins every pair of the zones it separates). The firewalls a
 * flow crosses are those on the shortest zone paths: *every* shortest path, so two firewalls in parallel on one
 * zone pair (an HA pair, two routed paths) both get the rule — traffic may take either, and a firewall left
 * without it would drop the flow the day traffic goes its way. Hops are ordered by distance from the source, then
 * by firewall name, so the result is the same on every run.
 */
export interface Topology {
  path(fromZone: string, toZone: string): readonly Hop[] | undefined;
  /** Why no firewall lies between two different zones; undefined when one does (or the zones are the same). */
  unenforced(fromZone: string, toZone: string): UnenforcedReason | undefined;
}

interface Edge {
  readonly to: string;
  readonly fw: FirewallInfo;
}

export function buildTopology(firewalls: readonly FirewallInfo[]): Topology {
  const sorted = [...firewalls].sort((a, b) => a.name.localeCompare(b.name));
  const edges = new Map<string, Edge[]>();
  for (const fw of sorted) {
    const zones = [...new Set(fw.zones)];
    for (const a of zones) {
      for (const b of zones) {
        if (a === b) continue;
        const list = edges.get(a) ?? [];
        list.push({ to: b, fw });
        edges.set(a, list);
      }
    }
  }
  const distances = new Map<string, ReadonlyMap<string, number>>();
  const distanceFrom = (zone: string): ReadonlyMap<string, number> => {
    let d = distances.get(zone);
    if (!d) {
      d = breadthFirst(edges, zone);
      distances.set(zone, d);
    }
    return d;
  };
  // By source zone then destination zone: looked up once per matrix row and leg.
  const cache = new Map<string, Map<string, readonly Hop[] | undefined>>();
  const search = (from: string, to: string): readonly Hop[] | undefined => {
    if (from === to) return [];
    const fromSource = distanceFrom(from);
    const length = fromSource.get(to);
    if (length === undefined) return undefined;
    // Firewalls join zones both ways, so the distance to `to` is the distance from it.
    const toTarget = distanceFrom(to);
    const hops: { step: number; hop: Hop }[] = [];
    for (const [zone, step] of fromSource) {
      if (step >= length) continue;
      for (const e of edges.get(zone) ?? []) {
        if ((toTarget.get(e.to) ?? Number.POSITIVE_INFINITY) === length - step - 1)
          hops.push({ step, hop: hop(e.fw, zone, e.to) });
      }
    }
    return hops
      .sort(
        (a, b) =>
          a.step - b.step ||
          a.hop.firewall.localeCompare(b.hop.firewall) ||
          a.hop.fromZone.localeCompare(b.hop.fromZone) ||
          a.hop.toZone.localeCompare(b.hop.toZone),
      )
      .map((h) => h.hop);
  };
  const path = (from: string, to: string): readonly Hop[] | undefined => {
    let byTo = cache.get(from);
    if (!byTo) {
      byTo = new Map();
      cache.set(from, byTo);
    }
    if (!byTo.has(to)) byTo.set(to, search(from, to));
    return byTo.get(to);
  };
  return {
    path,
    unenforced(from, to) {
      if (from === to || (path(from, to)?.length ?? 0) > 0) return undefined;
      if (from === UNZONED || to === UNZONED) return 'unzoned';
      if (!edges.has(from) || !edges.has(to)) return 'isolated-zone';
      return 'no-path';
    },
  };
}

function breadthFirst(edges: ReadonlyMap<string, readonly Edge[]>, from: string): Map<string, number> {
  const distance = new Map([[from, 0]]);
  let frontier = [from];
  for (let step = 1; frontier.length > 0; step++) {
    const next: string[] = [];
    for (const zone of frontier) {
      for (const e of edges.get(zone) ?? []) {
        if (distance.has(e.to)) continue;
        distance.set(e.to, step);
        next.push(e.to);
      }
    }
    frontier = next;
  }
  return distance;
}

function hop(fw: FirewallInfo, fromZone: string, toZone: string): Hop {
  const fromInterface = fw.interfaces[fromZone];
  const toInterface = fw.interfaces[toZone];
  return {
    firewall: fw.name,
    platform: fw.platform,
    fromZone,
    toZone,
    ...(fromInterface ? { fromInterface } : {}),
    ...(toInterface ? { toInterface } : {}),
  };
}

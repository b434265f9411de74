import type { FirewallInfo, Hop } from '../model/matrix.js';

/**
 * Zones are nodes, firewalls are edges (a firewall joins every pair of the zones it separates). The firewalls a
 * flow crosses are those on the shortest zone path; ties go to the firewall whose name sorts first, so the
 * result is the same on every run.
 */
export interface Topology {
  path(fromZone: string, toZone: string): readonly Hop[] | undefined;
}

export function buildTopology(firewalls: readonly FirewallInfo[]): Topology {
  const sorted = [...firewalls].sort((a, b) => a.name.localeCompare(b.name));
  const edges = new Map<string, { to: string; fw: FirewallInfo }[]>();
  for (const fw of sorted) {
    for (const a of fw.zones) {
      for (const b of fw.zones) {
        if (a === b) continue;
        const list = edges.get(a) ?? [];
        list.push({ to: b, fw });
        edges.set(a, list);
      }
    }
  }
  // By source zone then destination zone: looked up once per matrix row and leg.
  const cache = new Map<string, Map<string, readonly Hop[] | undefined>>();
  const search = (from: string, to: string): readonly Hop[] | undefined => {
    if (from === to) return [];
    const previous = new Map<string, { zone: string; fw: FirewallInfo }>();
    const seen = new Set([from]);
    let frontier = [from];
    while (frontier.length > 0 && !seen.has(to)) {
      const next: string[] = [];
      for (const zone of frontier) {
        for (const e of edges.get(zone) ?? []) {
          if (seen.has(e.to)) continue;
          seen.add(e.to);
          previous.set(e.to, { zone, fw: e.fw });
          next.push(e.to);
        }
      }
      frontier = next;
    }
    if (!seen.has(to)) return undefined;
    const hops: Hop[] = [];
    for (let zone = to; zone !== from; ) {
      const p = previous.get(zone) as { zone: string; fw: FirewallInfo };
      hops.unshift(hop(p.fw, p.zone, zone));
      zone = p.zone;
    }
    return hops;
  };
  return {
    path(from, to) {
      let byTo = cache.get(from);
      if (!byTo) {
        byTo = new Map();
        cache.set(from, byTo);
      }
      if (!byTo.has(to)) byTo.set(to, search(from, to));
      return byTo.get(to);
    },
  };
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

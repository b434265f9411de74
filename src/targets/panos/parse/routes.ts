import type { Route } from '../../../ruleset/types.js';
import { interfaceHolding, prefixOf, type RouteCandidate, readRoutes } from '../../kit/route-table.js';
import type { Located, NetworkPath, PanosDocument } from './model.js';
import type { XmlNode } from './xml-tree.js';

/** PAN-OS ranks: administrative distance (static 10 unless said), then metric (10 unless said); connected first. */
const rank = (distance: number, metric: number): number => distance * 2 ** 16 + metric;
const CONNECTED = 0;
const STATIC_DISTANCE = 10;
const STATIC_METRIC = 10;

/**
 * The `network` part of an XML configuration as the paths `set network …` commands write (`interface ethernet
 * ethernet1/1 layer3 ip 10.0.0.1/24`): entry names and members as words, a leaf's text as its last word.
 */
export function xmlNetworkPaths(node: XmlNode, source: string, where: (node: XmlNode) => Located): NetworkPath[] {
  const out: NetworkPath[] = [];
  const walk = (n: XmlNode, words: readonly string[], at: readonly Located[]): void => {
    for (const c of n.children) {
      const own = c.name === 'entry' ? c.attributes.name : c.name === 'member' ? c.text.trim() : c.name;
      if (own === undefined) continue;
      const path = [...words, own];
      const located = [...at, where(c)];
      const leaf = c.text.trim();
      if (c.children.length > 0) walk(c, path, located);
      else if (c.name === 'entry' || c.name === 'member' || leaf === '') out.push({ source, words: path, at: located });
      else out.push({ source, words: [...path, leaf], at: [...located, where(c)] });
    }
  };
  walk(node, [], []);
  return out;
}

/** What one `static-route NAME` says. */
interface StaticRoute {
  destination?: string;
  interface?: string;
  nextHop?: string;
  /** `nexthop discard`, `next-vr`, `fqdn`, `route-table no-install`…: no told egress. */
  untold?: boolean;
  distance?: number;
  metric?: number;
  line: number;
  text: string;
}

/**
 * The routes of the one virtual router that holds interfaces: the networks of its layer3, VLAN, loopback and tunnel
 * interfaces and units (`ip`, `ipv6 address`), a DHCP client's default route, and its static routes (`destination`,
 * by `interface`, or by the interface whose network holds `nexthop ip-address`; lowest admin-dist, then metric). A
 * discard, next-vr or FQDN next hop, or a route not installed, places nothing. None are read where the packet's
 * table cannot be told: several virtual routers holding interfaces, logical routers (advanced routing), or the
 * networks of several Panorama templates.
 */
export function panosRoutes(doc: PanosDocument): { routes?: Route[] } {
  const sources = new Set(doc.network.map((p) => p.source));
  if (sources.size !== 1) return {};
  const paths = doc.network;
  if (paths.some((p) => p.words[0] === 'logical-router')) return {};
  const routers = new Map<string, Set<string>>();
  for (const { words: w } of paths)
    if (w[0] === 'virtual-router' && w[1] !== undefined && w[2] === 'interface' && w[3] !== undefined)
      routers.set(w[1], (routers.get(w[1]) ?? new Set()).add(w[3]));
  const holding = [...routers].filter(([, members]) => members.size > 0);
  if (holding.length !== 1) return {};
  const [router, members] = holding[0] as [string, Set<string>];
  const networks = connectedNetworks(paths, doc.file).filter((c) => c.interface && members.has(c.interface));
  // Next hops are on the interfaces' own networks, not behind a DHCP default route.
  const connected = networks.filter((c) => c.preference === CONNECTED);
  const statics = new Map<string, StaticRoute>();
  let staticDistance = STATIC_DISTANCE;
  for (const { words: w, at } of paths) {
    if (w[0] !== 'virtual-router' || w[1] !== router) continue;
    if (w[2] === 'admin-dists' && w[3] === 'static') staticDistance = Number(w[4] ?? STATIC_DISTANCE);
    if (w[2] !== 'routing-table' || w[4] !== 'static-route' || w[5] === undefined) continue;
    const key = `${w[3]} ${w[5]}`;
    // Said where its entry is (its name's line).
    const route = statics.get(key) ?? { ...(at[5] as Located) };
    statics.set(key, route);
    sayRoute(route, w.slice(6));
  }
  const candidates: RouteCandidate[] = [...networks];
  for (const r of statics.values()) {
    const destination = r.destination === undefined ? undefined : prefixOf(r.destination);
    if (destination === undefined) return {};
    const egress = r.untold
      ? undefined
      : (r.interface ?? (r.nextHop === undefined ? undefined : interfaceHolding(r.nextHop, connected)));
    candidates.push({
      destination,
      interface: egress,
      preference: rank(r.distance ?? staticDistance, r.metric ?? STATIC_METRIC),
      provenance: { file: doc.file, line: r.line, text: r.text },
    });
  }
  return readRoutes(candidates);
}

/** One path's words after `static-route NAME`. */
function sayRoute(route: StaticRoute, w: readonly string[]): void {
  const [key, value, more] = w;
  if (key === 'destination') route.destination = value;
  else if (key === 'interface') route.interface = value;
  else if (key === 'admin-dist') route.distance = Number(value);
  else if (key === 'metric') route.metric = Number(value);
  else if (key === 'nexthop' && (value === 'ip-address' || value === 'ipv6-address') && more !== undefined)
    route.nextHop = more;
  else if (key === 'nexthop' || (key === 'route-table' && value === 'no-install')) route.untold = true;
  // bfd, path-monitor, route-table unicast…: where the route leads stays as said.
}

/** Interfaces whose addresses sit in `layer3` (ethernet, aggregate-ethernet) or directly (vlan, loopback, tunnel). */
const BARE = new Set(['vlan', 'loopback', 'tunnel']);

/** The networks of the interfaces and units, and a DHCP client's default route, by interface. */
function connectedNetworks(paths: readonly NetworkPath[], file: string): RouteCandidate[] {
  const out: RouteCandidate[] = [];
  /** IPv6 networks, in the order read: they take nothing unless their interface enables IPv6. */
  const ipv6 = new Map<RouteCandidate, string>();
  const ipv6Enabled = new Set<string>();
  for (const { words: all, at } of paths) {
    if (all[0] !== 'interface' || all[1] === undefined) continue;
    // ethernet IF layer3 …, or vlan …; then units UNIT … for a subinterface.
    let k = BARE.has(all[1]) ? 2 : 3;
    let name = BARE.has(all[1]) ? all[1] : (all[2] ?? '');
    if (!BARE.has(all[1]) && all[k++] !== 'layer3') continue;
    if (all[k] === 'units' && all[k + 1] !== undefined) {
      name = all[k + 1] as string;
      k += 2;
    }
    const w = all.slice(k);
    const provenance = { file, ...(at[k + 1] ?? at[at.length - 1] ?? { line: 0, text: '' }) };
    if (w[0] === 'ip' && w[1]?.includes('/')) {
      const prefix = prefixOf(w[1]);
      if (prefix) out.push({ destination: prefix, interface: name, preference: CONNECTED, provenance });
    } else if (w[0] === 'ipv6' && w[1] === 'address' && w[2]?.includes('/')) {
      const prefix = prefixOf(w[2]);
      const at2 = { file, ...(at[k + 2] ?? provenance) };
      const candidate = prefix && { destination: prefix, interface: name, preference: CONNECTED, provenance: at2 };
      if (candidate) {
        out.push(candidate);
        ipv6.set(candidate, name);
      }
    } else if (w[0] === 'ipv6' && w[1] === 'enabled' && w[2] === 'yes') ipv6Enabled.add(name);
    else if (w[0] === 'dhcp-client' && w[1] === 'create-default-route' && w[2] === 'yes')
      out.push({ destination: '0.0.0.0/0', interface: name, preference: rank(STATIC_DISTANCE, 0), provenance });
  }
  return out.map((c) => {
    const name = ipv6.get(c);
    return name === undefined || ipv6Enabled.has(name) ? c : { ...c, interface: undefined };
  });
}

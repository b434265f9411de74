import type { Flow } from '../model/catalog.js';
import { type Issue, issue } from '../model/issues.js';
import {
  type Address,
  type Endpoint,
  isNamedAddress,
  type Leg,
  type MatrixRow,
  type ServiceMatch,
  type UnenforcedReason,
} from '../model/matrix.js';
import type { Site } from '../model/site.js';
import { text } from '../model/text.js';
import type { ZoneLocator } from '../model/zones.js';
import { fqdnMatches, parseAddress } from '../net/index.js';
import type { Topology } from './topology.js';

export interface ProxyPlan {
  readonly info: { name: string; host: string; port: number; address: readonly Address[] };
  readonly zone: string;
  readonly endpoint: Endpoint;
  readonly zones: ReadonlySet<string>;
  readonly bypass: readonly string[];
  /** The site's `internalDomains`: names in them never go through the proxy. */
  readonly internalDomains: readonly string[];
  /** Site `proxy.egress`: `by-port` opens the proxy's way out by zone and port (see SiteProxy). */
  readonly egress: 'by-name' | 'by-port';
}

export function planProxy(site: Site, zones: ZoneLocator, issues: Issue[]): ProxyPlan | undefined {
  const p = site.proxy;
  if (!p) return undefined;
  const host = site.hosts[p.host];
  if (!host) {
    issues.push(
      issue(
        'unknown-host',
        ['proxy', 'host'],
        text(
          `l’hôte du proxy "${p.host}" n’est pas déclaré sous hosts:`,
          `proxy host "${p.host}" is not declared under hosts:`,
        ),
        text('déclarez-le sous hosts: avec son adresse', 'declare it under hosts: with its address'),
      ),
    );
    return undefined;
  }
  const raw =
    host.address === undefined
      ? host.fqdn
        ? [host.fqdn]
        : []
      : Array.isArray(host.address)
        ? host.address
        : [host.address];
  const address = raw.flatMap((a) => {
    const r = parseAddress(a);
    return r.ok ? [r.value] : [];
  });
  const first = address[0];
  const zone = host.zone ?? (first ? zones.zoneOf(first) : (zones.defaultZone() ?? ''));
  return {
    info: { name: p.name, host: p.host, port: p.port, address },
    zone,
    endpoint: {
      role: `proxy:${p.name}`,
      title: { fr: `Proxy ${p.name}`, en: `Proxy ${p.name}` },
      addresses: address,
      bindings: [p.host],
      fixed: false,
    },
    zones: new Set(p.zones),
    bypass: p.bypass,
    internalDomains: site.internalDomains ?? [],
    egress: p.egress ?? 'by-name',
  };
}

const WEB_PORTS = new Set([80, 443, 8080, 8443]);

/** HTTP(S) over TCP is what an outbound proxy carries; other protocols go direct. */
function isWeb(services: readonly ServiceMatch[], app: string | undefined): boolean {
  if (services.length === 0 || !services.every((s) => s.protocol === 'tcp')) return false;
  if (app && /http/i.test(app)) return true;
  return services.every((s) => s.ports.every((r) => r.from === r.to && WEB_PORTS.has(r.from)));
}

function bypassed(dst: Endpoint, bypass: readonly string[], internalDomains: readonly string[]): boolean {
  return dst.addresses.some(
    (a) =>
      (a.kind === 'fqdn' || a.kind === 'wildcard') &&
      (bypass.some((b) => b === a.value || fqdnMatches(b, a.value.replace(/^\*\./, ''))) ||
        internalDomains.some((d) => inDomain(a.value.replace(/^\*\./, ''), d))),
  );
}

/** `name` is the domain `domain` or a name below it (case and a final dot aside). */
export function inDomain(name: string, domain: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  const d = domain.toLowerCase().replace(/\.$/, '').replace(/^\./, '');
  return n === d || n.endsWith(`.${d}`);
}

export function buildLegs(
  flow: Flow,
  src: { zone: string; endpoint: Endpoint },
  dst: { zone: string; endpoint: Endpoint },
  services: readonly ServiceMatch[],
  topology: Topology,
  proxy: ProxyPlan | undefined,
): { legs: Leg[]; proxy?: MatrixRow['proxy'] } {
  const useProxy =
    proxy !== undefined &&
    flow.kind === 'network' &&
    flow.proxy !== 'never' &&
    src.zone !== dst.zone &&
    proxy.zones.has(dst.zone) &&
    !src.endpoint.bindings.includes(proxy.info.host) &&
    (flow.proxy === 'required' || isWeb(services, flow.app)) &&
    !bypassed(dst.endpoint, proxy.bypass, proxy.internalDomains);
  if (!useProxy || !proxy) {
    const direct: Leg = {
      source: src.endpoint,
      destination: dst.endpoint,
      services,
      zoneFrom: src.zone,
      zoneTo: dst.zone,
      hops: topology.path(src.zone, dst.zone) ?? [],
      viaProxy: false,
    };
    return { legs: [marked(direct, topology)] };
  }
  const toProxy: Leg = {
    source: src.endpoint,
    destination: proxy.endpoint,
    services: [
      {
        name: `proxy:${proxy.info.name}`,
        protocol: 'tcp',
        ports: [{ from: proxy.info.port, to: proxy.info.port }],
        app: 'HTTP proxy',
      },
    ],
    zoneFrom: src.zone,
    zoneTo: proxy.zone,
    hops: topology.path(src.zone, proxy.zone) ?? [],
    viaProxy: true,
  };
  const fromProxy: Leg = {
    source: proxy.endpoint,
    destination: dst.endpoint,
    services,
    zoneFrom: proxy.zone,
    zoneTo: dst.zone,
    hops: topology.path(proxy.zone, dst.zone) ?? [],
    viaProxy: true,
  };
  return {
    legs: [marked(toProxy, topology), marked(fromProxy, topology)],
    proxy: {
      name: proxy.info.name,
      host: proxy.info.host,
      port: proxy.info.port,
      // Only a way out to a name is opened by port: one to addresses keeps them.
      ...(proxy.egress === 'by-port' && dst.endpoint.addresses.some(isNamedAddress)
        ? { egress: 'by-port' as const }
        : {}),
    },
  };
}

/** The leg with `unenforced` set when no firewall lies between its two zones (most legs: no key at all). */
function marked(leg: Leg, topology: Topology): Leg {
  const reason = topology.unenforced(leg.zoneFrom, leg.zoneTo);
  if (reason) (leg as { unenforced?: UnenforcedReason }).unenforced = reason;
  return leg;
}

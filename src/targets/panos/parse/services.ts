import { PortSet } from '../../../net/port-set.js';
import type { Resolver, ServicePiece } from './objects.js';

/** What a rule matches beyond addresses: one protocol, its ports, and why the match is not fully known. */
export interface ServicePart {
  readonly protocols?: PortSet;
  readonly ports?: PortSet;
  readonly sourcePorts?: PortSet;
  readonly opaque?: readonly string[];
}

const anyOf = (list: readonly string[]): boolean => list.length === 0 || list.includes('any');

/**
 * The service and application columns of a rule as parts whose union is what it matches. Ports are known for
 * service objects and groups, the predefined services, and `application-default` when every application's default
 * ports are known (custom applications that declare them, and a small table of common ones). A specific application
 * with explicit services or `any` narrows the rule to what App-ID identifies: the ports stay, the rule is marked
 * uninterpreted. So do application-override rules, which reassign applications before the rule is matched.
 */
export function serviceParts(
  resolver: Resolver,
  services: readonly string[],
  applications: readonly string[],
  overrideLine: number | undefined,
): ServicePart[] {
  const apps = anyOf(applications) ? undefined : resolver.applications(applications);
  const appReasons: string[] = [];
  if (apps) {
    const filters = apps.filter((a) => resolver.isApplicationFilter(a));
    if (filters.length > 0) appReasons.push(`application filter ${filters.join(', ')}`);
    if (overrideLine !== undefined)
      appReasons.push(`application-override rules (line ${overrideLine}) reassign applications before this rule`);
  }
  if (services.includes('application-default')) {
    if (!apps)
      return [
        { opaque: ['service application-default with application any: each application on its own default ports'] },
      ];
    const parts: ServicePart[] = [];
    for (const app of apps) {
      const known = resolver.isApplicationFilter(app) ? undefined : resolver.applicationPorts(app);
      if (!known) {
        parts.push({ opaque: [`application ${app}: its default ports are not known here (application-default)`] });
        continue;
      }
      parts.push(...byProtocol(known.pieces));
      for (const p of byProtocol(known.secure))
        parts.push({ ...p, opaque: [`application ${app} on its secure port: only when SSL decryption identifies it`] });
    }
    return withReasons(parts, appReasons);
  }
  let parts: ServicePart[];
  if (anyOf(services)) parts = [{}];
  else {
    const pieces: ServicePiece[] = [];
    const opaque: string[] = [];
    for (const name of services) {
      const v = resolver.service(name);
      pieces.push(...v.pieces);
      opaque.push(...v.opaque);
    }
    parts = byProtocol(pieces);
    if (opaque.length > 0) parts.push({ opaque });
  }
  if (apps) appReasons.push(`application ${apps.join(', ')}: App-ID decides which traffic is that application`);
  return withReasons(parts, appReasons);
}

const withReasons = (parts: ServicePart[], reasons: readonly string[]): ServicePart[] =>
  reasons.length === 0 ? parts : parts.map((p) => ({ ...p, opaque: [...(p.opaque ?? []), ...reasons] }));

/** Pieces of one protocol and the same source ports share a rule: their destination ports are one set. */
function byProtocol(pieces: readonly ServicePiece[]): ServicePart[] {
  const groups = new Map<string, { protocol: number; ports: PortSet; sourcePorts?: PortSet }>();
  for (const p of pieces) {
    const key = `${p.protocol} ${
      p.sourcePorts
        ?.toRanges()
        .map((r) => `${r.from}-${r.to}`)
        .join(',') ?? '*'
    }`;
    const old = groups.get(key);
    groups.set(key, old ? { ...old, ports: old.ports.union(p.ports) } : { ...p });
  }
  return [...groups.values()].map((g) => ({
    protocols: PortSet.of(g.protocol),
    ports: g.ports,
    ...(g.sourcePorts ? { sourcePorts: g.sourcePorts } : {}),
  }));
}

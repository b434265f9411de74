import type { Address, PortRange, ServiceMatch } from '../../model/matrix.js';
import type { Protocol } from '../../model/vocab.js';
import { PORTED_PROTOCOLS } from '../../model/vocab.js';
import { minimalPrefixes, type Prefix } from './cidr.js';
import type { FirewallRule } from './rules.js';

/** One side of a rule for one IP family: any, or a minimal sorted prefix list. */
export type Side = 'any' | readonly Prefix[];

/** The rule restricted to one family; `both` when both sides are any (no layer-3 match at all). */
export interface FamilyPlan {
  readonly family: 4 | 6 | 'both';
  readonly source: Side;
  readonly destination: Side;
}

const sideFor = (addresses: readonly Address[], family: 4 | 6): Side | undefined => {
  if (addresses.some((a) => a.kind === 'any')) return 'any';
  const texts = addresses.flatMap((a) => (a.kind === 'cidr' && a.family === family ? [a.value] : []));
  const { prefixes } = minimalPrefixes(texts);
  return prefixes.length > 0 ? prefixes : undefined;
};

/** Per-family plans of a (capability-checked) rule, IPv4 first. Names (FQDN…) are not part of it. */
export function familyPlans(rule: Pick<FirewallRule, 'source' | 'destination'>): FamilyPlan[] {
  const srcAny = rule.source.addresses.some((a) => a.kind === 'any');
  const dstAny = rule.destination.addresses.some((a) => a.kind === 'any');
  if (srcAny && dstAny) return [{ family: 'both', source: 'any', destination: 'any' }];
  const plans: FamilyPlan[] = [];
  for (const family of [4, 6] as const) {
    const source = sideFor(rule.source.addresses, family);
    const destination = sideFor(rule.destination.addresses, family);
    if (source && destination) plans.push({ family, source, destination });
  }
  return plans;
}

/** `443`, or `50000-59999` (`50000:59999` with `separator` ':' for iptables). */
export const portText = (p: PortRange, separator = '-'): string =>
  p.from === p.to ? `${p.from}` : `${p.from}${separator}${p.to}`;

/** Sorted, merged (overlapping and adjacent ranges joined). */
export function mergePorts(ranges: readonly PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from || a.to - b.to);
  const out: { from: number; to: number }[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else out.push({ from: r.from, to: r.to });
  }
  return out;
}

/** The services of a rule grouped by protocol: ports merged, ICMP types listed (`all` when one has none). */
export interface ProtocolGroup {
  readonly protocol: Protocol;
  readonly names: readonly string[];
  readonly ports: readonly PortRange[];
  readonly icmpTypes: 'all' | readonly number[];
}

export function protocolGroups(services: readonly ServiceMatch[]): ProtocolGroup[] {
  const byProtocol = new Map<Protocol, ServiceMatch[]>();
  for (const s of services) byProtocol.set(s.protocol, [...(byProtocol.get(s.protocol) ?? []), s]);
  return [...byProtocol].map(([protocol, list]) => ({
    protocol,
    names: [...new Set(list.map((s) => s.name))],
    ports: PORTED_PROTOCOLS.has(protocol) ? mergePorts(list.flatMap((s) => s.ports)) : [],
    icmpTypes: list.some((s) => s.icmpType === undefined)
      ? 'all'
      : [...new Set(list.map((s) => s.icmpType as number))].sort((a, b) => a - b),
  }));
}

/** Does a protocol group apply to a family plan? ICMP is IPv4 only, ICMPv6 IPv6 only. */
export const groupFits = (group: ProtocolGroup, family: FamilyPlan['family']): boolean =>
  group.protocol === 'icmp' ? family !== 6 : group.protocol === 'icmpv6' ? family !== 4 : true;

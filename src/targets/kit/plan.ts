import type { PortRange, ServiceMatch } from '../../model/matrix.js';
import type { Protocol } from '../../model/vocab.js';
import { PORTED_PROTOCOLS } from '../../model/vocab.js';
import { mergePortRanges } from '../../net/ports.js';
import type { Prefix } from '../../net/prefixes.js';
import type { EndpointValues } from '../../ruleset/endpoint-values.js';
import type { AllowRule } from '../../ruleset/firewall.js';

/** One side of a rule for one IP family: any, or a minimal sorted prefix list. */
export type Side = 'any' | readonly Prefix[];

/** The rule restricted to one family; `both` when both sides are any (no layer-3 match at all). */
export interface FamilyPlan {
  readonly family: 4 | 6 | 'both';
  readonly source: Side;
  readonly destination: Side;
}

/** One family's side of a parsed endpoint: `any`, its prefixes, or undefined when it has none of that family. */
const sideFor = (values: EndpointValues, family: 4 | 6): Side | undefined => {
  if (values.any) return 'any';
  const prefixes = family === 4 ? values.v4 : values.v6;
  return prefixes.length > 0 ? prefixes : undefined;
};

/** Per-family plans of a (capability-checked) rule, IPv4 first. Names (FQDN…) are not part of it. */
export function familyPlans(rule: Pick<AllowRule, 'source' | 'destination'>): readonly FamilyPlan[] {
  const src = rule.source.values;
  const dst = rule.destination.values;
  const srcAny = src.any;
  const dstAny = dst.any;
  if (srcAny && dstAny) return [{ family: 'both', source: 'any', destination: 'any' }];
  const plans: FamilyPlan[] = [];
  for (const family of [4, 6] as const) {
    const source = sideFor(src, family);
    const destination = sideFor(dst, family);
    if (source && destination) plans.push({ family, source, destination });
  }
  return plans;
}

/** `443`, or `50000-59999` (`50000:59999` with `separator` ':' for iptables). */
export const portText = (p: PortRange, separator = '-'): string =>
  p.from === p.to ? `${p.from}` : `${p.from}${separator}${p.to}`;

/** The services of a rule grouped by protocol: ports merged, ICMP types listed (`all` when one has none). */
export interface ProtocolGroup {
  readonly protocol: Protocol;
  readonly names: readonly string[];
  readonly ports: readonly PortRange[];
  readonly icmpTypes: 'all' | readonly number[];
}

export function protocolGroups(services: readonly ServiceMatch[]): ProtocolGroup[] {
  const only = services.length === 1 ? services[0] : undefined;
  if (only) return [singleServiceGroup(only)];
  const byProtocol = new Map<Protocol, ServiceMatch[]>();
  for (const s of services) {
    const list = byProtocol.get(s.protocol);
    if (list) list.push(s);
    else byProtocol.set(s.protocol, [s]);
  }
  const groups: ProtocolGroup[] = [];
  for (const [protocol, list] of byProtocol) groups.push(protocolGroup(protocol, list));
  return groups;
}

/** One protocol's services merged: names in order without repeats, ports merged, ICMP types sorted. */
function protocolGroup(protocol: Protocol, list: readonly ServiceMatch[]): ProtocolGroup {
  const names: string[] = [];
  const ports: PortRange[] = [];
  const icmp: number[] = [];
  let allIcmp = false;
  for (const s of list) {
    if (!names.includes(s.name)) names.push(s.name);
    for (const p of s.ports) ports.push(p);
    if (s.icmpType === undefined) allIcmp = true;
    else if (!icmp.includes(s.icmpType)) icmp.push(s.icmpType);
  }
  return {
    protocol,
    names,
    ports: PORTED_PROTOCOLS.has(protocol) ? mergePortRanges(ports) : [],
    icmpTypes: allIcmp ? 'all' : icmp.sort((a, b) => a - b),
  };
}

/**
 * Like `protocolGroups`, but a ported protocol's services stay one group each (a service's own ports merged): for a
 * platform that pays per distinct port object (nftables sets, looked up by name in a list when a ruleset loads),
 * a service's ports are then one object every rule naming it shares, not one object per combination of services.
 * ICMP and other protocols stay merged per protocol.
 */
export function serviceGroups(services: readonly ServiceMatch[]): ProtocolGroup[] {
  if (services.length === 1) return [singleServiceGroup(services[0] as ServiceMatch)];
  // Protocol first (the order protocolGroups gives), then each ported service in the order the rule names it.
  const byProtocol = new Map<Protocol, Map<string, ServiceMatch[]>>();
  for (const s of services) {
    let byName = byProtocol.get(s.protocol);
    if (!byName) {
      byName = new Map();
      byProtocol.set(s.protocol, byName);
    }
    const key = PORTED_PROTOCOLS.has(s.protocol) ? s.name : '';
    const list = byName.get(key);
    if (list) list.push(s);
    else byName.set(key, [s]);
  }
  const groups: ProtocolGroup[] = [];
  for (const [protocol, byName] of byProtocol)
    for (const list of byName.values()) groups.push(protocolGroup(protocol, list));
  return groups;
}

/** Does a protocol group apply to a family plan? ICMP is IPv4 only, ICMPv6 IPv6 only. */
export const groupFits = (group: ProtocolGroup, family: FamilyPlan['family']): boolean =>
  group.protocol === 'icmp' ? family !== 6 : group.protocol === 'icmpv6' ? family !== 4 : true;

/** The usual case, one service: the same group as the general path, without its intermediate collections. */
function singleServiceGroup(s: ServiceMatch): ProtocolGroup {
  const { protocol } = s;
  return {
    protocol,
    names: [s.name],
    ports: PORTED_PROTOCOLS.has(protocol) ? mergePortRanges(s.ports) : [],
    icmpTypes: s.icmpType === undefined ? 'all' : [s.icmpType],
  };
}

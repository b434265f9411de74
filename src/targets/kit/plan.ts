import type { PortRange, ServiceMatch } from '../../model/matrix.js';
import type { Protocol } from '../../model/vocab.js';
import { PORTED_PROTOCOLS } from '../../model/vocab.js';
import { mergedPortRanges, mergePortRangesInPlace } from '../../net/ports.js';
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
  return groupsBy(services, () => true);
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
    ports: PORTED_PROTOCOLS.has(protocol) ? mergePortRangesInPlace(ports) : [],
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
  return groupsBy(services, (a, b) => a.name === b.name || !PORTED_PROTOCOLS.has(a.protocol));
}

/**
 * The services in groups of one protocol whose members are `together`: protocols in the order the rule first names
 * them, then groups in the order of their first service. A rule names a handful of services, and a printer groups
 * every rule's (tens of thousands): scans of short lists, where maps and their iterators were most of generate's
 * garbage at 10k terms.
 */
function groupsBy(
  services: readonly ServiceMatch[],
  together: (a: ServiceMatch, b: ServiceMatch) => boolean,
): ProtocolGroup[] {
  const lists: ServiceMatch[][] = [];
  const protocols: Protocol[] = [];
  for (const s of services) {
    let list: ServiceMatch[] | undefined;
    for (const l of lists) {
      const first = l[0] as ServiceMatch;
      if (first.protocol === s.protocol && together(first, s)) {
        list = l;
        break;
      }
    }
    if (list) list.push(s);
    else {
      lists.push([s]);
      if (!protocols.includes(s.protocol)) protocols.push(s.protocol);
    }
  }
  const groups: ProtocolGroup[] = [];
  for (const protocol of protocols)
    for (const l of lists) if ((l[0] as ServiceMatch).protocol === protocol) groups.push(protocolGroup(protocol, l));
  return groups;
}

/**
 * `group` (protocolGroups, serviceGroups) for a run of rules: done again only when a rule's services differ from the
 * previous rule's. A flow's rules come one after the other and name the same services, and grouping every rule's was
 * a third of what generate allocated at 10k terms. The services are compared by content, so a matrix read back from
 * JSON groups the same; the groups handed out are shared, read-only. `group` may return more than the groups (a
 * printer's texts of them, made once for the run): what it returns is handed out for the whole run.
 */
export function groupingInTurn<T = readonly ProtocolGroup[]>(
  group: (services: readonly ServiceMatch[]) => T,
): (services: readonly ServiceMatch[]) => T {
  let last: readonly ServiceMatch[] | undefined;
  let groups: T = undefined as T;
  return (services) => {
    if (last === undefined || !sameServices(last, services)) {
      groups = group(services);
      last = services;
    }
    return groups;
  };
}

const sameServices = (a: readonly ServiceMatch[], b: readonly ServiceMatch[]): boolean => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameService(a[i] as ServiceMatch, b[i] as ServiceMatch)) return false;
  return true;
};

/** Same in all that grouping reads: name, protocol, ports, ICMP type. */
function sameService(a: ServiceMatch, b: ServiceMatch): boolean {
  if (a === b) return true;
  if (a.name !== b.name || a.protocol !== b.protocol || a.icmpType !== b.icmpType) return false;
  if (a.ports.length !== b.ports.length) return false;
  for (let i = 0; i < a.ports.length; i++) {
    const p = a.ports[i] as PortRange;
    const q = b.ports[i] as PortRange;
    if (p.from !== q.from || p.to !== q.to) return false;
  }
  return true;
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
    ports: PORTED_PROTOCOLS.has(protocol) ? mergedPortRanges(s.ports) : [],
    icmpTypes: s.icmpType === undefined ? 'all' : [s.icmpType],
  };
}

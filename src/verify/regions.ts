import type { ServiceMatch } from '../model/matrix.js';
import { CidrSet } from '../net/cidr-set.js';
import { PortSet } from '../net/port-set.js';
import { endpointSet, icmpv6Twin } from '../ruleset/endpoints.js';
import type { Region } from '../ruleset/region.js';
import { PROTOCOL_NUMBERS } from '../ruleset/types.js';
import type { FirewallRule } from '../targets/generate/rules.js';

/** The traffic one matrix rule (row, leg, hop) asks a firewall to let through, as regions per family and service. */
export interface RowRegion {
  readonly rule: FirewallRule;
  readonly service: ServiceMatch;
  readonly region: Region;
}

/** Why part of a rule's traffic cannot be checked on addresses (names a firewall resolves, Kubernetes selectors). */
export interface Unverifiable {
  readonly rule: FirewallRule;
  readonly side: 'source' | 'destination';
  readonly addresses: readonly string[];
}

const PROTOCOL_OF: Readonly<Record<string, number | undefined>> = { ...PROTOCOL_NUMBERS, ip: undefined };

/**
 * One region per address family the two sides share and per service. A site interface written as a prefix
 * (`vlan1*`) stands for its shortest name (`vlan1`), which every rule written for the prefix also matches.
 * ICMP between IPv6 endpoints is ICMPv6, whose echo types differ (8/0 are 128/129); other ICMP types have no
 * ICMPv6 twin and are checked on IPv4 only.
 */
/** How a platform names the sides a rule matches: by the site's interface names, or by its zone names. */
export type ZoneNaming = 'interfaces' | 'zones';

/**
 * `kept`: the destination's addresses the platform keeps to the egress zone (ingress-only filters, see
 * src/ruleset/egress.ts), in place of the row's own.
 */
export function rowRegions(
  rule: FirewallRule,
  naming: ZoneNaming = 'interfaces',
  kept?: CidrSet,
): { regions: RowRegion[]; unverifiable: Unverifiable[]; named: RowRegion[] } {
  const src = endpointSet(rule.source);
  const row = endpointSet(rule.destination);
  const dst = kept ? { ...row, set: kept } : row;
  const unverifiable: Unverifiable[] = [];
  if (src.names.length > 0) unverifiable.push({ rule, side: 'source', addresses: src.names });
  if (dst.names.length > 0) unverifiable.push({ rule, side: 'destination', addresses: dst.names });
  const regions = regionsOf(rule, src.set, dst.set, naming);
  // A name stands for addresses only the firewall's resolver knows: the traffic to it is within that to any
  // address, so what the firewall does with the latter, when it is one thing, is what it does with the name's.
  const named =
    unverifiable.length === 0
      ? []
      : regionsOf(
          rule,
          src.names.length > 0 ? CidrSet.all() : src.set,
          dst.names.length > 0 ? CidrSet.all() : dst.set,
          naming,
        );
  return { regions, unverifiable, named };
}

function regionsOf(rule: FirewallRule, sources: CidrSet, destinations: CidrSet, naming: ZoneNaming): RowRegion[] {
  const regions: RowRegion[] = [];
  for (const family of [4, 6] as const) {
    const source = sources.family(family);
    const destination = destinations.family(family);
    if (source.isEmpty() || destination.isEmpty()) continue;
    for (const service of rule.services) {
      const protocol = PROTOCOL_OF[service.protocol === 'icmp' && family === 6 ? 'icmpv6' : service.protocol];
      if (service.protocol === 'icmpv6' && family === 4) continue;
      const icmpType = service.protocol === 'icmp' && family === 6 ? icmpv6Twin(service.icmpType) : service.icmpType;
      if (service.protocol === 'icmp' && family === 6 && service.icmpType !== undefined && icmpType === undefined)
        continue;
      const region: { -readonly [K in keyof Region]: Region[K] } = { family, source, destination, state: 'new' };
      if (protocol !== undefined) region.protocols = PortSet.of(protocol);
      if (service.ports.length > 0) region.destinationPorts = PortSet.fromRanges(service.ports);
      if (icmpType !== undefined)
        region.icmp = PortSet.fromRanges([{ from: icmpType * 256, to: icmpType * 256 + 255 }]);
      const inName = concreteInterface(rule.fromInterface);
      const outName = concreteInterface(rule.toInterface);
      if (inName !== undefined) region.inInterface = inName;
      if (outName !== undefined) region.outInterface = outName;
      // Platforms that filter by interface (ASA nameifs, FortiOS srcintf) name zones as the site names the
      // firewall's interfaces; zone-based ones (PAN-OS, SRX) by the site's zone names.
      region.fromZone = naming === 'zones' ? rule.hop.fromZone : (rule.fromInterface ?? rule.hop.fromZone);
      region.toZone = naming === 'zones' ? rule.hop.toZone : (rule.toInterface ?? rule.hop.toZone);
      regions.push({ rule, service, region });
    }
  }
  return regions;
}

const concreteInterface = (name: string | undefined): string | undefined =>
  name === undefined ? undefined : name.endsWith('*') || name.endsWith('+') ? name.slice(0, -1) : name;

/** The region of the answers to `region` (source and destination swapped, ports too), as connection tracking sees them. */
export function returnRegion(region: Region): Region {
  const back: { -readonly [K in keyof Region]: Region[K] } = { family: region.family, state: 'established' };
  if (region.destination) back.source = region.destination;
  if (region.source) back.destination = region.source;
  if (region.protocols) back.protocols = region.protocols;
  if (region.destinationPorts) back.sourcePorts = region.destinationPorts;
  if (region.sourcePorts) back.destinationPorts = region.sourcePorts;
  if (region.outInterface !== undefined) back.inInterface = region.outInterface;
  if (region.inInterface !== undefined) back.outInterface = region.inInterface;
  if (region.toZone !== undefined) back.fromZone = region.toZone;
  if (region.fromZone !== undefined) back.toZone = region.fromZone;
  return back;
}

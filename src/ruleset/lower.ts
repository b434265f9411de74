import type { ServiceMatch } from '../model/matrix.js';
import type { CidrSet } from '../net/cidr-set.js';
import { PortSet } from '../net/port-set.js';
import { endpointSet, icmpv6Twin } from './endpoints.js';
import type { AllowRule } from './firewall.js';
import { type InterfaceMatch, PROTOCOL_NUMBERS, type Rule, type Ruleset } from './types.js';

/**
 * A firewall's slice of the matrix as a ruleset: answers of tracked connections first, then one accept rule per
 * (matrix rule, service), then the policy drops the rest — the policy every stateful target prints.
 * Named addresses are not lowered (the capability check has already turned them into findings).
 */
export function lowerSlice(rules: readonly AllowRule[], chain = 'forward'): Ruleset {
  const out: Rule[] = [
    { states: ['established', 'related'], verdict: { kind: 'accept' }, provenance: { comment: 'return traffic' } },
  ];
  for (const rule of rules) {
    const source = endpointSet(rule.source).set;
    const destination = endpointSet(rule.destination).set;
    for (const service of rule.services) {
      for (const variant of familyVariants(service, source, destination)) {
        const lowered: { -readonly [K in keyof Rule]: Rule[K] } = {
          states: ['new'],
          verdict: { kind: 'accept' },
          provenance: {
            row: rule.origin.key,
            leg: rule.origin.leg,
            hop: rule.origin.hop,
            comment: `${rule.origin.catalog}/${rule.origin.flow}`,
          },
        };
        if (variant.family !== undefined) lowered.family = variant.family;
        if (!source.isEmpty() || rule.source.addresses.length > 0) lowered.source = source;
        if (!destination.isEmpty() || rule.destination.addresses.length > 0) lowered.destination = destination;
        if (variant.protocol !== undefined) lowered.protocols = PortSet.of(variant.protocol);
        if (service.ports.length > 0) lowered.destinationPorts = PortSet.fromRanges(service.ports);
        if (variant.icmpType !== undefined) lowered.icmp = [{ type: variant.icmpType }];
        const inInterface = interfaceMatch(rule.fromInterface);
        const outInterface = interfaceMatch(rule.toInterface);
        if (inInterface) lowered.inInterface = inInterface;
        if (outInterface) lowered.outInterface = outInterface;
        out.push(lowered);
      }
    }
  }
  return {
    entry: chain,
    chains: { [chain]: { name: chain, rules: out, policy: 'drop' } },
    objects: [],
    defaultAction: 'drop',
  };
}

function interfaceMatch(name: string | undefined): InterfaceMatch | undefined {
  if (name === undefined) return undefined;
  const prefix = name.endsWith('*') || name.endsWith('+');
  return { name: prefix ? name.slice(0, -1) : name, prefix, negated: false };
}

/**
 * ICMP is two protocols: ICMP for IPv4 and ICMPv6 for IPv6, with other type numbers for echo. Other services are
 * one rule for both families.
 */
function familyVariants(
  service: ServiceMatch,
  source: CidrSet,
  destination: CidrSet,
): { family?: 4 | 6; protocol?: number; icmpType?: number }[] {
  if (service.protocol === 'ip') return [{}];
  if (service.protocol !== 'icmp') {
    const protocol = PROTOCOL_NUMBERS[service.protocol];
    // ICMPv6 is IPv6's: an IPv4 packet of protocol 58 is no ICMPv6 (nft's `icmpv6` implies `meta nfproto ipv6`).
    const family = service.protocol === 'icmpv6' ? { family: 6 as const } : {};
    return [
      service.icmpType === undefined ? { ...family, protocol } : { ...family, protocol, icmpType: service.icmpType },
    ];
  }
  const out: { family?: 4 | 6; protocol?: number; icmpType?: number }[] = [];
  for (const family of [4, 6] as const) {
    if (source.family(family).isEmpty() && !source.isEmpty()) continue;
    if (destination.family(family).isEmpty() && !destination.isEmpty()) continue;
    const protocol = family === 4 ? PROTOCOL_NUMBERS.icmp : PROTOCOL_NUMBERS.icmpv6;
    const icmpType = family === 4 ? service.icmpType : icmpv6Twin(service.icmpType);
    if (family === 6 && service.icmpType !== undefined && icmpType === undefined) continue;
    out.push(icmpType === undefined ? { family, protocol } : { family, protocol, icmpType });
  }
  return out;
}

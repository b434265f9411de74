import type { Finding } from '../../model/finding.js';
import { withLength } from '../../net/prefixes.js';
import type { ParsedEndpoint } from '../../ruleset/endpoint-values.js';
import type { AllowRule, RuleOrigin } from '../../ruleset/firewall.js';
import { flowsOf } from '../kit/flow-labels.js';
import { TERRAFORM_NAME_RULES } from '../kit/hcl.js';
import { createNamer } from '../kit/names.js';
import { cidrPrefixes, endpointParts, isSiteHost } from '../kit/objects.js';
import { type ProtocolGroup, protocolGroups } from '../kit/plan.js';
import { awsSgFindings } from './findings.js';

/** One security group: the addresses of one site role (per binding). */
export interface SecurityGroup {
  readonly label: string;
  readonly role: string;
  readonly bindings: readonly string[];
  readonly addresses: readonly string[];
}

export type Peer =
  | { readonly kind: 'cidr'; readonly family: 4 | 6; readonly cidr: string }
  | { readonly kind: 'group'; readonly group: SecurityGroup };

/** One `aws_vpc_security_group_{ingress,egress}_rule`: one protocol, one port range, one peer. */
export interface SgRule {
  readonly label: string;
  readonly direction: 'ingress' | 'egress';
  readonly group: SecurityGroup;
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly peer: Peer;
  /** Every flow this rule serves, once per label (two flows needing the same rule share it: AWS refuses duplicates). */
  readonly flows: RuleOrigin[];
}

export interface SgPlan {
  readonly groups: SecurityGroup[];
  readonly rules: SgRule[];
  readonly findings: Finding[];
}

const cidrs = (ep: ParsedEndpoint): string[] => cidrPrefixes(ep).map(withLength);

const familyOf = (cidr: string): 4 | 6 => (cidr.includes(':') ? 6 : 4);

/** `any` is both whole address spaces; a list, its minimal prefixes. */
function cidrPeers(ep: ParsedEndpoint): Peer[] {
  const list = ep.addresses.some((a) => a.kind === 'any') ? ['0.0.0.0/0', '::/0'] : cidrs(ep);
  return list.map((cidr) => ({ kind: 'cidr', family: familyOf(cidr), cidr }));
}

const PROTOCOL: Record<ProtocolGroup['protocol'], string> = {
  tcp: 'tcp',
  udp: 'udp',
  icmp: 'icmp',
  icmpv6: 'icmpv6',
  gre: '47',
  esp: '50',
  ah: '51',
  sctp: '132',
  ip: '-1',
};

/** Port fields per protocol: TCP/UDP one rule per merged range; ICMP type in from_port, any code (-1). */
function portRanges(g: ProtocolGroup): { fromPort?: number; toPort?: number }[] {
  if (g.protocol === 'tcp' || g.protocol === 'udp') return g.ports.map((p) => ({ fromPort: p.from, toPort: p.to }));
  if (g.protocol === 'icmp' || g.protocol === 'icmpv6') {
    return g.icmpTypes === 'all'
      ? [{ fromPort: -1, toPort: -1 }]
      : g.icmpTypes.map((t) => ({ fromPort: t, toPort: -1 }));
  }
  return [{}];
}

const fits = (g: ProtocolGroup, peer: Peer, own: ReadonlySet<4 | 6>): boolean => {
  if (peer.kind === 'group') return g.protocol === 'icmp' ? own.has(4) : g.protocol === 'icmpv6' ? own.has(6) : true;
  // A peer of a family the group's own hosts do not have would open addresses the matrix does not list.
  if (!own.has(peer.family)) return false;
  return g.protocol === 'icmp' ? peer.family === 4 : g.protocol === 'icmpv6' ? peer.family === 6 : true;
};

export function planSecurityGroups(rules: readonly AllowRule[], referenceGroups: boolean): SgPlan {
  const namer = createNamer(TERRAFORM_NAME_RULES);
  const groups = new Map<string, SecurityGroup>();
  const sgRules = new Map<string, SgRule>();
  const findings: Finding[] = [];

  const groupOf = (ep: ParsedEndpoint): SecurityGroup => {
    const addresses = cidrs(ep);
    const identity = `${ep.role}|${addresses.join(',')}`;
    const known = groups.get(identity);
    if (known) return known;
    const group = {
      label: namer(endpointParts(ep), `sg|${identity}`),
      role: ep.role,
      bindings: ep.bindings,
      addresses,
    };
    groups.set(identity, group);
    return group;
  };

  for (const rule of rules) {
    const srcHost = isSiteHost(rule.source);
    const dstHost = isSiteHost(rule.destination);
    if (!srcHost && !dstHost) {
      findings.push(noHostFinding(rule));
      continue;
    }
    const reference = referenceGroups && srcHost && dstHost;
    const sides = [
      dstHost && { direction: 'ingress' as const, own: rule.destination, other: rule.source },
      srcHost && { direction: 'egress' as const, own: rule.source, other: rule.destination },
    ].filter((s) => s !== false);
    for (const { direction, own, other } of sides) {
      const group = groupOf(own);
      const ownFamilies = new Set(group.addresses.map(familyOf));
      const peers: Peer[] = reference ? [{ kind: 'group', group: groupOf(other) }] : cidrPeers(other);
      for (const g of protocolGroups(rule.services)) {
        for (const peer of peers) {
          if (!fits(g, peer, ownFamilies)) continue;
          for (const ports of portRanges(g)) {
            const peerText = peer.kind === 'group' ? `sg:${peer.group.label}` : peer.cidr;
            const key = `${direction}|${group.label}|${PROTOCOL[g.protocol]}|${ports.fromPort ?? ''}|${ports.toPort ?? ''}|${peerText}`;
            const existing = sgRules.get(key);
            if (existing) {
              for (const flow of flowsOf(rule)) {
                if (!existing.flows.some((f) => f.label === flow.label)) existing.flows.push(flow);
              }
              continue;
            }
            const portPart = ports.fromPort === undefined ? [] : [String(ports.fromPort)];
            const label = namer([group.label, direction === 'ingress' ? 'in' : 'out', g.protocol, ...portPart], key);
            sgRules.set(key, {
              label,
              direction,
              group,
              protocol: PROTOCOL[g.protocol],
              ...ports,
              peer,
              flows: [...flowsOf(rule)],
            });
          }
        }
      }
    }
  }
  return { groups: [...groups.values()], rules: [...sgRules.values()], findings };
}

const noHostFinding = (rule: AllowRule): Finding =>
  awsSgFindings.raise('no-local-host', {
    row: rule.origin,
    source: rule.source.role,
    destination: rule.destination.role,
  });

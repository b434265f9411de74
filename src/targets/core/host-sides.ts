import type { CidrSet } from '../../net/cidr-set.js';
import type { Chain, Rule, Ruleset } from '../../ruleset/types.js';

/**
 * The ruleset of a policy that sits on the hosts themselves (Windows Defender Firewall, AWS security groups) rather
 * than on a box between them. A packet from A to B crosses two filters: B's inbound filter when B is one of the hosts
 * the policy is on, then A's outbound filter when A is one of them. Each filter is a chain: answers of allowed
 * connections first (both platforms are stateful), the platform's rules (a rule on host H is written with H as its
 * destination inbound, as its source outbound), then a drop of what is left *for the hosts the policy is on*; traffic
 * of other hosts is not this policy's to decide, so the chain's policy accepts it.
 */
export interface HostSides {
  readonly inbound: readonly Rule[];
  readonly outbound: readonly Rule[];
  /** The addresses of the hosts the policy is on. */
  readonly hosts: CidrSet;
  /** Whether traffic no rule allows is blocked, per direction (a security group: both; Windows: its defaults). */
  readonly inboundFilters: boolean;
  readonly outboundFilters: boolean;
  /** What the drops say, per direction. */
  readonly closing: { readonly inbound: string; readonly outbound: string };
}

export const INBOUND_CHAIN = 'inbound';
export const OUTBOUND_CHAIN = 'outbound';

const RETURN_TRAFFIC: Rule = {
  states: ['established', 'related'],
  verdict: { kind: 'accept' },
  provenance: { comment: 'answers of allowed connections (stateful)' },
};

function chain(name: string, rules: readonly Rule[], closing: Rule | undefined): Chain {
  return { name, rules: [RETURN_TRAFFIC, ...rules, ...(closing ? [closing] : [])], policy: 'accept' };
}

export function hostSidesRuleset(sides: HostSides): Ruleset {
  const hosts = sides.hosts.isEmpty() ? undefined : sides.hosts;
  const drop = (side: 'source' | 'destination', comment: string): Rule | undefined =>
    hosts && { [side]: hosts, verdict: { kind: 'drop' }, provenance: { comment } };
  const inbound = chain(
    INBOUND_CHAIN,
    sides.inbound,
    sides.inboundFilters ? drop('destination', sides.closing.inbound) : undefined,
  );
  const outbound = chain(
    OUTBOUND_CHAIN,
    sides.outbound,
    sides.outboundFilters ? drop('source', sides.closing.outbound) : undefined,
  );
  return {
    entry: INBOUND_CHAIN,
    stages: [OUTBOUND_CHAIN],
    chains: { [INBOUND_CHAIN]: inbound, [OUTBOUND_CHAIN]: outbound },
    objects: [],
    defaultAction: 'accept',
  };
}

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

/** Why the closing drop is uncertain when no rule says which hosts the policy is on. */
export const UNKNOWN_HOSTS = 'the hosts the policy is on: no rule of the configuration names them';

export function hostSidesRuleset(sides: HostSides): Ruleset {
  const hosts = sides.hosts.isEmpty() ? undefined : sides.hosts;
  // Hosts unknown (every rule disabled, or members not given): the drop applies to hosts no one can name. Fail
  // closed: it may or may not match any packet, never "every packet passes".
  const drop = (side: 'source' | 'destination', comment: string): Rule =>
    hosts
      ? { [side]: hosts, verdict: { kind: 'drop' }, provenance: { comment } }
      : { verdict: { kind: 'drop' }, opaque: [UNKNOWN_HOSTS], provenance: { comment } };
  const chains: Chain[] = [];
  // A direction that blocks nothing is no stage at all (its rules cannot change a packet's fate). The outbound
  // filter comes first and the inbound one last: a box a later stage decides is credited to that stage's rule, so
  // the rules that expose the hosts (inbound) are the ones judged for what they open beyond the matrix.
  if (sides.outboundFilters) chains.push(chain(OUTBOUND_CHAIN, sides.outbound, drop('source', sides.closing.outbound)));
  if (sides.inboundFilters || chains.length === 0) {
    const closing = sides.inboundFilters ? drop('destination', sides.closing.inbound) : undefined;
    chains.push(chain(INBOUND_CHAIN, sides.inbound, closing));
  }
  const [entry, ...stages] = chains as [Chain, ...Chain[]];
  return {
    entry: entry.name,
    ...(stages.length > 0 ? { stages: stages.map((c) => c.name) } : {}),
    chains: Object.fromEntries(chains.map((c) => [c.name, c])),
    objects: [],
    defaultAction: 'accept',
  };
}

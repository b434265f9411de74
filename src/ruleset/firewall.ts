import type { ServiceMatch } from '../model/matrix.js';
import type { LegNat, NatRule } from '../model/nat.js';
import type { Text } from '../model/text.js';
import type { ParsedEndpoint } from './endpoint-values.js';

/**
 * Where a printed rule comes from: the matrix row (its key and the names a person reads), the leg and the hop, and
 * the label every platform writes as the rule's comment. Plain data, so a ruleset read back from JSON prints alike.
 */
export interface RuleOrigin {
  /** Matrix row key. */
  readonly key: string;
  readonly catalog: string;
  readonly flow: string;
  readonly ref: string;
  readonly purpose: Text;
  readonly leg: number;
  readonly hop: number;
  /** `catalog/flow ref REF` plus the leg and the row's metadata: the rule's comment (see `ruleLabel`). */
  readonly label: string;
}

/**
 * One allow rule of a firewall, already checked against its target's capabilities: what it matches is over parsed
 * values (endpoints' addresses, services' protocol and port ranges), between two zones (and interfaces when the site
 * names them). Nothing here points back into the matrix.
 */
export interface AllowRule {
  /** Stable id: row key, leg index, hop index. */
  readonly id: string;
  /** The first flow the rule opens for; when `flows` is set, its `label` names them all (see `flows`). */
  readonly origin: RuleOrigin;
  /**
   * Every flow the rule opens for, `origin`'s first, each with its own label: set when generate merged rules identical
   * in all that decides traffic (two rows of a vendor's table for one opening). Absent: `origin`'s flow alone.
   */
  readonly flows?: readonly RuleOrigin[];
  readonly source: ParsedEndpoint;
  readonly destination: ParsedEndpoint;
  readonly services: readonly ServiceMatch[];
  readonly fromZone: string;
  readonly toZone: string;
  readonly fromInterface?: string;
  readonly toInterface?: string;
  /**
   * Set on the firewall that translates the destination, for targets that filter on the real address: the address
   * (and port) the client used, so the rule lets through only what came in that way (src/targets/generate/nat.ts).
   */
  readonly natOriginal?: NatOriginal;
  /** The translations this firewall applies to the rule's leg at this hop (FortiOS names its VIP and pool by them). */
  readonly nat?: readonly LegNat[];
}

/** The destination before translation: `203.0.113.10`, with the protocol and port when a port is forwarded. */
export interface NatOriginal {
  readonly destination: string;
  readonly protocol?: 'tcp' | 'udp';
  readonly port?: number;
}

/**
 * What a target prints: one firewall's ordered allow rules, then a default drop (return traffic of the rules is
 * allowed by connection tracking or by the platform's stateful policy). `lowerSlice(ruleset.rules)` gives its chain form
 * (`Ruleset`) for evaluation and comparison with a parsed configuration.
 */
export interface FirewallRuleset {
  readonly site: { readonly id: string; readonly title: string };
  readonly firewall: string;
  readonly rules: readonly AllowRule[];
  /** The firewall's address translations, when the site declares some (targets that print NAT read them). */
  readonly nat?: NatContext;
  /**
   * Every zone the firewall separates, by name: its interface, its CIDRs, whether it is the site's default zone.
   * Targets that filter on the ingress side only (the ASA) need them to bind every interface and to keep a rule to
   * its egress zone. Absent on rulesets made before this field existed.
   */
  readonly zones?: Readonly<Record<string, FirewallZone>>;
  /** The CIDRs of every zone of the site: the default zone holds the addresses outside them. */
  readonly siteCidrs?: readonly string[];
}

/** One zone of the firewall, as plain data. */
export interface FirewallZone {
  /** The interface (or platform zone) the site names for it; absent: the zone's name is used. */
  readonly interface?: string;
  readonly cidrs: readonly string[];
  /** The site's default zone: addresses in no zone's CIDRs (usually the internet). */
  readonly default: boolean;
}

/** What a target prints NAT from: the firewall's translations and its interface per zone. */
export interface NatContext {
  readonly rules: readonly NatRule[];
  readonly interfaces: Readonly<Record<string, string>>;
  /** CIDRs of each zone the firewall touches (a source translation names its `from` zone by them where needed). */
  readonly zoneCidrs: Readonly<Record<string, readonly string[]>>;
}

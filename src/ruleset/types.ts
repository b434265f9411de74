import type { CidrSet } from '../net/cidr-set.js';
import type { PortSet } from '../net/port-set.js';

/**
 * The platform-neutral form of "what a firewall lets through": ordered rules over parsed address, protocol and port
 * sets, in chains a packet walks from an entry chain. Generate lowers a matrix slice into it; verify parses a
 * deployed configuration into it; both are compared on it. Plain immutable values; `toJson`/`fromJson` read back to
 * an equal value.
 */

/** IANA protocol numbers the rules name most (`protocols` holds numbers 0..255). */
export const PROTOCOL_NUMBERS = {
  icmp: 1,
  tcp: 6,
  udp: 17,
  gre: 47,
  esp: 50,
  ah: 51,
  icmpv6: 58,
  sctp: 132,
} as const;

/** Connection-tracking states, as netfilter names them (vendors' stateful policies read as `new` + return traffic). */
export const CONN_STATES = ['new', 'established', 'related', 'invalid', 'untracked'] as const;
export type ConnState = (typeof CONN_STATES)[number];

/** What ends a packet's walk (`accept`, `drop`, `reject`) or moves it (`jump`, `goto`, `return`). */
export type Verdict =
  | { readonly kind: 'accept' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'reject' }
  | { readonly kind: 'jump'; readonly chain: string }
  | { readonly kind: 'goto'; readonly chain: string }
  | { readonly kind: 'return' }
  /** Matches but decides nothing (a counter, a log, a mark): the walk goes on. */
  | { readonly kind: 'continue' };

export type FinalAction = 'accept' | 'drop' | 'reject';

/** An interface match: a name, or a prefix (`eth+` in iptables, `eth*` in nftables), possibly negated. */
export interface InterfaceMatch {
  readonly name: string;
  readonly prefix: boolean;
  readonly negated: boolean;
}

/** ICMP or ICMPv6 type, with a code when the rule names one. */
export interface IcmpMatch {
  readonly type: number;
  readonly code?: number;
}

/** Where a rule comes from: a matrix row (generate) or a line of a configuration file (verify). */
export interface Provenance {
  /** Matrix row key, leg and hop for a generated rule. */
  readonly row?: string;
  readonly leg?: number;
  readonly hop?: number;
  /** File, 1-based line and the rule's text for a parsed configuration. */
  readonly file?: string;
  readonly line?: number;
  /** 1-based column, where the line alone does not name the rule (`nft -j` writes the whole ruleset on one line). */
  readonly column?: number;
  readonly text?: string;
  /** The rule's comment, remark or description. */
  readonly comment?: string;
}

/**
 * One rule. Every absent field matches everything; present fields are ANDed. Address sets are already complemented
 * for a negated match (`! -s 10.0.0.0/8` is every address but 10.0.0.0/8), so a rule is always a conjunction of
 * positive sets — the shape set comparison needs.
 */
export interface Rule {
  /** 4 or 6 when the rule applies to one family only (ip / ip6 tables, an `ip saddr` match). */
  readonly family?: 4 | 6;
  readonly source?: CidrSet;
  readonly destination?: CidrSet;
  /** Protocol numbers 0..255 as a set (a PortSet is the same one-word interval algebra). */
  readonly protocols?: PortSet;
  readonly sourcePorts?: PortSet;
  readonly destinationPorts?: PortSet;
  /** Any of these ICMP/ICMPv6 types (the protocol says which). */
  readonly icmp?: readonly IcmpMatch[];
  readonly inInterface?: InterfaceMatch;
  readonly outInterface?: InterfaceMatch;
  /** Zones for zone-based platforms (ASA interfaces by nameif, PAN-OS, FortiOS, SRX). */
  readonly fromZones?: readonly string[];
  readonly toZones?: readonly string[];
  readonly states?: readonly ConnState[];
  readonly verdict: Verdict;
  /**
   * Matches the rule has that the model does not interpret (`recent`, `hashlimit`, a schedule, a user): the rule
   * may or may not match a packet its modelled fields match. Evaluation reports such a rule as indeterminate.
   */
  readonly opaque?: readonly string[];
  /** Bridge-port matches (`-m physdev`), also in `opaque`: decided only for a packet whose path is known. */
  readonly bridgePorts?: BridgePortMatch;
  /** TCP flag matches (`--tcp-flags`, `--syn`, `tcp flags`), also in `opaque`: decided for a packet whose flags are known. */
  readonly tcpFlags?: TcpFlagsMatch;
  /**
   * Matches on the connection as it came, before destination translation (`ct original ip daddr`, `--ctorigdst`,
   * `--ctorigdstport`, `--ctstate DNAT`): decided from what the NAT stage did to each part of the traffic.
   */
  readonly original?: OriginalMatch;
  /**
   * In a chain of the NAT stage (`Ruleset.nat`): where the rule sends the packets it matches (its verdict `accept`
   * ends the translation walk). Absent on a NAT rule that ends the walk untranslated (`-j ACCEPT`, `no nat`).
   */
  readonly translate?: NatTarget;
  readonly provenance: Provenance;
}

/**
 * Bridge-port matches, kept in `opaque` as well so that whoever does not model bridging reads them as uninterpreted.
 * Netfilter's physdev match on a packet that is not bridged matches only when every option it uses is negated.
 */
export interface BridgePortMatch {
  /** The entries of `opaque` these matches are. */
  readonly opaque: readonly string[];
  /** Whether they match a routed (not bridged) packet. */
  readonly routed: boolean;
  /** Whether they match a bridged packet, when that alone decides (`--physdev-is-bridged`, negated or not). */
  readonly bridged?: boolean;
}

/** TCP header flag bits, as the kernel reads byte 13 of the header. */
export const TCP_FLAG_BITS = {
  fin: 0x01,
  syn: 0x02,
  rst: 0x04,
  psh: 0x08,
  ack: 0x10,
  urg: 0x20,
  ecn: 0x40,
  cwr: 0x80,
} as const;

/** One test on a TCP packet's flags: `(flags & mask)` is one of `values` (is none of them when `negated`). */
export interface TcpFlagTest {
  readonly mask: number;
  readonly values: readonly number[];
  readonly negated: boolean;
}

/**
 * TCP flag matches, kept in `opaque` as well so that whoever does not model flags reads them as uninterpreted. They
 * match TCP packets only (`protocols` says so too), when every test holds. A packet's flags are known when it says them
 * (`flags syn,ack`) or when it opens a connection: a `new` TCP packet is read as the opening SYN (see tcp-flags.ts).
 */
export interface TcpFlagsMatch {
  /** The entries of `opaque` these matches are. */
  readonly opaque: readonly string[];
  readonly tests: readonly TcpFlagTest[];
}

/** What a rule requires of the connection's original direction (absent fields: anything). */
export interface OriginalMatch {
  readonly destination?: CidrSet;
  readonly destinationPorts?: PortSet;
  /** The destination was translated (`--ctstate DNAT`: true) or was not (`! --ctstate DNAT`: false). */
  readonly translated?: boolean;
}

/** A translation's new addresses and ports (each absent when kept); several when the device picks one. */
export interface NatTarget {
  readonly addresses?: CidrSet;
  readonly ports?: PortSet;
  /** Set when the reader cannot model where the rule sends packets (a pool with fallback, NPTv6, a DNS name): why. */
  readonly unmodelled?: string;
}

/** Where a zone's addresses lie (the zone of a destination before and after translation; see `NatStage.zones`). */
export interface ZoneAddresses {
  readonly name: string;
  readonly addresses: CidrSet;
}

/**
 * Address translation around filtering. Destination translation (DNAT, port forwarding, virtual IPs, static NAT)
 * changes the packet before the filter chains from `destinationBefore` on see it; its chains are walked in order,
 * and the first rule that ends a walk decides (translated, left as it is, or dropped). Source translation (SNAT,
 * masquerade) comes after filtering: recorded with its provenance, it changes nothing the filter decides.
 */
export interface NatStage {
  /** Entry chains (in `Ruleset.chains`) of destination translation, in the order the packet meets them. */
  readonly destination?: readonly string[];
  /** Entry chains of source translation. */
  readonly source?: readonly string[];
  /** Index in `[entry, ...stages]` of the first filter chain that sees translated packets (default 0: all of them). */
  readonly destinationBefore?: number;
  /**
   * What the filter chains after destination translation match: the translated packet (`translated`, the default:
   * netfilter, ASA, SRX), or the packet's original addresses and ports with the zone its translated destination lies
   * in (`original`: PAN-OS security rules, FortiOS policies naming a virtual IP as lowered by the FortiOS reader).
   */
  readonly filterMatches?: 'translated' | 'original';
  /**
   * Disjoint address sets of the zones (or interfaces) the device routes to, for `filterMatches: 'original'`: the
   * zone of a destination before translation (what a NAT rule's `to` matches) and after it (what the filter's
   * `toZones` match). The configuration rarely states them whole: verify fills them from the site.
   */
  readonly zones?: readonly ZoneAddresses[];
}

/** A route of the device: one prefix and the interface it leaves by. */
export interface Route {
  /** One prefix (IPv4 or IPv6). */
  readonly destination: CidrSet;
  /** Its length: the longest prefix holding an address wins. */
  readonly length: number;
  /** `''` (`UNTOLD_EGRESS`) where the egress cannot be told (a discard route): the prefix then places nothing. */
  readonly interface: string;
  readonly provenance: Provenance;
}

export interface Chain {
  readonly name: string;
  readonly rules: readonly Rule[];
  /**
   * Base chains end with a policy; user chains return to their caller. The policy also decides a walk through the
   * base chain that returns with nothing to return to: a `return` in it, or the end of a user chain it went to
   * (`goto`), as the kernel does. A goto with nothing to return to that reaches a chain with a policy makes that
   * chain the walk's base chain (a reader's way into the real base chain: one family's, or behind `@forward`).
   */
  readonly policy?: FinalAction;
}

/** A named address or service object of the configuration (for printing and for naming what a rule uses). */
export interface NamedObject {
  readonly name: string;
  readonly kind: 'addresses' | 'services';
  readonly addresses?: CidrSet;
  readonly description?: string;
  readonly provenance: Provenance;
}

export interface Ruleset {
  /** The chain a forwarded packet starts in. */
  readonly entry: string;
  /**
   * Base chains a forwarded packet walks after `entry`, in the order it meets them (nftables: the filter chains of
   * netdev ingress, prerouting, forward, postrouting and egress, each hook's by priority; iptables: raw and mangle
   * PREROUTING, then mangle, filter and security FORWARD and mangle POSTROUTING, those that can change its fate). A
   * packet one of them accepts walks the next; a drop or reject anywhere is final. Destination NAT comes before the
   * stage `nat.destinationBefore` names.
   */
  readonly stages?: readonly string[];
  readonly chains: Readonly<Record<string, Chain>>;
  /** Named objects, in the order the configuration defines them. */
  readonly objects: readonly NamedObject[];
  /**
   * What a stage's walk ends in when it returns with nothing to return to and its base chain has no policy: a
   * `return` in a stage's chain without a policy, the end of that chain, or the end of a chain it went to (`goto`)
   * without passing a chain with a policy. A base chain's policy always comes first (see `Chain.policy`).
   */
  readonly defaultAction: FinalAction;
  /** Address translation the configuration applies (absent: none). */
  readonly nat?: NatStage;
  /**
   * Zone-based platforms: the zone each interface the configuration places sits in (interface name → zone, as the
   * rules' `fromZones`/`toZones` name it). A packet that says the interface it crosses (`in IF`, `out IF`) and not
   * its zone is in that zone; an interface absent here is in no zone the configuration says. Absent: no interface
   * is placed.
   */
  readonly interfaceZones?: Readonly<Record<string, string>>;
  /**
   * Where the device sends destinations, when the configuration says (connected networks, static routes). A packet
   * that does not say an interface it crosses is placed by them: out where its destination is routed, in where the
   * route back to its source leads (the longest prefix; several equally long leave it unsaid).
   */
  readonly routes?: readonly Route[];
}

/** A rule's fields, each possibly undefined: what a reader has gathered before it knows which are present. */
export type RuleFields = { -readonly [K in keyof Rule]?: Rule[K] | undefined } & Pick<Rule, 'verdict' | 'provenance'>;

/** A rule from gathered fields, keeping only those that are set (an absent field matches everything). */
export function makeRule(fields: RuleFields): Rule {
  const rule: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) rule[key] = value;
  return rule as unknown as Rule;
}

/**
 * `Ruleset.interfaceZones` from (interface, zone) pairs, a later pair placing an interface again winning: as the
 * ruleset's field, absent when there is none. A null-prototype record: an interface named `__proto__` or
 * `constructor` is a name like any other.
 */
export function interfaceZoneMap(pairs: Iterable<readonly [string, string]>): Record<string, string> {
  const map = Object.create(null) as Record<string, string>;
  for (const [name, zone] of pairs) map[name] = zone;
  return map;
}

/** `{ interfaceZones }` to spread into a ruleset, nothing when no interface is placed. */
export const placedInterfaces = (
  pairs: Iterable<readonly [string, string]>,
): { interfaceZones?: Readonly<Record<string, string>> } => {
  const map = interfaceZoneMap(pairs);
  return Object.keys(map).length > 0 ? { interfaceZones: map } : {};
};

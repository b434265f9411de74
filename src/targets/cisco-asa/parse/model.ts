import type { CidrSet } from '../../../net/cidr-set.js';
import type { PortSet } from '../../../net/port-set.js';
import type { IcmpMatch } from '../../../ruleset/types.js';
import type { Line } from './lines.js';

/** A value the reader could work out, or why it could not (the rules using it become uninterpreted). */
export type Known<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };
export const known = <T>(value: T): Known<T> => ({ ok: true, value });
export const unknown = <T>(reason: string): Known<T> => ({ ok: false, reason });

/** One alternative of a service: protocols (absent = every protocol), ports, ICMP types. Alternatives are ORed. */
export interface ServiceAlt {
  readonly protocols?: PortSet;
  readonly sourcePorts?: PortSet;
  readonly destinationPorts?: PortSet;
  readonly icmp?: readonly IcmpMatch[];
}

/** A reference from a member line or an access-list entry to a named object or object-group. */
export interface Ref {
  readonly kind: 'object' | 'object-group';
  readonly name: string;
  readonly line: number;
  readonly col: number;
}

/** A member of an object or object-group, as written: a value, or a reference to resolve once all are read. */
export type Member<T> = { readonly value: Known<T> } | { readonly ref: Ref };

export type GroupType = 'network' | 'service' | 'port' | 'protocol' | 'icmp-type' | 'other';

/** `object network|service NAME` or `object-group TYPE NAME` with its members. */
export interface Definition {
  readonly name: string;
  readonly kind: 'object' | 'object-group';
  readonly type: GroupType;
  /** For `object-group service NAME tcp|udp|tcp-udp`: the protocol its `port-object`s are for. */
  readonly portProtocol?: 'tcp' | 'udp' | 'tcp-udp';
  readonly line: number;
  readonly text: string;
  readonly description?: string;
  readonly networks: Member<CidrSet>[];
  readonly services: Member<ServiceAlt[]>[];
  readonly ports: Member<PortSet>[];
  readonly protocols: Member<PortSet | 'ip'>[];
  readonly icmp: Member<number[]>[];
  /** `group-object NAME` lines: groups of the same type nested in this one. */
  readonly nested: Ref[];
}

export interface AsaInterface {
  readonly name: string;
  readonly hardware: string;
  readonly line: number;
  readonly securityLevel?: { readonly level: number; readonly line: number; readonly text: string };
  readonly address?: string;
  /** The networks the interface is on (`ip address A M`, `ipv6 address P/L`), and `ip address dhcp setroute` (0/0). */
  readonly networks?: readonly { readonly destination: string; readonly line: number; readonly text: string }[];
}

/** A destination the device routes by an interface (a static route, a connected network, a DHCP default route). */
export interface AsaRoute {
  /** The interface as the line names it (a nameif). */
  readonly interface: string;
  /** One prefix, as CIDR. */
  readonly destination: string;
  /** Administrative distance (`route IF NET MASK GW [distance]`, default 1): the lowest wins for a prefix. */
  readonly distance: number;
  readonly line: number;
  readonly text: string;
}

export interface AccessGroup {
  readonly acl: string;
  readonly direction: 'in' | 'out' | 'global';
  readonly interface?: string;
  /** `control-plane`: filters traffic to the device itself, not traffic through it. */
  readonly controlPlane?: boolean;
  readonly line: number;
  readonly text: string;
}

/** A translation: which addresses a packet may carry that the access-lists see as other addresses. */
export interface NatStatement {
  readonly line: number;
  readonly text: string;
  /** Addresses a packet may carry that the access-lists see otherwise (resolved once every object is read). */
  readonly changes: readonly Member<CidrSet>[];
  /** Why some of what it changes is left out (the device's own interface address: traffic to the box). */
  readonly notes: readonly string[];
  /**
   * A dynamic source translation alone (8.3+, no destination or service part): it rewrites only the source of
   * packets leaving by the mapped interface, after access-lists that name real addresses, so `changes` (its mapped
   * addresses) are uncertain only as destinations — an existing xlate may take a packet sent to them to a real host.
   */
  readonly onlyAsDestination?: true;
  /**
   * A static translation the verifier applies (8.3+: access-lists name real addresses): packets entering by the
   * mapped interface (any interface when `any`) to the mapped addresses (and port) go to the real ones. Set only
   * when the whole statement is this; `changes` is then empty.
   */
  readonly inbound?: StaticInbound;
}

export interface StaticInbound {
  readonly mappedInterface: string;
  readonly mapped: Member<CidrSet>;
  readonly real: Member<CidrSet>;
  readonly service?: { readonly protocol: 6 | 17; readonly real: number; readonly mapped: number };
}

/** An access-list entry as read: its line, the word after the list name, and the remarks written above it. */
export interface AclLine {
  readonly line: Line;
  readonly from: number;
  readonly remark?: string;
  /** An `ipv6 access-list` line (before 9.0): its `any` is IPv6. */
  readonly ipv6?: boolean;
}

export interface AsaConfig {
  readonly file: string;
  readonly hostname?: string;
  /** `ASA Version 9.9` / `PIX Version 7.2(1)`: before 8.3 access-lists name translated addresses. */
  readonly version?: { readonly product: string; readonly major: number; readonly minor: number };
  readonly names: ReadonlyMap<string, string>;
  readonly interfaces: readonly AsaInterface[];
  /** `route IF NET MASK GW`, `ipv6 route IF PREFIX GW`. */
  readonly routes: readonly AsaRoute[];
  readonly definitions: ReadonlyMap<string, Definition>;
  /** Every `access-list` line but remarks, by list name, in order (resolved against the definitions later). */
  readonly acls: ReadonlyMap<string, readonly AclLine[]>;
  readonly groups: readonly AccessGroup[];
  readonly nat: readonly NatStatement[];
  readonly sameSecurity: { readonly inter: boolean; readonly intra: boolean };
  /** Definitions counted as the device lists them (`object …` and `object-group …` lines). */
  readonly counts: { readonly objects: number; readonly objectGroups: number; readonly names: number };
}

/**
 * The ground values every layer above builds on: protocols, port ranges and addresses as they travel from the
 * catalog to the documents and the targets. Plain data; the rest of src/net does the math.
 */
export const PROTOCOLS = ['tcp', 'udp', 'icmp', 'icmpv6', 'sctp', 'gre', 'esp', 'ah', 'ip'] as const;
export type Protocol = (typeof PROTOCOLS)[number];
export const PORTED_PROTOCOLS: ReadonlySet<Protocol> = new Set(['tcp', 'udp', 'sctp']);

/** Inclusive port range; `from === to` for one port. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** A network address, a name a device resolves, a URL only a proxy can match, or every address. */
export type NetAddress =
  | { readonly kind: 'cidr'; readonly family: 4 | 6; readonly value: string }
  | { readonly kind: 'fqdn'; readonly value: string }
  | { readonly kind: 'wildcard'; readonly value: string }
  | { readonly kind: 'url'; readonly value: string }
  | { readonly kind: 'any' };

/** What the set algebra accepts: a net address, or any other kind (a Kubernetes selector) it ignores. */
export type AnyAddress = NetAddress | { readonly kind: 'k8s' };

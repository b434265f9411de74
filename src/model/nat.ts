/**
 * NAT as the matrix carries it: each firewall's translations resolved to addresses and zones (`FirewallInfo.nat`),
 * and on each leg the translations its packets meet (`Leg.nat`). Plain data; src/catalog/site-nat.ts computes it.
 * Addresses are single IP addresses written without a prefix length (`203.0.113.10`, `2001:db8::10`).
 */
export type NatProtocol = 'tcp' | 'udp';

export type NatRule =
  | {
      readonly type: 'static';
      /** Position in `firewalls[].nat`. */
      readonly index: number;
      readonly family: 4 | 6;
      readonly public: string;
      readonly private: string;
      /** The host name the site gave, when it named one. */
      readonly host?: string;
      readonly privateZone: string;
      /** The zone the public address lies in (usually `internet`). */
      readonly publicZone: string;
    }
  | {
      readonly type: 'destination';
      readonly index: number;
      readonly family: 4 | 6;
      readonly public: string;
      readonly protocol?: NatProtocol;
      readonly port?: number;
      readonly to: string;
      readonly host?: string;
      readonly toPort?: number;
      readonly toZone: string;
      readonly publicZone: string;
    }
  | {
      readonly type: 'source';
      readonly index: number;
      readonly from: string;
      readonly to: string;
      /** Absent with masquerade. */
      readonly address?: string;
      readonly family?: 4 | 6;
      readonly masquerade?: true;
    };

export type NatType = NatRule['type'];

/** One translation a leg meets on a firewall: what its destination and/or source become there. */
export interface LegNat {
  readonly firewall: string;
  /** Index of the hop in `leg.hops`. */
  readonly hop: number;
  /** Position of the translation in the firewall's `nat` list. */
  readonly rule: number;
  readonly type: NatType;
  /** Destination translation (static inbound, port forward): the public address the client uses → the real one. */
  readonly destination?: {
    readonly before: string;
    readonly after: string;
    readonly protocol?: NatProtocol;
    readonly portBefore?: number;
    readonly portAfter?: number;
  };
  /** Source translation (static outbound, source NAT): the address the source takes; absent address = masquerade. */
  readonly source?: { readonly after?: string; readonly masquerade?: true; readonly zone: string };
}

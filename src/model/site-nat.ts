import { z } from 'zod';

/**
 * Address translations on one firewall (`firewalls[].nat`), in the site file. Three kinds:
 * - `static`: one public address is one private host, both ways (inbound to the public address reaches the host,
 *   traffic the host starts leaves with the public address);
 * - `destination`: a port forward — a public address (and optionally one protocol and port) reaches an inside host
 *   or address (optionally on another port);
 * - `source`: traffic from zone `from` to zone `to` leaves with `address`, or with the outgoing interface's address
 *   (`masquerade: true`).
 * Addresses are single IP addresses; hosts are names from `hosts:` with one address of the public address's family.
 */
const NAT_PROTOCOLS = ['tcp', 'udp'] as const;
const Port = z.number().int().min(1).max(65535);

export const StaticNat = z.strictObject({
  type: z.enum(['static']),
  /** The address the outside sees (`203.0.113.20`). */
  public: z.string().min(1),
  /** The inside host (a name from `hosts:`) or its address. */
  private: z.string().min(1),
  description: z.string().optional(),
});

export const DestinationNat = z.strictObject({
  type: z.enum(['destination']),
  /** The public address clients connect to. */
  public: z.string().min(1),
  /** Only this protocol is forwarded (needed with `port`). */
  protocol: z.enum(NAT_PROTOCOLS).optional(),
  /** Only this public port is forwarded; without it, every port of the public address. */
  port: Port.optional(),
  /** The inside host (a name from `hosts:`) or address that receives the traffic. */
  to: z.string().min(1),
  /** The inside port, when it differs from `port`. */
  toPort: Port.optional(),
  description: z.string().optional(),
});

export const SourceNat = z.strictObject({
  type: z.enum(['source']),
  /** Zone the traffic comes from (its sources are translated). */
  from: z.string().min(1),
  /** Zone the traffic goes to. */
  to: z.string().min(1),
  /** The address sources take. */
  address: z.string().min(1).optional(),
  /** Take the outgoing interface's address instead (dynamic address on the outside). */
  masquerade: z.boolean().optional(),
  description: z.string().optional(),
});

export const NatEntry = z.union([StaticNat, DestinationNat, SourceNat]);
export const NatList = z.array(NatEntry);

export type StaticNat = z.infer<typeof StaticNat>;
export type DestinationNat = z.infer<typeof DestinationNat>;
export type SourceNat = z.infer<typeof SourceNat>;
export type NatEntry = z.infer<typeof NatEntry>;

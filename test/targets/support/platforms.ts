/**
 * What the proofs need to know of a platform that its target does not declare. Everything a target declares is read
 * from it (capabilities, `natView`, its formats' `zones` and `egress`); what is left is here, by target id, and only
 * here. A target none of this covers makes the proofs fail loudly (`sitsOn`), never fall back on a default.
 */
import { type TargetId, targets } from '../../../src/targets/index.js';

/**
 * Where a platform's rules sit:
 * - `box`: on a firewall packets cross, between its interfaces (the rules name them);
 * - `hosts`: on the hosts themselves (Windows firewall, AWS security groups), which see no interface of the site's
 *   firewall: a packet walks its destination's inbound rules when that is one of the site's hosts, then its source's
 *   outbound rules when that is one and the platform filters outbound (src/targets/kit/host-sides.ts);
 * - `cloud`: in a cloud fabric that names no interface either, and filters every packet (Azure NSG).
 */
export type Seat = 'box' | 'hosts' | 'cloud';

interface Undeclared {
  readonly sits?: Seat;
  /** `hosts`: traffic no rule allows is blocked outbound too (a security group), not only inbound. */
  readonly filtersOutbound?: boolean;
  /**
   * A packet from an interface the configuration names nowhere is left undecided by the reader, not dropped (the
   * ASA: such an interface is not the site's firewall's, and security levels decide; the printer binds an
   * access-list on every interface the site gives the firewall).
   */
  readonly unnamedInterfaceUndecided?: boolean;
  /**
   * ICMP of the other family (an IPv4 packet of protocol 58) is not compared: which of ICMP and ICMPv6 the syntax's
   * one ICMP keyword applies to in each family is not documented, and its reader keeps both (Azure's `Icmp`).
   */
  readonly crossFamilyIcmp?: boolean;
}

const UNDECLARED: Readonly<Partial<Record<TargetId, Undeclared>>> = {
  'cisco-asa': { unnamedInterfaceUndecided: true },
  'windows-firewall': { sits: 'hosts' },
  'aws-sg': { sits: 'hosts', filtersOutbound: true },
  'azure-nsg': { sits: 'cloud', crossFamilyIcmp: true },
};

const undeclared = (id: TargetId): Undeclared => UNDECLARED[id] ?? {};

/**
 * Where the target's rules sit: said above for the platforms that are not boxes; a target that declares a `natView`
 * (which addresses its rules match for a translated packet: it sits where packets are translated, between the
 * firewall's interfaces) is a box. Any other target throws: say here where it sits.
 */
export function sitsOn(id: TargetId): Seat {
  const said = undeclared(id).sits;
  if (said) return said;
  if (targets[id].natView !== undefined) return 'box';
  throw new Error(
    `target ${id}: where do its rules sit? It declares no natView (a box between interfaces): say in test/targets/support/platforms.ts whether it sits on the hosts or in a cloud fabric`,
  );
}

/** Whether a `hosts` platform blocks outbound what no rule allows (see `Undeclared.filtersOutbound`). */
export const filtersOutbound = (id: TargetId): boolean => undeclared(id).filtersOutbound === true;

/** See `Undeclared.unnamedInterfaceUndecided`. */
export const unnamedInterfaceUndecided = (id: TargetId): boolean => undeclared(id).unnamedInterfaceUndecided === true;

/** See `Undeclared.crossFamilyIcmp`. */
export const crossFamilyIcmpUncompared = (id: TargetId): boolean => undeclared(id).crossFamilyIcmp === true;

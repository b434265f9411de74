import { CidrSet } from '../net/cidr-set.js';
import { getOrMake } from '../util/memo.js';
import type { FirewallZone } from './firewall.js';

/**
 * Where a platform filters on the ingress interface only (the ASA), routing picks the egress: a rule `wan → dmz` to
 * `any` must be kept to dmz's addresses, or it also lets wan reach lan. This is the one place that says what such a
 * rule keeps of its destination: the printer writes it, verify checks against it (so both agree to the address).
 */

/** What the kept destination needs to know of a side: `any`, named (either family), its addresses. */
export interface EgressSide {
  readonly any: boolean;
  readonly named: boolean;
  readonly set: CidrSet;
}

/** What a rule's destination becomes: unchanged, kept to its zone (`limited`), or nothing exact to print. */
export type KeptDestination =
  | { readonly kind: 'same' }
  | { readonly kind: 'limited'; readonly kept: CidrSet; readonly removed: CidrSet }
  | { readonly kind: 'withheld'; readonly reason: 'no-cidr' | 'other-zones' };

const cidrSet = (cidrs: readonly string[]): CidrSet => {
  const parsed = CidrSet.parse(cidrs, { lenient: true });
  return parsed.ok ? parsed.value : CidrSet.empty();
};

/** Each zone's addresses: its CIDRs, and for the default zone every address in no zone's CIDRs (of the site). */
function zoneAddresses(
  zones: Readonly<Record<string, FirewallZone>>,
  siteCidrs: readonly string[],
): Map<string, CidrSet> {
  const own = new Map<string, CidrSet>();
  for (const [name, z] of Object.entries(zones)) own.set(name, cidrSet(z.cidrs));
  const known = [...own.values()].reduce((a, b) => a.union(b), cidrSet(siteCidrs));
  for (const [name, z] of Object.entries(zones)) {
    if (z.default) own.set(name, (own.get(name) as CidrSet).union(CidrSet.all().subtract(known)));
  }
  return own;
}

/** A firewall's zones (its own, from `firewallZones`), with what each pair of zones takes out worked out once. */
export class EgressZones {
  private readonly addresses: Map<string, CidrSet>;
  private readonly names: readonly string[];
  private readonly othersByPair = new Map<string, CidrSet>();

  constructor(zones: Readonly<Record<string, FirewallZone>>, siteCidrs: readonly string[] = []) {
    this.addresses = zoneAddresses(zones, siteCidrs);
    this.names = Object.keys(zones);
  }

  /**
   * Addresses of the firewall's zones other than `to` and `from` (less `to`'s own, where a zone lies inside
   * another). Not `from`'s: the ASA drops a packet routed back out the interface it came in by (unless
   * `same-security-traffic permit intra-interface`, which no output writes).
   */
  private others(to: string, from: string): CidrSet {
    return getOrMake(this.othersByPair, `${to}\u0000${from}`, () => {
      const mine = this.addresses.get(to) ?? CidrSet.empty();
      let out = CidrSet.empty();
      for (const [name, set] of this.addresses) if (name !== to && name !== from) out = out.union(set);
      return out.subtract(mine);
    });
  }

  /** What a rule from `fromZone` to `toZone` keeps of its destination, given its source (a packet must remain). */
  keep(fromZone: string, toZone: string, source: EgressSide, destination: EgressSide): KeptDestination {
    const others = this.others(toZone, fromZone);
    let kept: CidrSet;
    if (destination.any) {
      // Two zones only: what enters by one leaves by the other (see `others`).
      if (!this.names.some((z) => z !== toZone && z !== fromZone)) return { kind: 'same' };
      const mine = this.addresses.get(toZone) ?? CidrSet.empty();
      if (mine.isEmpty()) return { kind: 'withheld', reason: 'no-cidr' };
      kept = mine.subtract(others);
    } else {
      if (!destination.set.overlaps(others)) return { kind: 'same' };
      kept = destination.set.subtract(others);
    }
    if (!destination.named && !sharesFamily(source, kept)) return { kind: 'withheld', reason: 'other-zones' };
    const removed = (destination.any ? CidrSet.all() : destination.set).subtract(kept);
    return { kind: 'limited', kept, removed };
  }
}

/** Some packet goes from `source` to `kept`: they share a family (a named source may be of either). */
function sharesFamily(source: EgressSide, kept: CidrSet): boolean {
  if (source.any || source.named) return !kept.isEmpty();
  return (
    (!source.set.family(4).isEmpty() && !kept.family(4).isEmpty()) ||
    (!source.set.family(6).isEmpty() && !kept.family(6).isEmpty())
  );
}

import type { Finding } from '../../model/finding.js';
import type { Address } from '../../model/matrix.js';
import { CidrSet } from '../../net/cidr-set.js';
import { endpointValues, type ParsedEndpoint } from '../../ruleset/endpoint-values.js';
import { endpointSet } from '../../ruleset/endpoints.js';
import type { AllowRule, FirewallRuleset, FirewallZone } from '../../ruleset/firewall.js';
import { getOrMake } from '../../util/memo.js';
import { asaFindings } from './findings.js';

/**
 * An ASA access-list filters on the interface a packet enters by; routing picks where it leaves. A rule `wan → dmz`
 * to `any` printed as is would also let wan reach lan. So each rule's destination is kept to the addresses of its
 * egress zone: the other zones' addresses are taken out of it (and `any` becomes the egress zone's own addresses).
 * Two exact forms, the shorter printed (print.ts): the kept addresses in the permit, or a `deny` of the addresses
 * taken out just before the permit — only when no later rule of the same ACL names any of them, since the deny
 * would hide it (a `wan → lan` row after a `wan → dmz` one).
 */

/**
 * The firewall's zones: from the ruleset, or (rulesets made before it carried them) the zones its rules cross, with
 * the interfaces the rules name.
 */
export function zonesOf(slice: FirewallRuleset): Readonly<Record<string, FirewallZone>> {
  if (slice.zones) return slice.zones;
  const out: Record<string, FirewallZone> = {};
  const add = (zone: string, iface: string | undefined) => {
    if (out[zone]?.interface !== undefined) return;
    out[zone] = { ...(iface !== undefined ? { interface: iface } : {}), cidrs: [], default: false };
  };
  for (const r of slice.rules) {
    add(r.fromZone, r.fromInterface);
    add(r.toZone, r.toInterface);
  }
  return out;
}

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

/** What a rule's destination becomes: unchanged, kept to its zone (`limited`), or nothing left to print. */
export type Egress =
  | { readonly kind: 'same' }
  | {
      readonly kind: 'limited';
      /** The destination kept to the zone, and the addresses taken out of it. */
      readonly destination: ParsedEndpoint;
      readonly kept: CidrSet;
      readonly removed: CidrSet;
    }
  | { readonly kind: 'withheld'; readonly finding: Finding };

export class EgressLimits {
  private readonly addresses: Map<string, CidrSet>;
  private readonly names: readonly string[];

  constructor(zones: Readonly<Record<string, FirewallZone>>, siteCidrs: readonly string[] = []) {
    this.addresses = zoneAddresses(zones, siteCidrs);
    this.names = Object.keys(zones);
  }

  /**
   * Addresses of the firewall's zones other than `to` and `from` (less `to`'s own, where a zone lies inside
   * another). Not `from`'s: the ASA drops a packet routed back out the interface it came in by (unless
   * `same-security-traffic permit intra-interface`, which this output does not write).
   */
  private others(to: string, from: string): CidrSet {
    return getOrMake(this.othersByPair, `${to}\u0000${from}`, () => this.othersOf(to, from));
  }

  private readonly othersByPair = new Map<string, CidrSet>();
  /** A role's rules share their destination: its addresses are worked out once. */
  private readonly sets = new Map<string, ReturnType<typeof endpointSet>>();

  private othersOf(to: string, from: string): CidrSet {
    const mine = this.addresses.get(to) ?? CidrSet.empty();
    let out = CidrSet.empty();
    for (const [name, set] of this.addresses) if (name !== to && name !== from) out = out.union(set);
    return out.subtract(mine);
  }

  of(rule: AllowRule): Egress {
    const ep = rule.destination;
    const others = this.others(rule.toZone, rule.fromZone);
    const { set, names } = getOrMake(this.sets, ep.values.key, () => endpointSet(ep));
    let kept: CidrSet;
    if (ep.values.any) {
      const mine = this.addresses.get(rule.toZone) ?? CidrSet.empty();
      // Two zones only: what enters by one leaves by the other (see `others`).
      if (!this.names.some((z) => z !== rule.toZone && z !== rule.fromZone)) return { kind: 'same' };
      if (mine.isEmpty())
        return {
          kind: 'withheld',
          finding: asaFindings.raise('egress-zone', { row: rule.origin, toZone: rule.toZone, reason: 'no-cidr' }),
        };
      kept = mine.subtract(others);
    } else {
      if (!set.overlaps(others)) return { kind: 'same' };
      kept = set.subtract(others);
    }
    if (names.length === 0 && !sharesFamily(rule.source, kept)) {
      return {
        kind: 'withheld',
        finding: asaFindings.raise('egress-zone', { row: rule.origin, toZone: rule.toZone, reason: 'other-zones' }),
      };
    }
    const removed = (ep.values.any ? CidrSet.all() : set).subtract(kept);
    return { kind: 'limited', destination: limited(ep, kept), kept, removed };
  }
}

/** Some packet goes from `source` to `kept`: they share a family (a named source may be of either). */
function sharesFamily(source: ParsedEndpoint, kept: CidrSet): boolean {
  if (source.values.any || source.values.named) return !kept.isEmpty();
  return (
    (source.values.v4.length > 0 && !kept.family(4).isEmpty()) ||
    (source.values.v6.length > 0 && !kept.family(6).isEmpty())
  );
}

/** The endpoint with its addresses replaced by `kept` (its names stay: the ASA resolves them). */
export function limited(ep: ParsedEndpoint, kept: CidrSet): ParsedEndpoint {
  const cidrs = kept.toCidrs().map((value): Address => ({ kind: 'cidr', family: value.includes(':') ? 6 : 4, value }));
  const addresses = [...cidrs, ...ep.addresses.filter((a) => a.kind !== 'any' && a.kind !== 'cidr')];
  const out = { ...ep, addresses };
  return { ...out, values: endpointValues(out) };
}

/** What a printed rule's destination may be: its addresses (`any`: all), or every address when it names hosts. */
export function reach(ep: ParsedEndpoint): CidrSet {
  if (ep.values.any || ep.values.named) return CidrSet.all();
  return endpointSet(ep).set;
}

import type { Finding } from '../../model/finding.js';
import type { Address } from '../../model/matrix.js';
import { CidrSet } from '../../net/cidr-set.js';
import { type EgressSide, EgressZones } from '../../ruleset/egress.js';
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

/** The printer's side of `EgressZones` (src/ruleset/egress.ts, which verify shares): findings and endpoints. */
export class EgressLimits {
  private readonly zones: EgressZones;
  /** A role's rules share their sides: their addresses are worked out once. */
  private readonly sides = new Map<string, EgressSide>();

  constructor(zones: Readonly<Record<string, FirewallZone>>, siteCidrs: readonly string[] = []) {
    this.zones = new EgressZones(zones, siteCidrs);
  }

  private side(ep: ParsedEndpoint): EgressSide {
    return getOrMake(this.sides, ep.values.key, () => ({
      any: ep.values.any,
      named: ep.values.named,
      set: endpointSet(ep).set,
    }));
  }

  of(rule: AllowRule): Egress {
    const ep = rule.destination;
    const kept = this.zones.keep(rule.fromZone, rule.toZone, this.side(rule.source), this.side(ep));
    if (kept.kind === 'same') return kept;
    if (kept.kind === 'withheld')
      return {
        kind: 'withheld',
        finding: asaFindings.raise('egress-zone', { row: rule.origin, toZone: rule.toZone, reason: kept.reason }),
      };
    return { kind: 'limited', destination: limited(ep, kept.kept), kept: kept.kept, removed: kept.removed };
  }
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

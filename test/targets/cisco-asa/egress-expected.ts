import type { Address, Matrix } from '../../../src/model/matrix.js';
import { CidrSet } from '../../../src/net/cidr-set.js';
import { endpointValues } from '../../../src/ruleset/endpoint-values.js';
import type { CheckedRule } from '../../../src/targets/generate/capabilities.js';

/**
 * The test's own reading of what an ASA rule may reach (an ACL filters on the ingress interface only): the addresses
 * routed out by the rule's egress zone. A zone holds its CIDRs; the default zone every address in no zone's CIDRs.
 */
export function zoneAddresses(m: Matrix, firewall: string): Map<string, CidrSet> {
  const zones = m.firewalls.find((f) => f.name === firewall)?.zones ?? [];
  const cidrs = (z: string) => CidrSet.fromAddresses((m.zones[z]?.cidrs ?? []).map(cidr));
  const known = Object.keys(m.zones).reduce((set, z) => set.union(cidrs(z)), CidrSet.empty());
  const out = new Map<string, CidrSet>();
  for (const z of zones) out.set(z, m.zones[z]?.default ? cidrs(z).union(CidrSet.all().subtract(known)) : cidrs(z));
  return out;
}

const cidr = (value: string): Address => ({ kind: 'cidr', family: value.includes(':') ? 6 : 4, value });

/**
 * The addresses of the firewall's zones other than `to` and `from` (`to`'s own kept where a zone lies inside
 * another); the ASA drops a packet routed back out its ingress interface.
 */
export function otherZones(m: Matrix, firewall: string, to: string, from: string): CidrSet {
  const all = zoneAddresses(m, firewall);
  let out = CidrSet.empty();
  for (const [z, set] of all) if (z !== to && z !== from) out = out.union(set);
  return out.subtract(all.get(to) ?? CidrSet.empty());
}

/**
 * The rule as the ASA should print it: its destination less the other zones' addresses (`any`: its zone's own), or
 * undefined when nothing of it can be printed exactly (the printer reports it). Rules that keep their destination
 * are returned as they are.
 */
export function keptToEgress(m: Matrix, firewall: string, rule: CheckedRule): CheckedRule | undefined {
  const zones = zoneAddresses(m, firewall);
  const others = otherZones(m, firewall, rule.hop.toZone, rule.hop.fromZone);
  const ep = rule.destination;
  const names = ep.addresses.filter((a) => a.kind !== 'any' && a.kind !== 'cidr');
  let kept: CidrSet;
  if (ep.values.any) {
    const mine = zones.get(rule.hop.toZone) ?? CidrSet.empty();
    // Two zones: what enters by one leaves by the other (the ASA drops a packet sent back out its interface).
    const third = [...zones.keys()].some((z) => z !== rule.hop.toZone && z !== rule.hop.fromZone);
    if (!third) return rule;
    if (mine.isEmpty()) return undefined;
    kept = mine.subtract(others);
  } else {
    const set = CidrSet.fromAddresses(ep.addresses);
    if (!set.overlaps(others)) return rule;
    kept = set.subtract(others);
  }
  const addresses = [...kept.toCidrs().map(cidr), ...names];
  if (addresses.length === 0) return undefined;
  const destination = { ...ep, addresses };
  return { ...rule, destination: { ...destination, values: endpointValues(destination) } };
}

import type { Finding } from '../model/finding.js';
import type { Matrix } from '../model/matrix.js';
import type { LegNat } from '../model/nat.js';
import type { Text } from '../model/text.js';
import { CidrSet } from '../net/cidr-set.js';
import { PortSet } from '../net/port-set.js';
import type { RuleHit } from '../ruleset/evaluate.js';
import { regionOf } from '../ruleset/nat.js';
import { filterRegions } from '../ruleset/nat-filter.js';
import { type Box, type Region, regionBox, where } from '../ruleset/region.js';
import type { Ruleset, ZoneAddresses } from '../ruleset/types.js';
import { natRules } from '../targets/generate/nat.js';
import type { FirewallRule } from '../targets/generate/rules.js';
import type { ZoneNaming } from './regions.js';

/** The destination translation the matrix says this firewall applies to a rule's packets (public → real). */
export type ExpectedTranslation = NonNullable<LegNat['destination']>;

/** A matrix rule as its packets arrive at the firewall, with the translation the matrix expects there. */
export interface Arrival {
  readonly rule: FirewallRule;
  readonly expected?: ExpectedTranslation;
}

/**
 * Each rule of the slice as the firewall receives its packets: addressed to the public address (and port) where
 * this firewall or a later one translates the destination, from the translated source where an earlier one
 * translated it. Where this firewall translates, the configuration's NAT must send the packet to the real address:
 * that is checked, not assumed. A source masqueraded earlier is not known: a finding, not a guess.
 */
export function arrivals(rules: readonly FirewallRule[]): { arrivals: Arrival[]; findings: Finding[] } {
  const { rules: seen, findings: generated } = natRules(rules, 'pre-nat', 'verify');
  // The one reason natRules leaves a rule out here (a source masqueraded earlier), said as verify says it.
  const findings = generated.map((f) => ({
    ...f,
    message: {
      fr: f.message.fr.replace('règle non générée', 'ligne non vérifiée sur ce pare-feu'),
      en: f.message.en.replace('rule not generated', 'row not checked on this firewall'),
    },
  }));
  return {
    arrivals: seen.map((rule) => {
      const at = rule.leg.hops.indexOf(rule.hop);
      const here = rule.id.endsWith(':untranslated')
        ? undefined
        : rule.leg.nat?.find((n) => n.destination && n.hop === at)?.destination;
      return here ? { rule, expected: here } : { rule };
    }),
    findings,
  };
}

/**
 * The addresses of each zone of the firewall as the site places them (longest prefix, the default zone for the
 * rest), named as the platform names its sides: the zone a destination lies in before and after translation.
 */
export function siteZones(matrix: Matrix, firewall: string, naming: ZoneNaming): ZoneAddresses[] {
  const fw = matrix.firewalls.find((f) => f.name === firewall);
  if (!fw) return [];
  const entries = Object.entries(matrix.zones).flatMap(([name, zone]) =>
    zone.cidrs.flatMap((cidr) => {
      const set = CidrSet.parse([cidr], { lenient: true });
      const length = Number(cidr.split('/')[1] ?? (cidr.includes(':') ? 128 : 32));
      return set.ok ? [{ name, set: set.value, length }] : [];
    }),
  );
  entries.sort((a, b) => b.length - a.length);
  const own = new Map<string, CidrSet>();
  let placed = CidrSet.empty();
  for (const e of entries) {
    own.set(e.name, (own.get(e.name) ?? CidrSet.empty()).union(e.set.subtract(placed)));
    placed = placed.union(e.set);
  }
  const fallback = Object.entries(matrix.zones).find(([, z]) => z.default)?.[0];
  if (fallback !== undefined)
    own.set(fallback, (own.get(fallback) ?? CidrSet.empty()).union(CidrSet.all().subtract(placed)));
  return fw.zones.flatMap((z) => {
    const addresses = own.get(z);
    if (!addresses || addresses.isEmpty()) return [];
    return [{ name: naming === 'interfaces' ? (fw.interfaces[z] ?? z) : z, addresses }];
  });
}

/** The ruleset with the site's zones where its NAT stage matches by zone and the configuration does not say them. */
export function withSiteZones(ruleset: Ruleset, zones: () => ZoneAddresses[]): Ruleset {
  const nat = ruleset.nat;
  if (nat?.filterMatches !== 'original' || nat.zones) return ruleset;
  return { ...ruleset, nat: { ...nat, zones: zones() } };
}

/**
 * Whether an accepted part of a rule's traffic reaches where the matrix sends it: translated to the real address
 * (and port) where the matrix expects a translation here, left as it is otherwise. Undefined when it does; else
 * why not, in both languages.
 */
export function misrouted(
  family: 4 | 6,
  box: Box,
  translatedBy: RuleHit | undefined,
  expected: ExpectedTranslation | undefined,
  wanted: { readonly destination?: CidrSet; readonly ports?: PortSet },
): Text | undefined {
  // A translation of one family: the other family's addresses are routed as they are.
  if (expected && expected.before.includes(':') !== (family === 6))
    return misrouted(family, box, translatedBy, undefined, wanted);
  const t = translatedBy?.rule.translate;
  if (!translatedBy || !t) {
    if (!expected) return undefined;
    const to = `${expected.after}${expected.portAfter !== undefined ? `:${expected.portAfter}` : ''}`;
    const from = `${expected.before}${expected.portBefore !== undefined ? `:${expected.portBefore}` : ''}`;
    return {
      fr: `non traduit : aucune règle NAT n’envoie ${from} vers ${to} (le paquet reste adressé à ${expected.before})`,
      en: `not translated: no NAT rule sends ${from} to ${to} (the packet stays addressed to ${expected.before})`,
    };
  }
  const destination = t.addresses ? t.addresses.family(family) : box.destination;
  const ports = t.ports ?? box.destinationPorts;
  const wantedDestination = expected ? CidrSet.parse([expected.after]) : undefined;
  const goal = wantedDestination?.ok ? wantedDestination.value : wanted.destination;
  const goalPorts =
    expected?.portAfter !== undefined ? PortSet.of(expected.portAfter) : expected ? box.destinationPorts : wanted.ports;
  const addressOk = goal === undefined || goal.contains(destination);
  const portsOk = goalPorts === undefined || goalPorts.contains(ports);
  if (addressOk && portsOk) return undefined;
  const got = `${destination.toCidrs().join(', ')}${t.ports ? `:${rangesText(t.ports)}` : ''}`;
  const address = expected && `${expected.after}${expected.portAfter !== undefined ? `:${expected.portAfter}` : ''}`;
  const aim: Text = address
    ? { fr: address, en: address }
    : { fr: 'la destination de la ligne', en: 'the row’s destination' };
  return {
    fr: `traduit par ${where(translatedBy)} vers ${got}, pas vers ${aim.fr}`,
    en: `translated by ${where(translatedBy)} to ${got}, not to ${aim.en}`,
  };
}

const rangesText = (p: PortSet): string =>
  p
    .toRanges()
    .map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`))
    .join(',');

/**
 * The part of a box of a filter rule's traffic that can reach it in `region`'s zone pair, where the filter matches
 * original addresses with the zone after translation: a destination the NAT stage always sends to another zone
 * never meets a rule towards this one (PAN-OS: a bi-directional translation's public address, seen from inside).
 */
export function reachingFilter(ruleset: Ruleset, region: Region, box: Box): Box[] {
  const zones = ruleset.nat?.filterMatches === 'original' ? ruleset.nat.zones : undefined;
  if (!zones || region.toZone === undefined) return [box];
  const out: Box[] = [];
  let rest = box.destination;
  for (const z of zones) {
    const part = box.destination.intersect(z.addresses.family(region.family));
    if (part.isEmpty()) continue;
    rest = rest.subtract(part);
    const arriving: Region = { ...regionOf(region, { ...box, destination: part }), toZone: z.name };
    for (const seen of filterRegions(ruleset, arriving)) if (seen.toZone === region.toZone) out.push(regionBox(seen));
  }
  if (!rest.isEmpty()) out.push({ ...box, destination: rest });
  return out;
}

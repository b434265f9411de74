import type { Finding } from '../../model/finding.js';
import type { Endpoint, FirewallInfo, Hop, Leg, Matrix, MatrixRow, ServiceMatch } from '../../model/matrix.js';
import type {
  AllowRule,
  FirewallRuleset,
  FirewallZone,
  NatContext,
  NatOriginal,
  RuleOrigin,
} from '../../ruleset/firewall.js';
import { stageFindings } from './findings.js';
import { proxyEgressByPort } from './proxy-egress.js';

export type { NatOriginal } from '../../ruleset/firewall.js';

import { safeText } from '../kit/escape.js';
import type { CheckedRule } from './capabilities.js';

/**
 * One rule a firewall must hold: a (row, leg, hop) whose hop is that firewall. `source`, `destination` and
 * `services` start as the leg's; the capability check may return a copy with some addresses removed (and says so
 * in a finding).
 */
export interface FirewallRule {
  /** Stable id: row key, leg index, hop index. */
  readonly id: string;
  readonly row: MatrixRow;
  readonly legIndex: number;
  readonly leg: Leg;
  readonly hop: Hop;
  readonly source: Endpoint;
  readonly destination: Endpoint;
  readonly services: readonly ServiceMatch[];
  readonly fromInterface?: string;
  readonly toInterface?: string;
  /**
   * Set on the firewall that translates the destination, for targets that filter on the real address: the address
   * (and port) the client used, so the rule lets through only what came in that way (src/targets/core/nat.ts).
   */
  readonly natOriginal?: NatOriginal;
  /**
   * Site `proxy.egress: by-port`: the proxy's way out, its destination the zone in place of the names the row gives
   * (`destination` is already the zone; generate says so in a finding).
   */
  readonly openedByPort?: { readonly names: readonly string[]; readonly zone: string };
}

export interface FirewallSliceResult {
  readonly rules: FirewallRule[];
  readonly findings: Finding[];
}

export type { RowRef } from '../kit/findings.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const crosses = (row: MatrixRow, firewall: string): boolean =>
  row.legs.some((leg) => leg.hops.some((hop) => hop.firewall === firewall));

/**
 * The rules `firewall` must allow: one per (row, leg, hop) crossing it, in matrix order. Rows that are not packet
 * flows (trusted sites, references without a port) become findings instead of rules.
 */
export function sliceForFirewall(matrix: Matrix, firewall: string, targetId = 'core'): FirewallSliceResult {
  const rules: FirewallRule[] = [];
  const findings: Finding[] = [];
  const byPort = proxyEgressByPort(matrix);
  for (const row of matrix.rows) {
    if (row.kind !== 'network') {
      // A row with no path at all still concerns every firewall: say it once rather than lose it. A row inside one
      // zone has its path, through no firewall: none of them is concerned.
      if (crosses(row, firewall) || row.legs.every(hasNoPath)) {
        findings.push(nonNetworkFinding(row, targetId));
      }
      continue;
    }
    for (let legIndex = 0; legIndex < row.legs.length; legIndex++) {
      const leg = row.legs[legIndex] as Leg;
      const opened = byPort(row, leg, legIndex);
      for (let hopIndex = 0; hopIndex < leg.hops.length; hopIndex++) {
        const hop = leg.hops[hopIndex] as Hop;
        if (hop.firewall !== firewall) continue;
        // Assignment rather than spreads, same keys in the same order: one rule per row crossing the firewall.
        const rule: Mutable<FirewallRule> = {
          id: flat([row.key, legIndex, hopIndex], ':'),
          row,
          legIndex,
          leg,
          hop,
          source: leg.source,
          destination: opened ? opened.destination : leg.destination,
          services: leg.services,
        };
        if (hop.fromInterface !== undefined) rule.fromInterface = hop.fromInterface;
        if (hop.toInterface !== undefined) rule.toInterface = hop.toInterface;
        if (opened) rule.openedByPort = { names: opened.names, zone: opened.zone };
        rules.push(rule);
      }
    }
  }
  return { rules, findings };
}

/** A leg between two zones that no path joins: not one that stays inside its zone, which crosses no firewall. */
const hasNoPath = (leg: Leg): boolean => leg.hops.length === 0 && leg.zoneFrom !== leg.zoneTo;

/** The finding for a trusted-site or reference row: it concerns the target but yields no rule. */
export const nonNetworkFinding = (row: MatrixRow, targetId: string): Finding =>
  stageFindings.forTarget(targetId).raise(row.kind === 'trusted-site' ? 'trusted-site' : 'reference', { row });

/**
 * Human label of a rule for comments: `catalog/flow ref` plus the leg when the row goes through a proxy, then the
 * site's metadata for the row when it has some (`ticket CHG-1 owner net-team expires 2027-01-31`), made safe here
 * since it is the user's text; the platform's length limit may cut the end.
 */
export function ruleLabel(rule: FirewallRule): string {
  const leg = rule.row.legs.length > 1 ? ` leg ${rule.legIndex + 1}/${rule.row.legs.length}` : '';
  return flat([rule.row.catalog, '/', rule.row.flow, ' ref ', rule.row.ref, leg, metaLabel(rule.row.meta)], '');
}

/**
 * The parts as one string in one piece. A template literal makes a chain of partial strings (~128 bytes for an id
 * of 20 characters); every rule keeps its id and label through printing, ~65 MB more at 400k rules (bench/README.md,
 * "Generate speed and memory").
 */
const flat = (parts: readonly (string | number)[], separator: string): string => parts.join(separator);

const metaLabel = (meta: MatrixRow['meta']): string => {
  if (meta === undefined) return '';
  const parts = [
    meta.ticket && `ticket ${safeText(meta.ticket, 40)}`,
    meta.owner && `owner ${safeText(meta.owner, 40)}`,
    meta.expires && `expires ${meta.expires}`,
  ].filter(Boolean);
  return parts.length === 0 ? '' : ` ${parts.join(' ')}`;
};

/**
 * `ruleLabel` for rules in matrix order: one string for consecutive rules with the same label parts (the rows of one
 * flow, one per pair of bound roles; a rule keeps its label through printing).
 */
export function ruleLabels(): (rule: FirewallRule) => string {
  let last: FirewallRule | undefined;
  let label = '';
  return (rule) => {
    const a = last?.row;
    const b = rule.row;
    const same =
      a !== undefined &&
      a.meta === undefined &&
      b.meta === undefined &&
      a.catalog === b.catalog &&
      a.flow === b.flow &&
      a.ref === b.ref &&
      a.legs.length === b.legs.length &&
      last?.legIndex === rule.legIndex;
    if (!same) label = ruleLabel(rule);
    last = rule;
    return label;
  };
}

/** The rule as a target prints it: its origin flattened (label computed once), nothing pointing into the matrix. */
export const allowRule = (rule: CheckedRule): AllowRule => labelledAllowRule(rule, ruleLabel(rule));

/**
 * The hop index that ends a rule id (`<row key>:<leg>:<hop>`): its digits read in place, without the slice and
 * number parse per rule; anything else is left to `Number`, as before.
 */
function hopOfId(id: string): number {
  const colon = id.lastIndexOf(':');
  let hop = 0;
  for (let i = colon + 1; i < id.length; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9 || id.length - colon > 10) return Number(id.slice(colon + 1));
    hop = hop * 10 + digit;
  }
  return colon + 1 === id.length ? 0 : hop;
}

/** `allowRule` with its label already made (by `ruleLabels`, in a run of rules). */
export function labelledAllowRule(rule: CheckedRule, label: string): AllowRule {
  const { row } = rule;
  const origin: RuleOrigin = {
    key: row.key,
    catalog: row.catalog,
    flow: row.flow,
    ref: row.ref,
    purpose: row.purpose,
    leg: rule.legIndex,
    hop: hopOfId(rule.id),
    label,
  };
  // Same keys in the same order for every rule (one object shape); interfaces only when the site names them, in
  // the literal when it names both (the usual case): keys added later spill into a second block per rule.
  const out: Mutable<AllowRule> =
    rule.fromInterface !== undefined && rule.toInterface !== undefined
      ? {
          id: rule.id,
          origin,
          source: rule.source,
          destination: rule.destination,
          services: rule.services,
          fromZone: rule.hop.fromZone,
          toZone: rule.hop.toZone,
          fromInterface: rule.fromInterface,
          toInterface: rule.toInterface,
        }
      : {
          id: rule.id,
          origin,
          source: rule.source,
          destination: rule.destination,
          services: rule.services,
          fromZone: rule.hop.fromZone,
          toZone: rule.hop.toZone,
        };
  if (out.fromInterface === undefined && rule.fromInterface !== undefined) out.fromInterface = rule.fromInterface;
  if (out.toInterface === undefined && rule.toInterface !== undefined) out.toInterface = rule.toInterface;
  if (rule.natOriginal !== undefined) out.natOriginal = rule.natOriginal;
  // Most legs translate nothing: no search and no empty lists made per rule then.
  if (rule.leg.nat !== undefined && rule.leg.nat.length > 0) {
    const at = rule.leg.hops.indexOf(rule.hop);
    const nat = rule.leg.nat.filter((n) => n.firewall === rule.hop.firewall && n.hop === at);
    if (nat.length > 0) out.nat = nat;
  }
  return out;
}

/** A firewall's capability-checked slice as the ruleset its target prints. */
export const firewallRuleset = (
  site: FirewallRuleset['site'],
  firewall: string,
  rules: readonly CheckedRule[],
  nat?: NatContext,
  zones?: Pick<FirewallRuleset, 'zones' | 'siteCidrs'>,
): FirewallRuleset => rulesetOf(site, firewall, rules.map(allowRule), nat, zones);

/** The ruleset a target prints, from rules already made `allowRule`s. */
export const rulesetOf = (
  site: FirewallRuleset['site'],
  firewall: string,
  rules: AllowRule[],
  nat?: NatContext,
  zones?: Pick<FirewallRuleset, 'zones' | 'siteCidrs'>,
): FirewallRuleset => ({
  site: { id: site.id, title: site.title },
  firewall,
  rules,
  ...(nat ? { nat } : {}),
  ...(zones?.zones ? { zones: zones.zones, siteCidrs: zones.siteCidrs ?? [] } : {}),
});

/**
 * The zones `info` separates, with their interface, CIDRs and default flag, and the CIDRs of every zone of the site
 * (plain data).
 */
export function firewallZones(
  info: Pick<FirewallInfo, 'zones' | 'interfaces'> | undefined,
  zones: Matrix['zones'],
): Pick<FirewallRuleset, 'zones' | 'siteCidrs'> {
  if (!info) return {};
  const out: Record<string, FirewallZone> = {};
  for (const name of info.zones) {
    const zone = zones[name];
    const iface = info.interfaces[name];
    out[name] = {
      ...(iface !== undefined ? { interface: iface } : {}),
      cidrs: [...(zone?.cidrs ?? [])],
      default: zone?.default === true,
    };
  }
  return { zones: out, siteCidrs: Object.values(zones).flatMap((z) => z.cidrs) };
}

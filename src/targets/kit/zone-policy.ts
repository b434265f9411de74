import { CidrSet } from '../../net/cidr-set.js';
import { PortSet } from '../../net/port-set.js';
import { type IcmpMatch, makeRule, type Provenance, type Rule } from '../../ruleset/types.js';

/**
 * The read-back of a zone-based vendor policy (FortiOS, SRX): sides and services as the configuration names them,
 * with what the reader could not resolve kept apart, lowered into neutral rules. A side or a service is a pair of
 * sets: `definite`, what the policy matches for sure, and `superset`, what it may match (an FQDN member, a geography,
 * an undefined name widen the superset, never the definite part). Rules over the definite part decide; a rule over
 * the superset follows, marked opaque with its reasons, so a packet only the unresolved part could match is
 * indeterminate — never guessed either way.
 */
export interface SideMatch {
  readonly definite: CidrSet;
  readonly superset: CidrSet;
  readonly reasons: readonly string[];
}

/** One protocol/port combination a service matches; absent fields match everything. */
export interface ServicePiece {
  /** ICMP services are for one family (ICMP for IPv4, ICMPv6 for IPv6): they never match the other one. */
  readonly family?: 4 | 6;
  readonly protocols?: PortSet;
  readonly sourcePorts?: PortSet;
  readonly destinationPorts?: PortSet;
  readonly icmp?: readonly IcmpMatch[];
}

export interface ServiceMatch {
  readonly definite: readonly ServicePiece[];
  readonly superset: readonly ServicePiece[];
  readonly reasons: readonly string[];
}

export interface ZonePolicy {
  readonly source: SideMatch;
  readonly destination: SideMatch;
  readonly services: ServiceMatch;
  /** Absent: any zone or interface. */
  readonly fromZones?: readonly string[];
  readonly toZones?: readonly string[];
  readonly action: 'accept' | 'drop' | 'reject';
  /** Policy-wide matches not modelled (users, schedules): every rule of the policy is opaque. */
  readonly opaque: readonly string[];
  readonly provenance: Provenance;
}

export const familyAll = (family: 4 | 6): CidrSet => CidrSet.all().family(family);

/** A side built from resolved members: `unknown` lists members that may stand for any address of `unknownScope`. */
export function sideOf(known: CidrSet, reasons: readonly string[], unknownScope: CidrSet): SideMatch {
  return {
    definite: known,
    superset: reasons.length > 0 ? known.union(unknownScope) : known,
    reasons,
  };
}

export const unionSides = (sides: readonly SideMatch[]): SideMatch => ({
  definite: sides.reduce((a, s) => a.union(s.definite), CidrSet.empty()),
  superset: sides.reduce((a, s) => a.union(s.superset), CidrSet.empty()),
  reasons: sides.flatMap((s) => s.reasons),
});

/**
 * Every address of `scope` but the side's (`srcaddr-negate`, `source-address-excluded`). With unresolved members the
 * complement of the known part is only a superset: nothing is definite.
 */
export function negateSide(side: SideMatch, scope: CidrSet): SideMatch {
  const superset = scope.subtract(side.definite);
  return { definite: side.reasons.length > 0 ? CidrSet.empty() : superset, superset, reasons: side.reasons };
}

export const ANY_SERVICE: ServicePiece = {};

/** Services from resolved members; an unresolved one makes the superset every protocol. */
export function servicesOf(pieces: readonly ServicePiece[], reasons: readonly string[]): ServiceMatch {
  return { definite: pieces, superset: reasons.length > 0 ? [ANY_SERVICE] : pieces, reasons };
}

/** Pieces with the same ports and ICMP match merge their protocols (tcp/53 and udp/53 become one rule). */
export function mergePieces(pieces: readonly ServicePiece[]): ServicePiece[] {
  if (pieces.some((p) => p.protocols === undefined && !p.sourcePorts && !p.destinationPorts && !p.icmp && !p.family))
    return [ANY_SERVICE];
  const out: ServicePiece[] = [];
  const keyOf = (p: ServicePiece) =>
    `${p.sourcePorts?.toRanges().map((r) => `${r.from}-${r.to}`) ?? '*'}|${p.destinationPorts?.toRanges().map((r) => `${r.from}-${r.to}`) ?? '*'}|${p.icmp?.map((m) => `${m.type}/${m.code ?? '*'}`).join(',') ?? '*'}|${p.protocols === undefined}|${p.family ?? ''}`;
  const byKey = new Map<string, number>();
  for (const p of pieces) {
    const key = keyOf(p);
    const at = byKey.get(key);
    const prev = at === undefined ? undefined : out[at];
    if (at !== undefined && prev?.protocols && p.protocols) {
      out[at] = { ...prev, protocols: prev.protocols.union(p.protocols) };
    } else {
      byKey.set(key, out.length);
      out.push(p);
    }
  }
  return out;
}

/**
 * Neutral rules of one policy, in order: the definite rules (one per service piece), then, when something was not
 * resolved, the superset rules marked opaque.
 */
export function lowerZonePolicy(policy: ZonePolicy): Rule[] {
  const out: Rule[] = [];
  const reasons = [
    ...policy.opaque,
    ...policy.source.reasons,
    ...policy.destination.reasons,
    ...policy.services.reasons,
  ];
  if (policy.opaque.length === 0) {
    for (const piece of mergePieces(policy.services.definite)) {
      const rule = ruleOf(policy, policy.source.definite, policy.destination.definite, piece, []);
      if (rule) out.push(rule);
    }
  }
  if (reasons.length > 0) {
    for (const piece of mergePieces(policy.services.superset)) {
      const rule = ruleOf(policy, policy.source.superset, policy.destination.superset, piece, [...new Set(reasons)]);
      if (rule) out.push(rule);
    }
  }
  return out;
}

function ruleOf(
  policy: ZonePolicy,
  source: CidrSet,
  destination: CidrSet,
  piece: ServicePiece,
  opaque: readonly string[],
): Rule | undefined {
  // A packet has one family: only the families both sides hold can match.
  const families = ([4, 6] as const).filter(
    (f) => (piece.family ?? f) === f && !source.family(f).isEmpty() && !destination.family(f).isEmpty(),
  );
  if (families.length === 0) return undefined;
  const one = families.length === 1 ? (families[0] as 4 | 6) : undefined;
  const src = one === undefined ? source : source.family(one);
  const dst = one === undefined ? destination : destination.family(one);
  const all = one === undefined ? CidrSet.all() : familyAll(one);
  return makeRule({
    family: one,
    source: src.equals(all) ? undefined : src,
    destination: dst.equals(all) ? undefined : dst,
    protocols: piece.protocols,
    sourcePorts: piece.sourcePorts,
    destinationPorts: piece.destinationPorts,
    icmp: piece.icmp,
    fromZones: policy.fromZones,
    toZones: policy.toZones,
    opaque: opaque.length > 0 ? opaque : undefined,
    verdict: { kind: policy.action },
    provenance: policy.provenance,
  });
}

/** Answers of sessions a policy let through: stateful firewalls pass them before any policy is looked at. */
export const SESSION_RULE: Rule = {
  states: ['established', 'related'],
  verdict: { kind: 'accept' },
  provenance: { comment: 'return traffic of sessions a policy allowed (stateful)' },
};

export const portRange = (from: number, to = from): PortSet => PortSet.fromRanges([{ from, to }]);

import type { Finding } from '../../model/finding.js';
import { type Issue, issue } from '../../model/issues.js';
import type { Address, Endpoint, PortRange, ServiceMatch } from '../../model/matrix.js';
import { type Text, text } from '../../model/text.js';
import { PORTED_PROTOCOLS } from '../../model/vocab.js';
import { EndpointTable, type EndpointValues, type ParsedEndpoint } from '../../ruleset/endpoint-values.js';
import { isHostPattern } from '../kit/escape.js';
import type { FindingParams } from '../kit/findings.js';
import { onRow } from '../kit/findings.js';
import { type DropReason, type StageFindings, stageFindings } from './findings.js';
import { expandIcmpFamilies } from './icmp-family.js';
import type { FirewallRule } from './rules.js';
import type { Capabilities, Target } from './target.js';

/** A rule the target can express, its sides parsed (see `EndpointValues`). */
export interface CheckedRule extends FirewallRule {
  readonly source: ParsedEndpoint;
  readonly destination: ParsedEndpoint;
}

export interface CapabilityCheck {
  /** Rules the target can render, possibly with fewer addresses or services (each removal is a finding). */
  readonly rules: CheckedRule[];
  readonly findings: Finding[];
  /** Errors: rules that cannot be generated at all for a reason the site must fix (unbound roles). */
  readonly issues: Issue[];
}

/** What the stage advises instead of an address kind a target cannot express (a target may override it). */
const INSTEAD: Record<DropReason, Text> = {
  fqdn: {
    fr: 'lister les adresses dans le site, ou passer par le proxy (PAC/Squid)',
    en: 'list the addresses in the site, or use the proxy (PAC/Squid)',
  },
  'wildcard-fqdn': {
    fr: 'passer par le proxy (PAC/Squid) ou lister les adresses',
    en: 'use the proxy (PAC/Squid) or list the addresses',
  },
  url: { fr: 'passer par le proxy (PAC/Squid)', en: 'use the proxy (PAC/Squid)' },
  ipv6: { fr: 'utiliser une cible qui gère IPv6', en: 'use a target that handles IPv6' },
  k8s: { fr: 'utiliser la cible kubernetes', en: 'use the kubernetes target' },
  'invalid-address': {
    fr: 'corriger l’adresse dans le catalogue ou le site',
    en: 'fix the address in the catalog or the site',
  },
};

const PROXY_LEG_INSTEAD: Text = {
  fr: 'le proxy filtre ces noms (generate --target squid) ; déclarer proxy.egress: by-port dans le site pour l’ouvrir vers la zone sur ces ports, ou lister les adresses publiées de ces services, ou utiliser un pare-feu qui gère les noms',
  en: 'the proxy filters these names (generate --target squid); declare proxy.egress: by-port in the site to let it out to the zone on these ports, or list the published addresses of these services, or use a firewall that handles names',
};

const display = (a: Address): string =>
  a.kind === 'any' ? 'any' : a.kind === 'k8s' ? `k8s:${a.selector.namespace}` : a.value;

function unsupported(a: Address, caps: Capabilities, invalid: readonly string[]): DropReason | undefined {
  switch (a.kind) {
    case 'any':
      return undefined;
    case 'cidr':
      if (invalid.length > 0 && invalid.includes(a.value)) return 'invalid-address';
      return a.family === 6 && !caps.ipv6 ? 'ipv6' : undefined;
    // Names reach configs bare (ASA, PAN-OS, SRX objects): one that is not a DNS name is never written.
    case 'fqdn':
      if (!caps.fqdn) return 'fqdn';
      return isHostPattern(a.value) && !a.value.startsWith('*.') ? undefined : 'invalid-address';
    case 'wildcard':
      if (!caps.wildcardFqdn) return 'wildcard-fqdn';
      return isHostPattern(a.value) && a.value.startsWith('*.') ? undefined : 'invalid-address';
    case 'url':
      return caps.url ? undefined : 'url';
    case 'k8s':
      return caps.k8s ? undefined : 'k8s';
  }
}

/** `any` anywhere in the list means the whole side is any: never mix it with narrower addresses. */
const collapseAny = (addresses: readonly Address[]): readonly Address[] =>
  addresses.some((a) => a.kind === 'any') ? [{ kind: 'any' }] : addresses;

/** The error for a side with no address at all: the site must bind the role, no rule can stand for it. */
export const unboundRole = (rule: FirewallRule, side: 'source' | 'destination', targetId: string): Issue =>
  issue(
    'unbound-role',
    ['rows', rule.row.key, side],
    text(
      `flux ${rule.row.catalog}/${rule.row.flow} : le rôle "${rule[side].role}" (${side}) n’a aucune adresse, aucune règle ne peut être générée pour ${targetId}`,
      `flow ${rule.row.catalog}/${rule.row.flow}: role "${rule[side].role}" (${side}) has no address, no rule can be generated for ${targetId}`,
    ),
    text(
      `liez le rôle "${rule[side].role}" à des hôtes, des groupes ou des zones dans le site`,
      `bind role "${rule[side].role}" to hosts, groups or zones in the site`,
    ),
  );

/**
 * For each rule, what it needs that `target` cannot express. Fail closed: an address or service the target cannot
 * express is removed *and reported*; a side left empty would read as "any", so the whole rule is withheld and
 * reported instead. Nothing is ever widened.
 */
export function checkCapabilities(
  rules: readonly FirewallRule[],
  target: Pick<Target, 'id' | 'capabilities'>,
): CapabilityCheck {
  const kept: CheckedRule[] = [];
  const { findings, issues } = checkEachRule(rules, target, (rule) => kept.push(rule));
  return { rules: kept, findings, issues };
}

/**
 * `checkCapabilities` handing each rule the target can express to `each`, in order, instead of listing them: a
 * caller that turns them into something else at once keeps no list of checked rules (generate: ~100 MB at 400k
 * rules, promoted and copied by the garbage collector, then dropped).
 */
export function checkEachRule(
  rules: readonly FirewallRule[],
  target: Pick<Target, 'id' | 'capabilities'>,
  each: (rule: CheckedRule) => void,
): Omit<CapabilityCheck, 'rules'> {
  const out: CapabilityCheck = { rules: [], findings: [], issues: [] };
  const check = new RuleCheck(target, out);
  for (const rule of rules) {
    const checked = check.rule(rule);
    if (checked) each(checked);
  }
  return { findings: out.findings, issues: out.issues };
}

/**
 * The check of one target's rules, one rule at a time. Methods rather than closures made per rule: a firewall
 * has thousands of rules, and the closures (with their findings helper) were a good part of the check's cost.
 */
class RuleCheck {
  private readonly caps: Capabilities;
  /** Each distinct endpoint parsed once, and checked once, by content. */
  private readonly endpoints = new EndpointTable();
  private readonly sides = new Map<string, CheckedSide>();
  /** The rule being checked (its row is what the findings are about). */
  private current: FirewallRule | undefined;
  private readonly findings: typeof stageFindings;

  constructor(
    private readonly target: Pick<Target, 'id' | 'capabilities'>,
    private readonly out: CapabilityCheck,
  ) {
    this.caps = target.capabilities;
    this.findings = stageFindings.forTarget(target.id);
  }

  /** The stage's finding `id` about the rule being checked. */
  find<K extends keyof StageFindings & string>(id: K, params: Omit<FindingParams<StageFindings, K>, 'row'>): void {
    const row = (this.current as FirewallRule).row;
    this.out.findings.push(this.findings.raise(id, { ...params, row } as FindingParams<StageFindings, K>));
  }

  rule(rule: FirewallRule): CheckedRule | undefined {
    this.current = rule;
    const { out, target } = this;
    const sourceUnbound = rule.source.addresses.length === 0;
    const destinationUnbound = rule.destination.addresses.length === 0;
    if (sourceUnbound) out.issues.push(unboundRole(rule, 'source', target.id));
    if (destinationUnbound) out.issues.push(unboundRole(rule, 'destination', target.id));
    if (sourceUnbound || destinationUnbound) return undefined;

    const source = this.keepSide(rule, rule.source, 'source');
    const destination = this.keepSide(rule, rule.destination, 'destination');
    if (!source || !destination) return undefined;

    const src = source.values;
    const dst = destination.values;
    if (!commonFamily(src, dst, 4) && !commonFamily(src, dst, 6)) {
      this.find('family-mismatch', {});
      return undefined;
    }

    const wanted = this.bothFamilies(rule.services, src, dst);
    let services = wanted;
    for (let i = 0; i < wanted.length; i++) {
      const s = wanted[i] as ServiceMatch;
      const keep = keepService(s, this.caps, src, dst, this);
      // Copy only once something is dropped: the usual rule keeps its own list, which the printers compare with
      // the previous rule's at once when it is the same array (they regroup only when the lists differ).
      if (!keep && services === wanted) services = wanted.slice(0, i);
      else if (keep && services !== wanted) (services as ServiceMatch[]).push(s);
    }
    if (services.length === 0) {
      if (rule.services.length === 0) {
        this.find('no-service', {});
      }
      return undefined;
    }
    // One object shape for every rule (a spread was most of the copy's cost).
    const checked: { -readonly [K in keyof CheckedRule]: CheckedRule[K] } = {
      id: rule.id,
      row: rule.row,
      legIndex: rule.legIndex,
      leg: rule.leg,
      hop: rule.hop,
      source,
      destination,
      services,
    };
    if (rule.fromInterface !== undefined) checked.fromInterface = rule.fromInterface;
    if (rule.toInterface !== undefined) checked.toInterface = rule.toInterface;
    if (rule.natOriginal !== undefined) checked.natOriginal = rule.natOriginal;
    return checked;
  }

  /** The rule's services with ICMP opened in every family both ends have (see icmp-family.ts). */
  private bothFamilies(
    services: readonly ServiceMatch[],
    src: EndpointValues,
    dst: EndpointValues,
  ): readonly ServiceMatch[] {
    if (!services.some(isIcmp)) return services;
    const v4 = commonFamily(src, dst, 4);
    const v6 = commonFamily(src, dst, 6);
    const expansion = expandIcmpFamilies(services, { v4, v6 }, (p) => this.caps.protocols.includes(p));
    for (const { service, family } of expansion.missing) {
      const spec = `${service.protocol}/${service.icmpType}`;
      this.find('icmp-family', { spec, name: service.name, family });
    }
    return expansion.services;
  }

  private keepSide(rule: FirewallRule, ep: Endpoint, side: 'source' | 'destination'): ParsedEndpoint | undefined {
    const parsed = this.endpoints.parsed(ep);
    let checked = this.sides.get(parsed.values.key);
    if (!checked) {
      checked = checkSide(parsed, this.caps, this.endpoints);
      this.sides.set(parsed.values.key, checked);
    }
    if (checked.dropped.size === 0) return checked.endpoint;
    // On the proxy's own way out, "use the proxy" is no advice: the proxy filters names, the firewall needs addresses.
    const proxyLeg = rule.leg.viaProxy && rule.legIndex > 0;
    const key = proxyLeg ? `${side}|proxy` : side;
    let notes = checked.notes.get(key);
    if (!notes) {
      notes = sideNotes(checked, ep, side, proxyLeg, this.findings, this.caps);
      checked.notes.set(key, notes);
    }
    for (const n of notes) this.out.findings.push(onRow(n, rule.row));
    return checked.endpoint;
  }
}

/**
 * What a side's dropped addresses say, the same for every rule of that endpoint on that side: raised once without a
 * row, placed on each rule's row by `onRow`.
 */
function sideNotes(
  checked: CheckedSide,
  ep: Endpoint,
  side: 'source' | 'destination',
  proxyLeg: boolean,
  findings: typeof stageFindings,
  caps: Capabilities,
): Finding[] {
  const whole = checked.kept.length === 0;
  const override: Partial<Record<DropReason, Text>> = caps.instead ?? {};
  return [...checked.dropped].map(([reason, values]) => {
    const instead =
      proxyLeg && (reason === 'fqdn' || reason === 'wildcard-fqdn' || reason === 'url')
        ? PROXY_LEG_INSTEAD
        : (override[reason] ?? INSTEAD[reason]);
    return findings.raise(reason, { target: findings.target, side, role: ep.role, values, whole, instead });
  });
}

const isIcmp = (s: ServiceMatch): boolean => s.protocol === 'icmp' || s.protocol === 'icmpv6';

/** Can a packet of family `f` match this side? Names and `any` match either family. */
const hasFamily = (side: EndpointValues, f: 4 | 6): boolean =>
  side.any || side.named || (f === 4 ? side.v4.length > 0 : side.v6.length > 0);

/** Can a packet of family `f` match both sides? */
const commonFamily = (src: EndpointValues, dst: EndpointValues, f: 4 | 6): boolean =>
  hasFamily(src, f) && hasFamily(dst, f);

/** What the target keeps of one endpoint, and what it drops by reason (the findings are per rule). */
interface CheckedSide {
  readonly kept: readonly Address[];
  readonly dropped: ReadonlyMap<DropReason, readonly string[]>;
  /** The endpoint with the kept addresses; undefined when none is left. */
  readonly endpoint: ParsedEndpoint | undefined;
  /** The findings its dropped addresses give, by side (and proxy leg): see `sideNotes`. */
  readonly notes: Map<string, readonly Finding[]>;
}

const NOTHING_DROPPED: ReadonlyMap<DropReason, readonly string[]> = new Map();

function checkSide(ep: ParsedEndpoint, caps: Capabilities, endpoints: EndpointTable): CheckedSide {
  const { invalid } = ep.values;
  if (allSupported(ep.addresses, caps, invalid))
    return { kept: ep.addresses, dropped: NOTHING_DROPPED, endpoint: ep, notes: new Map() };
  const kept: Address[] = [];
  const dropped = new Map<DropReason, string[]>();
  for (const a of collapseAny(ep.addresses)) {
    const reason = unsupported(a, caps, invalid);
    if (reason === undefined) kept.push(a);
    else dropped.set(reason, [...(dropped.get(reason) ?? []), display(a)]);
  }
  const endpoint = kept.length === 0 ? undefined : endpoints.parsed({ ...withoutValues(ep), addresses: kept });
  return { kept, dropped, endpoint, notes: new Map() };
}

/** The endpoint as the matrix has it (a kept copy must not carry the values of the whole side). */
const withoutValues = ({ values: _, ...ep }: ParsedEndpoint): Endpoint => ep;

/** Nothing to drop and no `any` to collapse: the side is kept as it is. */
function allSupported(addresses: readonly Address[], caps: Capabilities, invalid: readonly string[]): boolean {
  for (const a of addresses) {
    if (unsupported(a, caps, invalid) !== undefined) return false;
    if (a.kind === 'any' && addresses.length > 1) return false;
  }
  return true;
}

function keepService(
  s: ServiceMatch,
  caps: Capabilities,
  src: EndpointValues,
  dst: EndpointValues,
  check: Pick<RuleCheck, 'find'>,
): boolean {
  if (!caps.protocols.includes(s.protocol)) {
    check.find('protocol', { protocol: s.protocol, name: s.name });
    return false;
  }
  if (PORTED_PROTOCOLS.has(s.protocol) && s.ports.length === 0) {
    check.find('no-ports', { protocol: s.protocol, name: s.name });
    return false;
  }
  const badPort = invalidPort(s.ports);
  if (badPort) {
    check.find('invalid-port', { name: s.name, from: badPort.from, to: badPort.to });
    return false;
  }
  if (!caps.portRanges && hasRange(s.ports)) {
    check.find('port-range', { name: s.name });
    return false;
  }
  const needs = s.protocol === 'icmp' ? 4 : s.protocol === 'icmpv6' ? 6 : undefined;
  if (needs !== undefined && !commonFamily(src, dst, needs)) {
    check.find('family-mismatch', { service: { protocol: s.protocol, name: s.name, family: needs } });
    return false;
  }
  return true;
}

/** The first port range outside 1–65535 or reversed. A loop, not `find` with a closure made per service of each rule. */
function invalidPort(ports: readonly PortRange[]): PortRange | undefined {
  for (const p of ports)
    if (!(Number.isInteger(p.from) && Number.isInteger(p.to) && p.from >= 1 && p.from <= p.to && p.to <= 65535))
      return p;
  return undefined;
}

function hasRange(ports: readonly PortRange[]): boolean {
  for (const p of ports) if (p.from !== p.to) return true;
  return false;
}

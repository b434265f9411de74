import { fail, type Issue, ok, type Result } from '../../../model/issues.js';
import { CidrSet } from '../../../net/cidr-set.js';
import { configIssue, type ReadOptions } from '../../../ruleset/config-file.js';
import {
  type Chain,
  makeRule,
  type NamedObject,
  type Provenance,
  placedInterfaces,
  type Rule,
  type Ruleset,
  type Verdict,
} from '../../../ruleset/types.js';
import {
  INERT_FIELDS,
  NARROWING_FIELDS,
  type PanosDefaultRule,
  type PanosDocument,
  type PanosRule,
  RULE_FIELDS,
} from './model.js';
import { lowerPanosNat, NAT_CHAIN } from './nat.js';
import { Resolver } from './objects.js';
import { pickPolicy } from './policy.js';
import { panosRoutes } from './routes.js';
import { type ServicePart, serviceParts } from './services.js';

const CHAIN = 'security';
const ACTIONS: Readonly<Record<string, Verdict['kind']>> = {
  allow: 'accept',
  deny: 'drop',
  drop: 'drop',
  'reset-client': 'reject',
  'reset-server': 'reject',
  'reset-both': 'reject',
};

interface AddressPart {
  readonly set?: CidrSet;
  readonly opaque?: readonly string[];
}

interface ZonePair {
  readonly from?: readonly string[];
  readonly to?: readonly string[];
}

const anyOf = (list: readonly string[]): boolean => list.length === 0 || list.includes('any');

/**
 * A PAN-OS policy as one chain: answers of allowed sessions first, then the security rules in the order the device
 * meets them (Panorama pre-rules, the device's, Panorama post-rules), each as the union of its parts (a rule naming
 * an FQDN next to a network is a definite rule for the network and an uninterpreted one for the name), then
 * `intrazone-default` for each zone the configuration names and `interzone-default` for the rest. Zones are the
 * rule's `fromZones`/`toZones`. Disabled rules are left out, with a warning. The NAT rulebase is the ruleset's
 * destination stage (see `nat.ts`).
 */
export function lowerPanos(doc: PanosDocument, options: ReadOptions = {}): Result<Ruleset> {
  const issues: Issue[] = [];
  const policy = pickPolicy(doc, options.scope);
  if (!policy.ok) return policy;
  const { scope, rules, nat } = policy.value;
  const resolver = new Resolver(doc, scope, issues);
  // Every definition is read once, used or not: a broken object is an error wherever it sits.
  for (const s of doc.scopes.values()) {
    const r = s.name === scope ? resolver : new Resolver(doc, s.name, issues);
    for (const name of [...s.addresses.keys(), ...s.addressGroups.keys()]) r.address(name);
    for (const name of [...s.services.keys(), ...s.serviceGroups.keys()]) r.service(name);
  }
  const zones = knownZones(doc, rules);
  const out: Rule[] = [
    {
      states: ['established', 'related'],
      verdict: { kind: 'accept' },
      provenance: { comment: 'answers of allowed sessions' },
    },
  ];
  const lowering = new RuleLowering(doc, resolver, zones, issues);
  for (const rule of rules) out.push(...lowering.rule(rule));
  const intrazone = defaultVerdict(doc, doc.defaults.intrazone, 'allow', issues);
  const interzone = defaultVerdict(doc, doc.defaults.interzone, 'deny', issues);
  for (const zone of zones) {
    out.push({
      fromZones: [zone],
      toZones: [zone],
      verdict: { kind: intrazone },
      provenance: defaultProvenance(doc, 'intrazone-default', doc.defaults.intrazone),
    });
  }
  out.push({
    verdict: { kind: interzone },
    provenance: defaultProvenance(doc, 'interzone-default', doc.defaults.interzone),
  });
  const natRules = lowerPanosNat(doc, resolver, nat, issues);
  if (issues.some((i) => i.severity === 'error')) return fail(issues);
  const chains: Record<string, Chain> = { [CHAIN]: { name: CHAIN, rules: out } };
  // A packet no NAT rule matches goes on as it came (the NAT chain's policy keeps it).
  if (natRules.length > 0) chains[NAT_CHAIN] = { name: NAT_CHAIN, rules: natRules, policy: 'accept' };
  const ruleset: Ruleset = {
    entry: CHAIN,
    chains,
    objects: namedObjects(doc, resolver),
    defaultAction: interzone === 'accept' ? 'accept' : interzone === 'reject' ? 'reject' : 'drop',
    ...(natRules.length > 0 ? { nat: { destination: [NAT_CHAIN], filterMatches: 'original' as const } } : {}),
    // An interface two zones list is left out: tried in each zone, as one the configuration does not place.
    ...placedInterfaces(
      [...doc.interfaceZones].flatMap(([name, zone]): [string, string][] => (zone === null ? [] : [[name, zone]])),
    ),
    ...panosRoutes(doc),
  };
  return ok(ruleset, issues);
}

class RuleLowering {
  constructor(
    private readonly doc: PanosDocument,
    private readonly resolver: Resolver,
    private readonly zones: readonly string[],
    private readonly issues: Issue[],
  ) {}

  rule(r: PanosRule): Rule[] {
    const f = (k: string) => r.fields.get(k) ?? [];
    if (f('disabled')[0] === 'yes') {
      this.issues.push({
        ...configIssue(this.doc.file, r.line, `security rule ${r.name} is disabled: not applied`),
        severity: 'warning',
      });
      return [];
    }
    const action = f('action')[0];
    const kind = action === undefined ? undefined : ACTIONS[action];
    if (kind === undefined) {
      this.issues.push(
        configIssue(
          this.doc.file,
          r.line,
          action === undefined
            ? `security rule ${r.name} has no action`
            : `security rule ${r.name}: unknown action "${action}"`,
          'allow, deny, drop, reset-client, reset-server or reset-both',
        ),
      );
      return [];
    }
    const opaque = this.uninterpreted(r);
    const sources = this.addressParts(f('source'), f('negate-source')[0] === 'yes');
    const destinations = this.addressParts(f('destination'), f('negate-destination')[0] === 'yes');
    const services = serviceParts(this.resolver, f('service'), f('application'), this.doc.applicationOverride[0]?.line);
    const description = f('description')[0];
    const provenance: Provenance = {
      file: this.doc.file,
      line: r.line,
      text: r.text,
      comment: description ? `${r.name}: ${description}` : r.name,
    };
    const out: Rule[] = [];
    for (const zones of this.zonePairs(r))
      for (const s of sources)
        for (const d of destinations)
          for (const svc of services) out.push(build(zones, s, d, svc, opaque, kind, provenance));
    return out;
  }

  /** Matches the rule has that addresses and ports do not describe. */
  private uninterpreted(r: PanosRule): string[] {
    const out: string[] = [];
    for (const [field, values] of r.fields) {
      if (RULE_FIELDS.has(field) || INERT_FIELDS.has(field)) continue;
      if (NARROWING_FIELDS.has(field)) {
        if (field === 'schedule' || !anyOf(values)) out.push(`${field} ${values.join(', ')}`);
      } else out.push(`${field} (not interpreted)`);
    }
    if (r.target) {
      const devices = r.target.devices.join(', ');
      out.push(r.target.negate ? `applies to every device but ${devices}` : `applies only to devices ${devices}`);
    }
    return out;
  }

  /** A negated side is every address but the named ones (over-approximated when a name is not known). */
  private addressParts(members: readonly string[], negate: boolean): AddressPart[] {
    if (anyOf(members)) return negate ? [{ set: CidrSet.empty() }] : [{}];
    let set = CidrSet.empty();
    const opaque: string[] = [];
    for (const m of members) {
      const v = this.resolver.address(m);
      set = set.union(v.set);
      opaque.push(...v.opaque);
    }
    if (negate) {
      const rest = CidrSet.all().subtract(set);
      return opaque.length > 0 ? [{ set: rest, opaque: opaque.map((o) => `negated: ${o}`) }] : [{ set: rest }];
    }
    const parts: AddressPart[] = [];
    if (!set.isEmpty() || opaque.length === 0) parts.push({ set });
    if (opaque.length > 0) parts.push({ opaque });
    return parts;
  }

  /** `rule-type` universal (zones as listed), intrazone (each zone to itself), interzone (each zone to the others). */
  private zonePairs(r: PanosRule): ZonePair[] {
    const from = r.fields.get('from') ?? [];
    const to = r.fields.get('to') ?? [];
    const type = r.fields.get('rule-type')?.[0] ?? 'universal';
    const fromList = anyOf(from) ? undefined : from;
    const toList = anyOf(to) ? undefined : to;
    if (type === 'intrazone') return (fromList ?? this.zones).map((z) => ({ from: [z], to: [z] }));
    if (type === 'interzone') {
      return (fromList ?? this.zones)
        .map((z) => ({ from: [z], to: (toList ?? this.zones).filter((t) => t !== z) }))
        .filter((p) => p.to.length > 0);
    }
    return [{ ...(fromList ? { from: fromList } : {}), ...(toList ? { to: toList } : {}) }];
  }
}

function build(
  zones: ZonePair,
  s: AddressPart,
  d: AddressPart,
  svc: ServicePart,
  opaque: readonly string[],
  kind: Verdict['kind'],
  provenance: Provenance,
): Rule {
  const reasons = [...opaque, ...(s.opaque ?? []), ...(d.opaque ?? []), ...(svc.opaque ?? [])];
  return makeRule({
    states: ['new'],
    fromZones: zones.from,
    toZones: zones.to,
    source: s.set,
    destination: d.set,
    protocols: svc.protocols,
    destinationPorts: svc.ports,
    sourcePorts: svc.sourcePorts,
    opaque: reasons.length > 0 ? [...new Set(reasons)] : undefined,
    verdict: { kind } as Verdict,
    provenance,
  });
}

/** Zones the configuration defines, then those its rules name (a `set` file of rules alone defines none). */
function knownZones(doc: PanosDocument, rules: readonly PanosRule[]): string[] {
  const out = new Set(doc.zones.keys());
  for (const r of rules)
    for (const z of [...(r.fields.get('from') ?? []), ...(r.fields.get('to') ?? [])]) if (z !== 'any') out.add(z);
  return [...out];
}

function defaultVerdict(
  doc: PanosDocument,
  rule: PanosDefaultRule | undefined,
  predefined: string,
  issues: Issue[],
): 'accept' | 'drop' | 'reject' {
  const kind = ACTIONS[rule?.action ?? predefined];
  if (kind === 'accept' || kind === 'drop' || kind === 'reject') return kind;
  issues.push(
    configIssue(
      doc.file,
      rule?.line ?? 1,
      `default rule: unknown action "${rule?.action}"`,
      'allow, deny, drop or reset-*',
    ),
  );
  return 'drop';
}

const defaultProvenance = (doc: PanosDocument, name: string, rule: PanosDefaultRule | undefined): Provenance =>
  rule
    ? { file: doc.file, line: rule.line, text: rule.text, comment: name }
    : { text: `${name} (predefined: ${name === 'intrazone-default' ? 'allow' : 'deny'})`, comment: name };

/** Address objects, groups and services of the policy's scopes, most specific first. */
function namedObjects(doc: PanosDocument, resolver: Resolver): NamedObject[] {
  const out: NamedObject[] = [];
  for (const scope of resolver.scopes()) {
    for (const o of [...scope.addresses.values(), ...scope.addressGroups.values()]) {
      const v = resolver.address(o.name);
      const provenance: Provenance = { file: doc.file, line: o.line, text: o.text };
      out.push(
        v.opaque.length === 0
          ? { name: o.name, kind: 'addresses', addresses: v.set, provenance }
          : { name: o.name, kind: 'addresses', provenance },
      );
    }
    for (const o of [...scope.services.values(), ...scope.serviceGroups.values()])
      out.push({ name: o.name, kind: 'services', provenance: { file: doc.file, line: o.line, text: o.text } });
  }
  return out;
}

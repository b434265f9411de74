import type { Finding } from '../../model/finding.js';
import { fail, type Issue, issue, ok, type Result } from '../../model/issues.js';
import { text } from '../../model/text.js';
import { isHost, networkAddress, type Prefix, v4Netmask } from '../../net/prefixes.js';
import type { ParsedEndpoint } from '../../ruleset/endpoint-values.js';
import type { AllowRule, FirewallRuleset } from '../../ruleset/firewall.js';
import { append } from '../../util/append.js';
import { getOrMake } from '../../util/memo.js';
import type { TargetOutput } from '../generate/target.js';
import { safeText } from '../kit/escape.js';
import { flowsOf } from '../kit/flow-labels.js';
import { createNamer, fileName } from '../kit/names.js';
import { endpointParts, type Member, memberParts, ObjectPool, sideMembers } from '../kit/objects.js';
import { COEXIST_PREFIX } from '../kit/placement.js';
import { type ProtocolGroup, protocolGroups } from '../kit/plan.js';
import { ASA_CAPABILITIES, ASA_NAME_RULES, isAsaInterfaceName } from './capabilities.js';
import { type Egress, EgressLimits, limited, reach, zonesOf } from './egress.js';
import { asaNatLines } from './nat.js';
import type { AsaOptions } from './options.js';

/** The body line of an `object network`: `host a`, `subnet a mask` (IPv4) or `subnet a/len` (IPv6). */
function prefixBody(p: Prefix): string {
  const addr = networkAddress(p);
  if (isHost(p)) return `host ${addr}`;
  return p.family === 4 ? `subnet ${addr} ${v4Netmask(p.bits)}` : `subnet ${addr}/${p.bits}`;
}

/** ASA resolves an FQDN object for one family: a name gets a `v4` and a `v6` object so neither family is lost. */
const objectBodies = (m: Member): { suffix: string; body: string }[] =>
  m.kind === 'prefix'
    ? [{ suffix: '', body: prefixBody(m.prefix) }]
    : [
        { suffix: 'v4', body: `fqdn v4 ${m.value}` },
        { suffix: 'v6', body: `fqdn v6 ${m.value}` },
      ];

/** `service-object` lines of one protocol group; ranges are kept whole (`range a b`), never widened. */
function serviceObjects(group: ProtocolGroup): string[] {
  const { protocol } = group;
  if (protocol === 'tcp' || protocol === 'udp' || protocol === 'sctp') {
    return group.ports.map(
      (p) => `service-object ${protocol} destination ${p.from === p.to ? `eq ${p.from}` : `range ${p.from} ${p.to}`}`,
    );
  }
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    const keyword = protocol === 'icmp' ? 'icmp' : 'icmp6';
    return group.icmpTypes === 'all'
      ? [`service-object ${keyword}`]
      : group.icmpTypes.map((t) => `service-object ${keyword} ${t}`);
  }
  return [`service-object ${protocol}`];
}

class AsaObjects {
  constructor(private readonly prefix: readonly string[]) {}
  private readonly namer = createNamer(ASA_NAME_RULES);
  readonly networks = new ObjectPool<string>(this.namer);
  readonly groups = new ObjectPool<string[]>(this.namer);
  readonly services = new ObjectPool<string[]>(this.namer);

  /** A role's rules share its endpoint: the side is worked out once per endpoint per render. */
  private readonly sides = new Map<string, string>();

  /** `any`, `object <name>` or `object-group <name>` for one side of a rule. */
  side(ep: ParsedEndpoint): string {
    return getOrMake(this.sides, ep.values.key, () => this.sideOf(ep));
  }

  private sideOf(ep: ParsedEndpoint): string {
    const members = sideMembers(ep);
    if (members === 'any') return 'any';
    const names = members.flatMap((m) =>
      objectBodies(m).map(({ suffix, body }) =>
        this.networks.name([...this.prefix, ...memberParts(m), ...(suffix ? [suffix] : [])], `net|${body}`, body),
      ),
    );
    if (names.length === 1) return `object ${names[0]}`;
    return `object-group ${this.groups.name([...this.prefix, ...endpointParts(ep)], `grp|${names.join(',')}`, names)}`;
  }

  service(rule: AllowRule): string {
    const groups = protocolGroups(rule.services);
    const lines = groups.flatMap(serviceObjects);
    const parts = [...new Set(rule.services.map((s) => s.name))].slice(0, 2);
    return `object-group ${this.services.name([...this.prefix, ...parts], `svc|${lines.join(';')}`, lines)}`;
  }
}

export function printAsa(slice: FirewallRuleset, options: AsaOptions = {}): Result<TargetOutput> {
  const suffix = options.aclSuffix ?? '_access_in';
  // coexist: our ACLs and objects are named `fm_…`, and the file clears exactly those before it defines them again.
  const coexist = options.mode === 'coexist';
  const prefix = coexist ? `${COEXIST_PREFIX}_` : '';
  const bind = options.accessGroup !== false;
  const objects = new AsaObjects(coexist ? [COEXIST_PREFIX] : []);
  const issues: Issue[] = [];
  const findings: Finding[] = [];
  const zones = zonesOf(slice);
  const egress = new EgressLimits(zones, slice.siteCidrs);
  /** ACL lines by ingress interface, in rule order. */
  const acls = new Map<string, string[]>();
  const printed: { rule: AllowRule; iface: string; egress: Egress }[] = [];
  for (const rule of slice.rules) {
    const iface = rule.fromInterface ?? rule.fromZone;
    if (!isAsaInterfaceName(iface)) {
      issues.push(badNameif(slice.firewall, iface));
      continue;
    }
    const kept = egress.of(rule);
    if (kept.kind === 'withheld') findings.push(kept.finding);
    else printed.push({ rule, iface, egress: kept });
  }
  // What each printed rule's destination may reach, worked out once (a deny must not hide a later rule's).
  const reaches = new Map<number, ReturnType<typeof reach>>();
  const reachOf = (k: number) =>
    getOrMake(reaches, k, () => {
      const p = printed[k] as (typeof printed)[number];
      return reach(p.egress.kind === 'limited' ? p.egress.destination : p.rule.destination);
    });
  for (const [i, { rule, iface, egress: kept }] of printed.entries()) {
    const acl = `${prefix}${iface}${suffix}`;
    const lines = getOrMake(acls, iface, (): string[] => []);
    const [service, src] = [objects.service(rule), objects.side(rule.source)];
    // One remark per flow the rule opens for (a remark holds 100 characters; an entry may follow several).
    for (const flow of flowsOf(rule)) {
      lines.push(`access-list ${acl} remark ${safeText(flow.label, ASA_CAPABILITIES.maxCommentLength)}`);
    }
    if (kept.kind === 'limited') {
      const zone = safeText(rule.toZone, 40);
      lines.push(`access-list ${acl} remark destination kept to zone ${zone}: the ACL filters on ingress only`);
    }
    // The shorter exact form (egress.ts): a deny of what is taken out, when no later rule of this ACL reaches it.
    const denyFirst =
      kept.kind === 'limited' &&
      kept.removed.toCidrs().length < kept.kept.toCidrs().length &&
      !printed.slice(i + 1).some((p, j) => p.iface === iface && reachOf(i + 1 + j).overlaps(kept.removed));
    if (kept.kind === 'limited' && denyFirst) {
      // Named after what it holds: the addresses out of the zone (no name of the destination's: those stay allowed).
      const out = { ...rule.destination, role: `not-${rule.toZone}`, bindings: [], addresses: [] };
      const denied = objects.side(limited(out, kept.removed));
      lines.push(`access-list ${acl} extended deny ${service} ${src} ${denied}`);
    }
    const destination = kept.kind === 'limited' && !denyFirst ? kept.destination : rule.destination;
    lines.push(`access-list ${acl} extended permit ${service} ${src} ${objects.side(destination)}`);
  }
  // Every interface of the firewall gets an ACL: where none is bound the ASA lets higher-to-lower security through.
  for (const [zone, info] of Object.entries(zones)) {
    const iface = info.interface ?? zone;
    if (acls.has(iface)) continue;
    if (!isAsaInterfaceName(iface)) {
      issues.push(badNameif(slice.firewall, iface));
      continue;
    }
    const acl = `${prefix}${iface}${suffix}`;
    acls.set(iface, [
      `access-list ${acl} remark no flow enters here: deny all, not the security levels`,
      `access-list ${acl} extended deny ip any any`,
    ]);
  }
  if (issues.length > 0) return fail(issues);

  const aclName = (iface: string): string => `${prefix}${iface}${suffix}`;
  const out: string[] = [
    `! flowmatrix: site ${safeText(slice.site.id, 80)}, firewall ${safeText(slice.firewall, 80)}. Generated: change the catalog or the site, not this file.`,
    '! FQDN objects need DNS on the ASA (dns domain-lookup <interface>, dns server-group).',
    '! Each rule is kept to the addresses of its egress zone (an ACL filters on ingress only); that holds while',
    '! same-security-traffic permit intra-interface stays off (the default): a packet is not sent back out its interface.',
    ...(coexist ? coexistHeader([...acls.keys()].map(aclName), bind) : replaceHeader(bind)),
    ...(bind ? [] : [UNBOUND_NOTE]),
  ];
  if (coexist) append(out, clearOurs([...acls.keys()].map(aclName), objects));
  for (const { name, value } of objects.networks.entries()) out.push(`object network ${name}`, ` ${value}`);
  for (const { name, value } of objects.groups.entries()) {
    out.push(`object-group network ${name}`, ...value.map((n) => ` network-object object ${n}`));
  }
  for (const { name, value } of objects.services.entries()) {
    out.push(`object-group service ${name}`, ...value.map((l) => ` ${l}`));
  }
  append(out, asaNatLines(slice));
  for (const lines of acls.values()) append(out, lines);
  if (bind) for (const iface of acls.keys()) out.push(`access-group ${aclName(iface)} in interface ${iface}`);
  out.push('');
  return ok({
    artifacts: [
      { path: `${fileName(slice.firewall)}.asa.cfg`, content: out.join('\n'), mediaType: 'text/x-cisco-asa' },
    ],
    findings,
  });
}

const badNameif = (firewall: string, iface: string): Issue =>
  issue(
    'invalid-value',
    ['firewalls', firewall, 'interfaces'],
    text(
      `le nom d’interface "${safeText(iface, 40)}" n’est pas un nameif ASA valide`,
      `interface name "${safeText(iface, 40)}" is not a valid ASA nameif`,
    ),
    text(
      'utilisez de 1 à 48 caractères parmi lettres, chiffres, "_", ".", "-", en commençant par une lettre',
      'use 1 to 48 characters among letters, digits, "_", ".", "-", starting with a letter',
    ),
  );

/** Without access-group lines nothing here is bound: say what an interface left without an ACL does. */
const UNBOUND_NOTE =
  '! Until you bind these ACLs, an interface with no ACL bound keeps the security-level behaviour (higher to lower passes).';

/** What loading the default output does, said as it is: lines added to any ACL of the same name. */
const replaceHeader = (bind: boolean): string[] => [
  '! The access-list lines are added to the end of an ACL of the same name if the ASA has one (nothing is cleared);',
  ...(bind
    ? ['! each access-group line binds the ACL to its interface, replacing the ACL bound there for that direction.']
    : []),
];

/** Exactly what the coexist output replaces: our ACLs, our objects, and (when bound) the interface bindings. */
const coexistHeader = (acls: readonly string[], bind: boolean): string[] => [
  `! Replaces only: the access-lists ${acls.join(', ') || '(none)'} (cleared, then reloaded), and the fm_ objects and`,
  '! object-groups listed in the no lines below (removed, then defined again). Nothing else is cleared.',
  ...(bind
    ? [
        '! Each access-group line binds our ACL to its interface, replacing the ACL bound there (an interface has one per direction).',
      ]
    : ['! No access-group line: bind or merge these ACLs yourself.']),
];

/** Ours cleared before they are defined again: ACLs first (they use the groups), then groups, then objects. */
function clearOurs(acls: readonly string[], objects: AsaObjects): string[] {
  return [
    ...acls.map((a) => `clear configure access-list ${a}`),
    ...objects.services.entries().map((e) => `no object-group service ${e.name}`),
    ...objects.groups.entries().map((e) => `no object-group network ${e.name}`),
    ...objects.networks.entries().map((e) => `no object network ${e.name}`),
  ];
}

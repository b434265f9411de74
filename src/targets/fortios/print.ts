import type { Finding } from '../../model/finding.js';
import { fail, type Issue, issue, ok, type Result } from '../../model/issues.js';
import type { Endpoint } from '../../model/matrix.js';
import { text } from '../../model/text.js';
import { networkAddress, v4Netmask, withLength } from '../../net/prefixes.js';
import type { AllowRule, FirewallRuleset } from '../../ruleset/firewall.js';
import { getOrMake } from '../../util/memo.js';
import type { TargetOutput } from '../generate/target.js';
import { safeText } from '../kit/escape.js';
import { createNamer, fileName } from '../kit/names.js';
import { endpointParts, type Member, memberParts, ObjectPool, sideMembers } from '../kit/objects.js';
import { COEXIST_PREFIX, coexistChoice, type Placement } from '../kit/placement.js';
import { type ProtocolGroup, portText, protocolGroups } from '../kit/plan.js';
import {
  FORTIOS_CAPABILITIES,
  FORTIOS_NAME_RULES,
  FORTIOS_POLICY_NAME_RULES,
  isFortiosInterfaceName,
} from './capabilities.js';
import { fortiosFindings } from './findings.js';
import { fortiosNat } from './nat.js';
import type { FortiosOptions } from './options.js';
import { fortiString } from './quote.js';

type Family = 4 | 6;
/** `set` lines of one object (without `edit`/`next`). */
type Body = readonly string[];

const IP_PROTOCOL_NUMBERS = { gre: 47, esp: 50, ah: 51 } as const;

function addressBody(m: Member, family: Family): Body {
  if (m.kind === 'prefix')
    return family === 4
      ? [`set subnet ${networkAddress(m.prefix)} ${v4Netmask(m.prefix.bits)}`]
      : [`set ip6 ${withLength(m.prefix)}`];
  return m.kind === 'fqdn'
    ? ['set type fqdn', `set fqdn ${fortiString(m.value)}`]
    : ['set type wildcard-fqdn', `set wildcard-fqdn ${fortiString(m.value)}`];
}

/** Members usable for one family: its prefixes, FQDNs (A or AAAA), wildcard FQDNs (IPv4 only on FortiOS). */
const forFamily = (members: readonly Member[], family: Family): Member[] =>
  members.filter((m) => (m.kind === 'prefix' ? m.prefix.family === family : m.kind === 'fqdn' || family === 4));

/** Custom service bodies of a rule: TCP/UDP/SCTP ranges in one object, ICMP types and IP protocols apart. */
function serviceBodies(groups: readonly ProtocolGroup[]): Body[] {
  const ranges = groups.flatMap((g) =>
    g.protocol === 'tcp' || g.protocol === 'udp' || g.protocol === 'sctp'
      ? [`set ${g.protocol}-portrange ${g.ports.map((p) => portText(p)).join(' ')}`]
      : [],
  );
  const bodies: Body[] = ranges.length > 0 ? [['set protocol TCP/UDP/SCTP', ...ranges]] : [];
  for (const g of groups) {
    if (g.protocol === 'icmp' || g.protocol === 'icmpv6') {
      const protocol = `set protocol ${g.protocol === 'icmp' ? 'ICMP' : 'ICMP6'}`;
      if (g.icmpTypes === 'all') bodies.push([protocol]);
      else for (const t of g.icmpTypes) bodies.push([protocol, `set icmptype ${t}`]);
    } else if (g.protocol === 'gre' || g.protocol === 'esp' || g.protocol === 'ah') {
      bodies.push(['set protocol IP', `set protocol-number ${IP_PROTOCOL_NUMBERS[g.protocol]}`]);
    }
  }
  return bodies;
}

class FortiosObjects {
  constructor(private readonly prefix: readonly string[]) {}
  private readonly namer = createNamer(FORTIOS_NAME_RULES);
  readonly addresses: Record<Family, ObjectPool<Body>> = {
    4: new ObjectPool(this.namer),
    6: new ObjectPool(this.namer),
  };
  readonly groups: Record<Family, ObjectPool<string[]>> = {
    4: new ObjectPool(this.namer),
    6: new ObjectPool(this.namer),
  };
  readonly serviceObjects = new ObjectPool<Body>(createNamer(FORTIOS_NAME_RULES));
  /** A role's rules share its endpoint: its names per family are worked out once per render. */
  private readonly sides: Record<Family, Map<string, string[]>> = { 4: new Map(), 6: new Map() };

  /** Quoted object names for one side and family; `"all"` for any; empty when the side has nothing there. */
  side(rule: AllowRule, which: 'source' | 'destination', family: Family): string[] {
    const ep = rule[which];
    return getOrMake(this.sides[family], ep.values.key, () => this.familySide(ep, sideMembers(ep), family));
  }

  private familySide(ep: Endpoint, members: 'any' | readonly Member[], family: Family): string[] {
    if (members === 'any') return ['"all"'];
    const names = forFamily(members, family).map((m) => {
      const body = addressBody(m, family);
      const parts = m.kind === 'prefix' ? memberParts(m) : [`${m.kind}${family === 6 ? '6' : ''}`, m.value];
      return this.addresses[family].name([...this.prefix, ...parts], `${family}|${body.join(';')}`, body);
    });
    if (names.length <= 1) return names.map((n) => `"${n}"`);
    const parts = [...this.prefix, ...endpointParts(ep), ...(family === 6 ? ['v6'] : [])];
    return [`"${this.groups[family].name(parts, `${family}|${names.join(',')}`, names)}"`];
  }

  services(rule: AllowRule): string[] {
    const groups = protocolGroups(rule.services);
    if (groups.some((g) => g.protocol === 'ip')) return ['"ALL"'];
    const base = [...new Set(rule.services.map((s) => s.name))].slice(0, 2);
    return serviceBodies(groups).map((body) => {
      const type = body.find((l) => l.startsWith('set icmptype'))?.split(' ')[2];
      const parts =
        body[0] === 'set protocol TCP/UDP/SCTP' ? base : [...base, body[0]?.split(' ')[2] ?? '', type ?? ''];
      return `"${this.serviceObjects.name([...this.prefix, ...parts], body.join(';'), body)}"`;
    });
  }
}

/** Both sides have something of the family when wildcard FQDNs are counted (as they would be for IPv4). */
function wouldCoverV6(rule: AllowRule): boolean {
  const has = (which: 'source' | 'destination'): boolean => {
    const members = sideMembers(rule[which]);
    return members === 'any' || members.some((m) => m.kind !== 'prefix' || m.prefix.family === 6);
  };
  return has('source') && has('destination');
}

function wildcardV6Finding(rule: AllowRule, withheld: boolean): Finding {
  const names = [rule.source, rule.destination]
    .flatMap((ep) => ep.addresses)
    .flatMap((a) => (a.kind === 'wildcard' ? [a.value] : []));
  return fortiosFindings.raise('wildcard-fqdn-ipv6', { row: rule.origin, names, withheld });
}

/**
 * `mode: coexist`: object and policy names start with `fm_`; policies take fixed ids from `policyIds` on (a range
 * kept for Flowmatrix: FortiOS deletes and moves policies by id only), and the file first deletes ours — policies,
 * then groups, addresses and services — so a reload re-creates them instead of appending copies.
 * `placement`: `bottom`, `before:<id>` or `after:<id>` (`move` by id; `top` has no id to name, so it is refused).
 */
export function printFortios(slice: FirewallRuleset, options: FortiosOptions = {}): Result<TargetOutput> {
  const chosen = fortiosChoice(slice.firewall, options);
  if (!chosen.ok) return chosen;
  const { coexist, placement, firstId } = chosen.value;
  const prefix = coexist ? [COEXIST_PREFIX] : [];
  const objects = new FortiosObjects(prefix);
  const policyNamer = createNamer(FORTIOS_POLICY_NAME_RULES);
  const issues: Issue[] = [];
  const findings: Finding[] = [];
  const policies: string[][] = [];
  const nat = fortiosNat(slice);
  findings.push(...nat.findings);
  for (const rule of slice.rules) {
    const intf = [rule.fromInterface ?? rule.fromZone, rule.toInterface ?? rule.toZone];
    const bad = intf.find((n) => !isFortiosInterfaceName(n));
    if (bad !== undefined) {
      issues.push(
        issue(
          'invalid-value',
          ['firewalls', slice.firewall, 'interfaces'],
          text(
            `le nom d’interface "${safeText(bad, 40)}" n’est pas un nom d’interface ni de zone FortiOS valide`,
            `interface name "${safeText(bad, 40)}" is not a valid FortiOS interface or zone name`,
          ),
          text(
            'utilisez de 1 à 35 caractères parmi lettres, chiffres, "_", ".", "-"',
            'use 1 to 35 characters among letters, digits, "_", ".", "-"',
          ),
        ),
      );
      continue;
    }
    const sets: string[] = [];
    for (const family of [4, 6] as const) {
      const [src, dst] = [objects.side(rule, 'source', family), objects.side(rule, 'destination', family)];
      if (src.length === 0 || dst.length === 0) continue;
      const suffix = family === 6 ? '6' : '';
      sets.push(`set srcaddr${suffix} ${src.join(' ')}`, `set dstaddr${suffix} ${dst.join(' ')}`);
    }
    const hasWildcard = [rule.source, rule.destination].some((ep) => ep.addresses.some((a) => a.kind === 'wildcard'));
    if (hasWildcard && wouldCoverV6(rule)) findings.push(wildcardV6Finding(rule, sets.length === 0));
    if (sets.length === 0) continue;
    const name = policyNamer([...prefix, rule.origin.catalog, rule.origin.flow], rule.id);
    policies.push([
      `set name ${fortiString(name)}`,
      `set srcintf ${fortiString(intf[0] ?? '')}`,
      `set dstintf ${fortiString(intf[1] ?? '')}`,
      'set action accept',
      ...nat.policy(rule, sets),
      `set service ${objects.services(rule).join(' ')}`,
      'set schedule "always"',
      `set comments ${fortiString(rule.origin.label, FORTIOS_CAPABILITIES.maxCommentLength)}`,
    ]);
  }
  if (issues.length > 0) return fail(issues);

  const out: string[] = [
    `# flowmatrix: site ${safeText(slice.site.id, 80)}, firewall ${safeText(slice.firewall, 80)}. Generated: change the catalog or the site, not this file.`,
    coexist
      ? `# Beside the existing policies: deletes and re-creates only ours (ids ${firstId} to ${firstId + policies.length - 1}, objects named fm_*); FQDN objects need DNS on the FortiGate.`
      : '# Policies are appended (edit 0); FQDN objects need DNS on the FortiGate.',
  ];
  const section = (title: string, entries: readonly { name: string; lines: readonly string[] }[]): void => {
    if (entries.length === 0) return;
    out.push(`config ${title}`);
    for (const e of entries) out.push(`    edit ${e.name}`, ...e.lines.map((l) => `        ${l}`), '    next');
    out.push('end');
  };
  const named = <T>(pool: ObjectPool<T>, lines: (v: T) => readonly string[]) =>
    pool.entries().map((e) => ({ name: `"${e.name}"`, lines: lines(e.value) }));
  const ids = policies.map((_, i) => String(firstId + i));
  if (coexist) {
    const names = (pool: ObjectPool<unknown>) => pool.entries().map((e) => `"${e.name}"`);
    deleteSection(out, 'firewall policy', ids);
    deleteSection(out, 'firewall addrgrp', names(objects.groups[4]));
    deleteSection(out, 'firewall addrgrp6', names(objects.groups[6]));
    deleteSection(out, 'firewall address', names(objects.addresses[4]));
    deleteSection(out, 'firewall address6', names(objects.addresses[6]));
    deleteSection(out, 'firewall service custom', names(objects.serviceObjects));
  }
  section(
    'firewall address',
    named(objects.addresses[4], (b) => b),
  );
  section(
    'firewall address6',
    named(objects.addresses[6], (b) => b),
  );
  section(
    'firewall addrgrp',
    named(objects.groups[4], (m) => [`set member ${m.map((n) => `"${n}"`).join(' ')}`]),
  );
  section(
    'firewall addrgrp6',
    named(objects.groups[6], (m) => [`set member ${m.map((n) => `"${n}"`).join(' ')}`]),
  );
  section(
    'firewall service custom',
    named(objects.serviceObjects, (b) => b),
  );
  section('firewall vip', nat.vips);
  section('firewall ippool', nat.pools);
  section(
    'firewall policy',
    policies.map((lines, i) => ({ name: firstId > 0 ? (ids[i] as string) : '0', lines })),
  );
  if (placement && 'rule' in placement && ids.length > 0) {
    out.push('config firewall policy');
    ids.forEach((id, i) => {
      out.push(`    move ${id} ${i === 0 ? `${placement.at} ${placement.rule}` : `after ${ids[i - 1]}`}`);
    });
    out.push('end');
  }
  out.push('');
  return ok({
    artifacts: [
      { path: `${fileName(slice.firewall)}.fortios.conf`, content: out.join('\n'), mediaType: 'text/x-fortios' },
    ],
    findings,
  });
}

/** `config SECTION` / `delete NAME`… / `end`, nothing when there is nothing of ours in it. */
function deleteSection(out: string[], title: string, names: readonly string[]): void {
  if (names.length === 0) return;
  out.push(`config ${title}`, ...names.map((n) => `    delete ${n}`), 'end');
}

/**
 * Mode and placement checked for FortiOS: ids are what it deletes and moves policies by, so coexist and a placement
 * by neighbour need `policyIds`; `top` names no id and is refused rather than guessed.
 */
function fortiosChoice(
  firewall: string,
  options: FortiosOptions,
): Result<{ coexist: boolean; placement?: Placement; firstId: number }> {
  const { choice, issues } = coexistChoice(
    firewall,
    options,
    (r) => /^\d{1,10}$/.test(r),
    text('désignez une politique par son id : before:12', 'name a policy id: before:12'),
  );
  if (!choice) return fail(issues);
  const where = (key: string) => ['firewalls', firewall, 'options', key];
  const firstId = options.policyIds;
  if (choice.placement?.at === 'top')
    return fail([
      issue(
        'invalid-value',
        where('placement'),
        text(
          'FortiOS déplace les politiques par leur id : top n’en désigne aucune',
          'FortiOS moves policies by id: top names none',
        ),
        text('utilisez before:<id de la première politique>', 'use before:<id of the first policy>'),
      ),
    ]);
  const needsIds = choice.coexist || (choice.placement !== undefined && choice.placement.at !== 'bottom');
  if (needsIds && firstId === undefined)
    return fail([
      issue(
        'invalid-value',
        where('policyIds'),
        text(
          'coexist et placement ont besoin des id de politique réservés à Flowmatrix',
          'coexist and placement need the policy ids kept for Flowmatrix',
        ),
        text(
          'donnez le premier id d’une plage libre : policyIds: 9000 (les nôtres sont supprimées et recréées par id)',
          'give the first of a free range of ids: policyIds: 9000 (ours are deleted and re-created by id)',
        ),
      ),
    ]);
  return ok({
    coexist: choice.coexist,
    ...(choice.placement ? { placement: choice.placement } : {}),
    firstId: firstId ?? 0,
  });
}

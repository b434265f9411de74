import type { Finding } from '../../model/finding.js';
import { fail, type Issue, issue, ok, type Result } from '../../model/issues.js';
import type { Endpoint } from '../../model/matrix.js';
import { getOrMake } from '../../util/memo.js';
import { networkAddress, v4Netmask, withLength } from '../core/cidr.js';
import { safeText } from '../core/escape.js';
import { createNamer, fileName } from '../core/names.js';
import { endpointParts, type Member, memberParts, ObjectPool, sideMembers } from '../core/objects.js';
import { type ProtocolGroup, portText, protocolGroups } from '../core/plan.js';
import { type FirewallRule, rowFinding, ruleLabel } from '../core/rules.js';
import type { FirewallSlice, TargetOutput } from '../core/target.js';
import {
  FORTIOS_CAPABILITIES,
  FORTIOS_NAME_RULES,
  FORTIOS_POLICY_NAME_RULES,
  isFortiosInterfaceName,
} from './capabilities.js';
import { fortiString } from './quote.js';

/** No option yet: interfaces come from the site, names from the catalog. */
export type FortiosOptions = Record<string, never>;

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
  private readonly sides: Record<Family, Map<Endpoint, string[]>> = { 4: new Map(), 6: new Map() };

  /** Quoted object names for one side and family; `"all"` for any; empty when the side has nothing there. */
  side(rule: FirewallRule, which: 'source' | 'destination', family: Family): string[] {
    return getOrMake(this.sides[family], rule[which], (ep) => this.familySide(ep, sideMembers(ep.addresses), family));
  }

  private familySide(ep: Endpoint, members: 'any' | readonly Member[], family: Family): string[] {
    if (members === 'any') return ['"all"'];
    const names = forFamily(members, family).map((m) => {
      const body = addressBody(m, family);
      const parts = m.kind === 'prefix' ? memberParts(m) : [`${m.kind}${family === 6 ? '6' : ''}`, m.value];
      return this.addresses[family].name(parts, `${family}|${body.join(';')}`, body);
    });
    if (names.length <= 1) return names.map((n) => `"${n}"`);
    const parts = [...endpointParts(ep), ...(family === 6 ? ['v6'] : [])];
    return [`"${this.groups[family].name(parts, `${family}|${names.join(',')}`, names)}"`];
  }

  services(rule: FirewallRule): string[] {
    const groups = protocolGroups(rule.services);
    if (groups.some((g) => g.protocol === 'ip')) return ['"ALL"'];
    const base = [...new Set(rule.services.map((s) => s.name))].slice(0, 2);
    return serviceBodies(groups).map((body) => {
      const type = body.find((l) => l.startsWith('set icmptype'))?.split(' ')[2];
      const parts =
        body[0] === 'set protocol TCP/UDP/SCTP' ? base : [...base, body[0]?.split(' ')[2] ?? '', type ?? ''];
      return `"${this.serviceObjects.name(parts, body.join(';'), body)}"`;
    });
  }
}

/** Both sides have something of the family when wildcard FQDNs are counted (as they would be for IPv4). */
function wouldCoverV6(rule: FirewallRule): boolean {
  const has = (which: 'source' | 'destination'): boolean => {
    const members = sideMembers(rule[which].addresses);
    return members === 'any' || members.some((m) => m.kind !== 'prefix' || m.prefix.family === 6);
  };
  return has('source') && has('destination');
}

function wildcardV6Finding(rule: FirewallRule, withheld: boolean): Finding {
  const names = [rule.source, rule.destination]
    .flatMap((ep) => ep.addresses)
    .flatMap((a) => (a.kind === 'wildcard' ? [a.value] : []));
  return rowFinding(
    'target:fortios:wildcard-fqdn-ipv6',
    withheld ? 'high' : 'medium',
    rule.row,
    {
      fr: `FortiOS ne résout les noms génériques (${names.join(', ')}) qu’en IPv4 : le trafic IPv6 correspondant n’est pas ouvert${withheld ? ', règle non générée' : ''}`,
      en: `FortiOS resolves wildcard names (${names.join(', ')}) for IPv4 only: the matching IPv6 traffic is not opened${withheld ? ', rule not generated' : ''}`,
    },
    {
      fr: 'Passer par le proxy (PAC/Squid) ou lister les adresses IPv6',
      en: 'Use the proxy (PAC/Squid) or list the IPv6 addresses',
    },
  );
}

export function renderFortios(slice: FirewallSlice, _options: Partial<FortiosOptions> = {}): Result<TargetOutput> {
  const objects = new FortiosObjects();
  const policyNamer = createNamer(FORTIOS_POLICY_NAME_RULES);
  const issues: Issue[] = [];
  const findings: Finding[] = [];
  const policies: string[][] = [];
  for (const rule of slice.rules) {
    const intf = [rule.fromInterface ?? rule.hop.fromZone, rule.toInterface ?? rule.hop.toZone];
    const bad = intf.find((n) => !isFortiosInterfaceName(n));
    if (bad !== undefined) {
      issues.push(
        issue(
          'invalid-value',
          ['firewalls', slice.firewall, 'interfaces'],
          `interface name "${safeText(bad, 40)}" is not a valid FortiOS interface or zone name`,
          'use 1 to 35 characters among letters, digits, "_", ".", "-"',
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
    const name = policyNamer([rule.row.catalog, rule.row.flow], rule.id);
    policies.push([
      `set name ${fortiString(name)}`,
      `set srcintf ${fortiString(intf[0] ?? '')}`,
      `set dstintf ${fortiString(intf[1] ?? '')}`,
      'set action accept',
      ...sets,
      `set service ${objects.services(rule).join(' ')}`,
      'set schedule "always"',
      `set comments ${fortiString(ruleLabel(rule), FORTIOS_CAPABILITIES.maxCommentLength)}`,
    ]);
  }
  if (issues.length > 0) return fail(issues);

  const out: string[] = [
    `# flowmatrix: site ${safeText(slice.site.id, 80)}, firewall ${safeText(slice.firewall, 80)}. Generated: change the catalog or the site, not this file.`,
    '# Policies are appended (edit 0); FQDN objects need DNS on the FortiGate.',
  ];
  const section = (title: string, entries: readonly { name: string; lines: readonly string[] }[]): void => {
    if (entries.length === 0) return;
    out.push(`config ${title}`);
    for (const e of entries) out.push(`    edit ${e.name}`, ...e.lines.map((l) => `        ${l}`), '    next');
    out.push('end');
  };
  const named = <T>(pool: ObjectPool<T>, lines: (v: T) => readonly string[]) =>
    pool.entries().map((e) => ({ name: `"${e.name}"`, lines: lines(e.value) }));
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
  section(
    'firewall policy',
    policies.map((lines) => ({ name: '0', lines })),
  );
  out.push('');
  return ok({
    artifacts: [
      { path: `${fileName(slice.firewall)}.fortios.conf`, content: out.join('\n'), mediaType: 'text/x-fortios' },
    ],
    findings,
  });
}

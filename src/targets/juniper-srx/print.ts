import { fail, type Issue, issue, ok, type Result } from '../../model/issues.js';
import { text } from '../../model/text.js';
import { withLength } from '../../net/prefixes.js';
import type { ParsedEndpoint } from '../../ruleset/endpoint-values.js';
import type { AllowRule, FirewallRuleset } from '../../ruleset/firewall.js';
import { append } from '../../util/append.js';
import { getOrMake } from '../../util/memo.js';
import type { TargetOutput } from '../generate/target.js';
import { quoted, safeText } from '../kit/escape.js';
import { createNamer, fileName } from '../kit/names.js';
import { endpointParts, type Member, memberParts, ObjectPool, sideMembers } from '../kit/objects.js';
import { type ProtocolGroup, portText, protocolGroups } from '../kit/plan.js';
import { isSrxZoneName, SRX_CAPABILITIES, SRX_NAME_RULES } from './capabilities.js';
import { srxNatLines } from './nat.js';
import type { SrxOptions } from './options.js';

const BOOK = 'set security address-book global';

const addressBody = (m: Member): string => (m.kind === 'prefix' ? withLength(m.prefix) : `dns-name ${m.value}`);

/** One application per protocol and port range (Junos takes one `destination-port` per application). */
function applicationBodies(group: ProtocolGroup): { parts: string[]; body: string }[] {
  const { protocol } = group;
  if (protocol === 'tcp' || protocol === 'udp') {
    return group.ports.map((p) => {
      const port = portText(p);
      return {
        parts: [...group.names.slice(0, 1), protocol, port],
        body: `protocol ${protocol} destination-port ${port}`,
      };
    });
  }
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    const [keyword, type] = protocol === 'icmp' ? ['icmp', 'icmp-type'] : ['icmp6', 'icmp6-type'];
    const name = group.names.slice(0, 1);
    if (group.icmpTypes === 'all') return [{ parts: [...name, keyword], body: `protocol ${keyword}` }];
    return group.icmpTypes.map((t) => ({
      parts: [...name, keyword, String(t)],
      body: `protocol ${keyword} ${type} ${t}`,
    }));
  }
  return [{ parts: [...group.names.slice(0, 1), protocol], body: `protocol ${protocol}` }];
}

class SrxObjects {
  // Addresses and address-sets share the address book's namespace; applications and sets theirs.
  private readonly addressNamer = createNamer(SRX_NAME_RULES);
  private readonly applicationNamer = createNamer(SRX_NAME_RULES);
  readonly addresses = new ObjectPool<string>(this.addressNamer);
  readonly sets = new ObjectPool<string[]>(this.addressNamer);
  readonly applications = new ObjectPool<string>(this.applicationNamer);
  readonly applicationSets = new ObjectPool<string[]>(this.applicationNamer);

  /** A role's rules share its endpoint: the side is worked out once per endpoint per render. */
  private readonly sides = new Map<string, string>();

  side(rule: AllowRule, which: 'source' | 'destination'): string {
    const ep = rule[which];
    return getOrMake(this.sides, ep.values.key, () => this.sideOf(ep));
  }

  private sideOf(ep: ParsedEndpoint): string {
    const members = sideMembers(ep);
    if (members === 'any') return 'any';
    const names = members.map((m) => this.addresses.name(memberParts(m), addressBody(m), addressBody(m)));
    if (names.length === 1) return names[0] as string;
    return this.sets.name(endpointParts(ep), names.join(','), names);
  }

  application(rule: AllowRule): string {
    const groups = protocolGroups(rule.services);
    // `ip` is every protocol: Junos's predefined `any` application, nothing narrower exists.
    if (groups.some((g) => g.protocol === 'ip')) return 'any';
    const names = groups.flatMap(applicationBodies).map(({ parts, body }) => this.applications.name(parts, body, body));
    if (names.length === 1) return names[0] as string;
    const parts = [...new Set(rule.services.map((s) => s.name))].slice(0, 2);
    return this.applicationSets.name(parts, names.join(','), names);
  }
}

export function printSrx(slice: FirewallRuleset, _options: SrxOptions = {}): Result<TargetOutput> {
  const objects = new SrxObjects();
  const policyNamer = createNamer(SRX_NAME_RULES);
  const issues: Issue[] = [];
  const zones = new Set<string>();
  const policies: string[] = [];
  for (const rule of slice.rules) {
    const [from, to] = [rule.fromZone, rule.toZone];
    const bad = [from, to].find((z) => !isSrxZoneName(z));
    if (bad !== undefined) {
      issues.push(
        issue(
          'invalid-value',
          ['zones'],
          text(
            `le nom de zone "${safeText(bad, 40)}" n’est pas un nom de zone de sécurité Junos valide`,
            `zone name "${safeText(bad, 40)}" is not a valid Junos security zone name`,
          ),
          text(
            'utilisez de 1 à 63 caractères parmi lettres, chiffres, "_", ".", "-", en commençant par une lettre, sans "junos-" au début',
            'use 1 to 63 characters among letters, digits, "_", ".", "-", starting with a letter, not "junos-"',
          ),
        ),
      );
      continue;
    }
    zones.add(from).add(to);
    const name = policyNamer([rule.origin.catalog, rule.origin.flow], rule.id);
    const at = `set security policies from-zone ${from} to-zone ${to} policy ${name}`;
    const [src, dst, app] = [
      objects.side(rule, 'source'),
      objects.side(rule, 'destination'),
      objects.application(rule),
    ];
    policies.push(
      `${at} description ${quoted(rule.origin.label, SRX_CAPABILITIES.maxCommentLength)}`,
      `${at} match source-address ${src}`,
      `${at} match destination-address ${dst}`,
      `${at} match application ${app}`,
      `${at} then permit`,
    );
  }
  if (issues.length > 0) return fail(issues);

  const out: string[] = [...[...zones].map((z) => `set security zones security-zone ${z}`)];
  for (const { name, value } of objects.addresses.entries()) out.push(`${BOOK} address ${name} ${value}`);
  for (const { name, value } of objects.sets.entries()) {
    append(
      out,
      value.map((member) => `${BOOK} address-set ${name} address ${member}`),
    );
  }
  for (const { name, value } of objects.applications.entries())
    out.push(`set applications application ${name} ${value}`);
  for (const { name, value } of objects.applicationSets.entries()) {
    append(
      out,
      value.map((member) => `set applications application-set ${name} application ${member}`),
    );
  }
  append(append(out, srxNatLines(slice)), policies).push('');
  return ok({
    artifacts: [
      { path: `${fileName(slice.firewall)}.junos.set`, content: out.join('\n'), mediaType: 'text/x-junos-set' },
    ],
    findings: [],
  });
}

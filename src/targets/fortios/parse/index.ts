import { fail, type Issue, type Result } from '../../../model/issues.js';
import { CidrSet } from '../../../net/cidr-set.js';
import { type ConfigFile, configIssue } from '../../../ruleset/config-file.js';
import { type Chain, type NamedObject, placedInterfaces, type Rule, type Ruleset } from '../../../ruleset/types.js';
import {
  familyAll,
  lowerZonePolicy,
  negateSide,
  SESSION_RULE,
  type ServiceMatch,
  type SideMatch,
  sideOf,
  unionSides,
} from '../../kit/zone-policy.js';
import { AddressBook, type AddressValue, readAddress4, readAddress6 } from './addresses.js';
import { fortiosRoutes } from './routes.js';
import { readService, ServiceBook, type ServiceValue } from './services.js';
import { type Block, readTree, type Setting } from './tree.js';
import { readVips, VIP_CHAIN, type Vip, vipPolicyRule, vipRules, withoutVipTraffic } from './vips.js';

export { PREDEFINED_SERVICES } from './services.js';

/** A FortiOS configuration as read, before lowering: what the fixtures' counts are about. */
export interface FortiosDocument {
  readonly addresses: ReadonlyMap<string, AddressValue>;
  readonly addresses6: ReadonlyMap<string, AddressValue>;
  readonly services: ReadonlyMap<string, ServiceValue>;
  /** Every `config firewall policy` entry, disabled ones included, in file order. */
  readonly policies: readonly { readonly id: string; readonly line: number; readonly enabled: boolean }[];
  readonly ruleset: Ruleset;
}

export const FORTIOS_CHAIN = 'firewall policy';

/** The sections of the configuration, inside the one VDOM that holds policies when there are VDOMs. */
function sections(
  root: Block,
  file: string,
  issues: Issue[],
): { section: (path: string) => Block | undefined; vdom: string | undefined } {
  const vdoms = [...(root.blocks.get('vdom')?.entries.values() ?? [])].filter((e) => e.blocks.size > 0);
  const withPolicies = vdoms.filter((v) => v.blocks.has('firewall policy'));
  if (withPolicies.length > 1) {
    issues.push(
      configIssue(
        file,
        withPolicies[1]?.line ?? 1,
        `several VDOMs hold policies (${withPolicies.map((v) => v.name).join(', ')})`,
        'give the configuration of one VDOM (config vdom / edit NAME … end)',
      ),
    );
  }
  const vdom = withPolicies[0] ?? vdoms[0];
  const global = root.blocks.get('global');
  return {
    section: (path) => vdom?.blocks.get(path) ?? root.blocks.get(path) ?? global?.blocks.get(path),
    vdom: vdom?.name,
  };
}

/**
 * `show` / `show full-configuration` output as a neutral ruleset: one chain of the policies in file order (the edit
 * number is an id, not a position), then what a zone with `intrazone allow` lets between its interfaces, the implicit
 * deny at its end, sessions' answers first. Interfaces and zones
 * (a zone also stands for its member interfaces) become the rules' zones. Disabled policies are skipped and said.
 * Virtual IPs are the destination stage (`vips.ts`): a policy naming one matches the packet as it came to the VIP;
 * with central NAT (`config system settings` / `set central-nat enable`) policies match the translated packet.
 */
export function parseFortiosConfig(file: ConfigFile): Result<Ruleset> {
  const r = readFortios(file);
  return r.ok ? { ok: true, value: r.value.ruleset, warnings: r.warnings } : r;
}

export function readFortios(file: ConfigFile): Result<FortiosDocument> {
  const { root, issues } = readTree(file.text, file.path);
  const { section, vdom } = sections(root, file.path, issues);
  const interfaces = new Map<string, Setting>();
  /** Where the device's interfaces sit: each in its own zone, a zone member in its zone (policies name either). */
  const placed: [string, string][] = [];
  for (const e of section('system interface')?.entries.values() ?? []) {
    const ip = e.settings.get('ip');
    if (ip) interfaces.set(e.name, ip);
    placed.push([e.name, e.name]);
  }
  const zones = new Map<string, string[]>();
  /** Zones that let their interfaces talk to each other without a policy (`set intrazone allow`). */
  const intrazone: { zone: string; members: string[]; line: number }[] = [];
  for (const e of section('system zone')?.entries.values() ?? []) {
    const members = [...(e.settings.get('interface')?.values ?? [])];
    zones.set(e.name, members);
    for (const m of members) placed.push([m, e.name]);
    const allow = e.settings.get('intrazone');
    if (allow?.values[0] === 'allow') intrazone.push({ zone: e.name, members, line: allow.line });
  }

  const addresses = new Map<string, AddressValue>();
  for (const e of section('firewall address')?.entries.values() ?? [])
    addresses.set(e.name, readAddress4(e, interfaces, file.path, issues));
  const addresses6 = new Map<string, AddressValue>();
  for (const e of section('firewall address6')?.entries.values() ?? [])
    addresses6.set(e.name, readAddress6(e, file.path, issues));
  const services = new Map<string, ServiceValue>();
  for (const e of section('firewall service custom')?.entries.values() ?? [])
    services.set(e.name, readService(e, file.path, issues));
  const book4 = new AddressBook(4, addresses, section('firewall addrgrp'));
  const book6 = new AddressBook(6, addresses6, section('firewall addrgrp6'));
  const serviceBook = new ServiceBook(services, section('firewall service group'));
  const vipList = readVips(section('firewall vip'));
  const vipByName = new Map(vipList.map((v) => [v.name, v]));
  const vipGroups = new Map(
    [...(section('firewall vipgrp')?.entries.values() ?? [])].map((e) => [
      e.name,
      e.settings.get('member')?.values ?? [],
    ]),
  );
  const vips = new Set([...vipByName.keys(), ...vipGroups.keys()]);
  // Central NAT: every virtual IP translates on its own and policies name the mapped (real) addresses, not the VIP.
  const centralNat = section('system settings')?.settings.get('central-nat')?.values[0] === 'enable';
  /** The VIPs a name stands for (a VIP, or a group of them); a member the file does not define is unmodelled. */
  const vipsOf = (name: string): Vip[] =>
    vipByName.has(name)
      ? [vipByName.get(name) as Vip]
      : (vipGroups.get(name) ?? []).map(
          (m) =>
            vipByName.get(m) ?? {
              name: m,
              line: 0,
              translate: { unmodelled: `virtual IP "${m}" (member of "${name}") is not defined here` },
            },
        );

  // NGFW policy-based mode: a firewall policy's accept only hands the session on to these, which are not read.
  const securityPolicies = section('firewall security-policy');
  const handedOn =
    securityPolicies && securityPolicies.entries.size > 0
      ? `NGFW policy-based mode: the security policies (line ${securityPolicies.line}) decide what this accepts`
      : undefined;
  const rules: Rule[] = [SESSION_RULE];
  const policies: { id: string; line: number; enabled: boolean }[] = [];
  const warnings: Issue[] = [];
  for (const [chainPath, only6] of [
    ['firewall policy', false],
    ['firewall policy6', true],
  ] as const) {
    for (const entry of section(chainPath)?.entries.values() ?? []) {
      const s = entry.settings;
      const list = (key: string) => s.get(key)?.values ?? [];
      const flag = (key: string) => s.get(key)?.values[0] === 'enable';
      const name = s.get('name')?.values[0];
      const enabled = s.get('status')?.values[0] !== 'disable';
      policies.push({ id: entry.name, line: entry.line, enabled });
      if (!enabled) {
        warnings.push({
          ...configIssue(file.path, entry.line, `policy ${entry.name}${name ? ` "${name}"` : ''} is disabled: skipped`),
          severity: 'warning',
        });
        continue;
      }
      const opaque: string[] = [];
      const side = (key: 'src' | 'dst'): SideMatch => {
        const parts: SideMatch[] = [];
        const v4 = only6 ? [] : list(`${key}addr`);
        const v6 = only6 ? list(`${key}addr`) : list(`${key}addr6`);
        const resolve = (book: AddressBook, names: readonly string[], family: 4 | 6, negated: boolean) => {
          if (names.length === 0) return;
          const own = names.filter((n) => !vips.has(n));
          // Only virtual IPs on this side: no address part (the VIPs' rules are made apart).
          if (own.length === 0 && !negated) return;
          if (negated && own.length < names.length) opaque.push('a negated virtual IP is not modelled');
          const union = unionSides(names.filter((n) => !vips.has(n)).map((n) => book.resolve(n)));
          parts.push(negated ? negateSide(union, familyAll(family)) : union);
        };
        resolve(book4, v4, 4, flag(`${key}addr-negate`));
        resolve(book6, v6, 6, flag(only6 ? `${key}addr-negate` : `${key}addr6-negate`));
        // Internet services stand in for the addresses (and ports) of this side: any address, maybe.
        for (const isdb of INTERNET_SERVICE_FLAGS[key])
          if (flag(isdb))
            parts.push(sideOf(CidrSet.empty(), [`${isdb} (the internet service database)`], CidrSet.all()));
        return unionSides(parts);
      };
      const interfacesOf = (key: string): string[] | undefined => {
        const names = list(key);
        if (names.length === 0 || names.includes('any')) return undefined;
        return [...new Set(names.flatMap((n) => [n, ...(zones.get(n) ?? [])]))];
      };
      let services: ServiceMatch = serviceBook.resolve(list('service'));
      const isdb = [...INTERNET_SERVICE_FLAGS.src, ...INTERNET_SERVICE_FLAGS.dst].filter(flag);
      if (isdb.length > 0 && list('service').length === 0)
        services = { definite: [], superset: [{}], reasons: [`${isdb.join(', ')}: the database gives the ports`] };
      if (flag('service-negate'))
        services = { definite: [], superset: [{}], reasons: [...services.reasons, 'service-negate is not modelled'] };
      const schedule = s.get('schedule')?.values[0];
      if (schedule !== undefined && schedule !== 'always') opaque.push(`schedule "${schedule}"`);
      for (const key of ['users', 'groups', 'fsso-groups'])
        if (list(key).length > 0) opaque.push(`${key} ${list(key).join(', ')}`);
      const action = s.get('action')?.values[0] ?? 'deny';
      if (action !== 'accept' && action !== 'deny' && action !== 'ipsec') opaque.push(`action ${action}`);
      if (handedOn && action !== 'deny') opaque.push(handedOn);
      const comment = [name, s.get('comments')?.values[0]].filter((x) => x !== undefined && x !== '').join(' — ');
      const fromZones = interfacesOf('srcintf');
      const toZones = interfacesOf('dstintf');
      const policy = (destination: SideMatch) =>
        lowerZonePolicy({
          source: side('src'),
          destination,
          services,
          ...(fromZones ? { fromZones } : {}),
          ...(toZones ? { toZones } : {}),
          action: action === 'deny' ? 'drop' : 'accept',
          opaque,
          provenance: {
            file: file.path,
            line: entry.line,
            text: `${chainPath} ${entry.name}${name ? ` "${name}"` : ''}`,
            ...(comment ? { comment } : {}),
          },
        }).map((r) => (only6 && r.family === undefined ? { ...r, family: 6 as const } : r));
      const destination = side('dst');
      const vipNames = only6 || centralNat ? [] : list('dstaddr').filter((n) => vips.has(n));
      const own = destination.definite.isEmpty() && destination.superset.isEmpty() ? [] : policy(destination);
      // VIP traffic meets only the policies naming the VIP (and a deny policy with match-vip enable).
      const matchVip = action === 'deny' && flag('match-vip');
      const plain = matchVip || centralNat || vipList.length === 0;
      rules.push(...(plain ? own : own.flatMap((r) => withoutVipTraffic(r, vipList))));
      if (vipNames.length > 0) {
        const template = policy(sideOf(familyAll(4), [], familyAll(4)));
        for (const v of vipNames.flatMap(vipsOf))
          for (const r of template) {
            const vr = vipPolicyRule(r, v);
            if (vr) rules.push(vr);
          }
      }
    }
  }
  // After the policies, before the implicit deny: traffic between two different interfaces of such a zone.
  for (const { zone, members, line } of intrazone) {
    const provenance = { file: file.path, line, text: `system zone ${zone}: set intrazone allow` };
    rules.push({ fromZones: [zone], toZones: [zone, ...members], verdict: { kind: 'accept' }, provenance });
    for (const m of members) {
      const others = members.filter((o) => o !== m);
      if (others.length > 0)
        rules.push({ fromZones: [m], toZones: [zone, ...others], verdict: { kind: 'accept' }, provenance });
    }
  }
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) return fail(issues);
  const objects: NamedObject[] = [
    ...[...addresses].map(([name, a]) => named(name, a, file.path)),
    ...[...addresses6].map(([name, a]) => named(name, a, file.path)),
  ];
  const chains: Record<string, Chain> = { [FORTIOS_CHAIN]: { name: FORTIOS_CHAIN, rules, policy: 'drop' } };
  // Every VIP translates what it takes before the policies are looked up; the rest goes on as it came.
  if (vipList.length > 0)
    chains[VIP_CHAIN] = { name: VIP_CHAIN, rules: vipRules(vipList, file.path), policy: 'accept' };
  const ruleset: Ruleset = {
    entry: FORTIOS_CHAIN,
    chains,
    objects,
    defaultAction: 'drop',
    ...placedInterfaces(placed),
    ...fortiosRoutes(section, file.text.split('\n'), file.path, vdom),
    ...(vipList.length > 0
      ? { nat: { destination: [VIP_CHAIN], ...(centralNat ? {} : { filterMatches: 'original' as const }) } }
      : {}),
  };
  return {
    ok: true,
    value: { addresses, addresses6, services, policies, ruleset },
    warnings: [...issues, ...warnings],
  };
}

const named = (name: string, a: AddressValue, file: string): NamedObject => ({
  name,
  kind: 'addresses',
  ...(a.opaque ? {} : { addresses: a.set }),
  ...(a.opaque ? { description: a.opaque } : {}),
  provenance: { file, line: a.line },
});

/** The flags that make a policy side match internet services (FortiOS 6.x–7.x, IPv4 and IPv6) instead of addresses. */
const INTERNET_SERVICE_FLAGS = {
  src: ['internet-service-src', 'internet-service6-src'],
  dst: ['internet-service', 'internet-service6'],
} as const;

/** A cheap look at the text: FortiOS CLI sections. */
export const looksLikeFortios = (text: string): boolean =>
  /^\s*config (firewall|system|vdom|global)\b/m.test(text.slice(0, 65536)) && /^\s*end\s*$/m.test(text);

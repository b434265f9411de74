import { CidrSet } from '../../../net/cidr-set.js';
import { PortSet } from '../../../net/port-set.js';
import {
  type Chain,
  type NamedObject,
  placedInterfaces,
  type Route,
  type Rule,
  type Ruleset,
} from '../../../ruleset/types.js';
import type { Ace } from './ace.js';
import type { AccessGroup, AsaConfig, AsaInterface, Member, NatStatement } from './model.js';
import type { Problems } from './problems.js';
import type { Resolver } from './resolve.js';

/**
 * How an ASA decides a packet going from interface A to interface B, as a ruleset with two stages:
 *
 * - `inbound` (entry): answers of tracked connections pass (the ASA is stateful); addresses a translation may change
 *   are marked uncertain; same-level interfaces and the way back out of A stay closed unless `same-security-traffic`
 *   opens them (no access-list can); then A's inbound access-list (its chain `in ACL`, entered when the zone is A),
 *   followed by the global access-list when there is one; the access-list's implicit deny is its chain's policy.
 *   An interface with no inbound access-list and no global one falls back to security levels: to a lower level is
 *   let through, to the same level only with `same-security-traffic permit inter-interface` (to itself with
 *   intra-interface), the rest is dropped. A packet from an interface the configuration does not name, or whose
 *   security level it does not give, is uncertain rather than guessed.
 * - `outbound`: B's outbound access-list (chain `out ACL`, implicit deny as policy); no outbound list lets it through.
 *
 * Zones are the interfaces' `nameif`s, as verify names them from the site's interfaces. Every rule of an
 * access-list carries the zones it applies to, so a rule's own traffic (for shadowing) enters the right chain. A
 * packet arriving by an interface, named by its hardware name or its nameif, is in the zone of its nameif.
 */
export function lowerConfig(config: AsaConfig, aces: readonly Ace[], resolver: Resolver, problems: Problems): Ruleset {
  const file = config.file;
  const byAcl = new Map<string, Ace[]>();
  for (const ace of aces) {
    // Appended in place: copying the list for each entry made 50k entries quadratic.
    const list = byAcl.get(ace.acl) ?? [];
    byAcl.set(ace.acl, list);
    list.push(ace);
  }
  const bindings = config.groups.filter((g) => !g.controlPlane);
  const nameifs = orderedNameifs(config, bindings);
  const chains: Record<string, Chain> = {};
  const inbound: Rule[] = [stateRule(file)];
  const outbound: Rule[] = [stateRule(file)];
  const translations = staticTranslations(config, resolver, problems);
  inbound.push(...natMarkers(config, resolver, problems, translations.unapplied));

  inbound.push(...sameSecurityBlocks(config));

  const global = bindings.find((g) => g.direction === 'global');
  const globalChain = global ? `global ${global.acl}` : undefined;
  const bound = new Set<string>();
  for (const direction of ['in', 'out'] as const) {
    const byList = new Map<string, AccessGroup[]>();
    for (const g of bindings.filter((b) => b.direction === direction)) {
      byList.set(g.acl, [...(byList.get(g.acl) ?? []), g]);
    }
    for (const [acl, groups] of byList) {
      bound.add(acl);
      const zones = groups.map((g) => g.interface as string);
      const name = `${direction} ${acl}`;
      const scope = direction === 'in' ? { fromZones: zones } : { fromZones: nameifs, toZones: zones };
      const rules = aclRules(byAcl.get(acl), acl, groups[0] as AccessGroup, scope, problems);
      if (direction === 'in' && globalChain)
        rules.push({
          ...scope,
          verdict: { kind: 'goto', chain: globalChain },
          provenance: prov(file, global as AccessGroup, 'then the global access-list'),
        });
      chains[name] = { name, rules, ...(direction === 'in' && globalChain ? {} : { policy: 'drop' as const }) };
      const family = aclFamily(config, acl);
      const dispatch = {
        ...(direction === 'in' ? { fromZones: zones } : { toZones: zones }),
        ...(family ? { family } : {}),
      };
      (direction === 'in' ? inbound : outbound).push({
        ...dispatch,
        verdict: { kind: 'goto', chain: name },
        provenance: prov(file, groups[0] as AccessGroup),
      });
    }
  }
  const filteredFor = (family?: 4 | 6) =>
    new Set(
      bindings
        .filter(
          (b) => b.direction === 'in' && (family === undefined || aclFamily(config, b.acl) !== (family === 4 ? 6 : 4)),
        )
        .map((b) => b.interface as string),
    );
  const withInbound = filteredFor();
  if (global && globalChain) {
    bound.add(global.acl);
    chains[globalChain] = {
      name: globalChain,
      rules: aclRules(byAcl.get(global.acl), global.acl, global, { fromZones: nameifs }, problems),
      policy: 'drop',
    };
    const rest = nameifs.filter((n) => !withInbound.has(n));
    if (rest.length > 0)
      inbound.push({ fromZones: rest, verdict: { kind: 'goto', chain: globalChain }, provenance: prov(file, global) });
  } else if (preV9(config)) {
    // Each family falls back to security levels on an interface without an access-list of that family.
    for (const family of [4, 6] as const)
      inbound.push(...securityLevels(config, filteredFor(family)).map((r) => ({ ...r, family })));
  } else {
    inbound.push(...securityLevels(config, withInbound));
  }
  inbound.push({
    verdict: { kind: 'accept' },
    opaque: [
      'the packet enters by an interface this configuration does not name, or whose security level it does not give',
    ],
    provenance: { file, comment: 'interfaces without access-list or security level' },
  });
  for (const acl of byAcl.keys()) {
    if (!bound.has(acl)) {
      problems.warn(
        byAcl.get(acl)?.[0]?.line ?? 1,
        1,
        `access-list ${acl} is bound to no interface (access-group): it filters no traffic and is not checked`,
      );
    }
  }
  chains.inbound = { name: 'inbound', rules: inbound, policy: 'drop' };
  const objects = namedObjects(config, resolver);
  // Hardware names first: a nameif spelled like another interface's hardware name is the nameif.
  const placed = {
    ...placedInterfaces([
      ...config.interfaces.map((i): [string, string] => [i.hardware, i.name]),
      ...config.interfaces.map((i): [string, string] => [i.name, i.name]),
    ]),
    ...deviceRoutes(config),
  };
  // The outbound stage only where an outbound access-list exists: a box a later stage's policy accepts is reported
  // as decided by that policy, which would hide the inbound rule that let it through.
  const nat = translations.rules.length > 0 ? { destination: [NAT_CHAIN] } : undefined;
  if (nat) chains[NAT_CHAIN] = { name: NAT_CHAIN, rules: translations.rules, policy: 'accept' };
  if (outbound.length === 1)
    return { entry: 'inbound', chains, objects, defaultAction: 'drop', ...(nat ? { nat } : {}), ...placed };
  chains.outbound = { name: 'outbound', rules: outbound, policy: 'accept' };
  return {
    entry: 'inbound',
    stages: ['outbound'],
    chains,
    objects,
    defaultAction: 'drop',
    ...(nat ? { nat } : {}),
    ...placed,
  };
}

const NAT_CHAIN = 'nat (mapped to real)';

/**
 * Static translations as the NAT stage (8.3+: access-lists name real addresses, so a packet sent to a mapped
 * address is checked as sent to the real one): twice NAT first, then object NAT, in the order of the file. Before
 * 8.3 access-lists name mapped addresses: nothing is applied, and the translated addresses stay uncertain.
 */
function staticTranslations(
  config: AsaConfig,
  resolver: Resolver,
  problems: Problems,
): { rules: Rule[]; unapplied: Set<NatStatement> } {
  const unapplied = new Set<NatStatement>();
  const rules: Rule[] = [];
  const ordered = [
    ...config.nat.filter((n) => !n.text.startsWith('object ')),
    ...config.nat.filter((n) => n.text.startsWith('object ')),
  ];
  for (const n of ordered) {
    const t = n.inbound;
    if (!t) continue;
    const resolve = (m: Member<CidrSet>) =>
      'value' in m ? m.value : resolver.networksByName(m.ref.name, m.ref.line, m.ref.col);
    const mapped = resolve(t.mapped);
    const real = resolve(t.real);
    if (preV83(config) || !mapped.ok || !real.ok) {
      if (!mapped.ok || !real.ok)
        problems.warn(
          n.line,
          1,
          `translation not applied: ${mapped.ok ? (real.ok ? '' : real.reason) : mapped.reason}`,
        );
      unapplied.add(n);
      continue;
    }
    rules.push({
      ...(t.mappedInterface === 'any' ? {} : { fromZones: [t.mappedInterface] }),
      destination: mapped.value,
      ...(t.service
        ? { protocols: PortSet.of(t.service.protocol), destinationPorts: PortSet.of(t.service.mapped) }
        : {}),
      verdict: { kind: 'accept' },
      translate: { addresses: real.value, ...(t.service ? { ports: PortSet.of(t.service.real) } : {}) },
      provenance: { file: config.file, line: n.line, text: n.text },
    });
  }
  return { rules, unapplied };
}

/** Before 9.0: an access-list is IPv4 (`access-list`) or IPv6 (`ipv6 access-list`), bound side by side. */
export const preV9 = (config: AsaConfig): boolean => config.version !== undefined && config.version.major < 9;

/** The family an access-list filters before 9.0 (undefined from 9.0 on, or for a name used by both kinds). */
function aclFamily(config: AsaConfig, acl: string): 4 | 6 | undefined {
  const lines = config.acls.get(acl) ?? [];
  if (!preV9(config) || lines.length === 0) return undefined;
  if (lines.every((l) => l.ipv6)) return 6;
  return lines.some((l) => l.ipv6) ? undefined : 4;
}

const preV83 = (config: AsaConfig): boolean =>
  config.version !== undefined &&
  (config.version.major < 8 || (config.version.major === 8 && config.version.minor < 3));

const prov = (file: string, g: AccessGroup, comment?: string) => ({
  file,
  line: g.line,
  text: g.text,
  ...(comment ? { comment } : {}),
});

const stateRule = (file: string): Rule => ({
  states: ['established', 'related'],
  verdict: { kind: 'accept' },
  provenance: { file, comment: 'stateful: answers of connections let through' },
});

/**
 * Known interface names, those without an inbound access-list first: a rule written for every ingress interface is
 * checked (shadowing) from the first of them, so the first is the least filtered one.
 */
function orderedNameifs(config: AsaConfig, bindings: readonly AccessGroup[]): string[] {
  const names = new Set<string>(config.interfaces.map((i) => i.name));
  for (const b of bindings) if (b.interface) names.add(b.interface);
  const filtered = new Set(bindings.filter((b) => b.direction === 'in').map((b) => b.interface));
  const level = (n: string) => config.interfaces.find((i) => i.name === n)?.securityLevel?.level ?? -1;
  return [...names].sort((a, b) => Number(filtered.has(a)) - Number(filtered.has(b)) || level(b) - level(a));
}

function aclRules(
  aces: readonly Ace[] | undefined,
  acl: string,
  group: AccessGroup,
  scope: { fromZones?: string[]; toZones?: string[] },
  problems: Problems,
): Rule[] {
  if (!aces) {
    problems.warn(
      group.line,
      1,
      `access-group binds access-list ${acl}, which is not defined`,
      'the device refuses such a binding; its traffic is left undecided',
    );
    return [
      {
        ...scope,
        verdict: { kind: 'accept' },
        opaque: [`access-list ${acl} is not defined`],
        provenance: { file: problems.file, line: group.line, text: group.text },
      },
    ];
  }
  return aces.filter((a) => !a.inactive).flatMap((a) => a.rules.map((r) => ({ ...r, ...scope })));
}

/**
 * Interfaces of the same security level do not talk to each other, and a packet does not leave by the interface it
 * came in, whatever the access-lists permit, unless `same-security-traffic permit inter-interface` (or
 * `intra-interface`) says so (ASA configuration guide, "Allow Same Security Level Communication").
 */
function sameSecurityBlocks(config: AsaConfig): Rule[] {
  const out: Rule[] = [];
  for (const i of config.interfaces) {
    const level = i.securityLevel;
    const to = config.interfaces
      .filter((o) =>
        o.name === i.name
          ? !config.sameSecurity.intra
          : !config.sameSecurity.inter && level !== undefined && o.securityLevel?.level === level.level,
      )
      .map((o) => o.name);
    if (to.length === 0) continue;
    out.push({
      fromZones: [i.name],
      toZones: to,
      verdict: { kind: 'drop' },
      provenance: {
        file: config.file,
        line: level?.line ?? i.line,
        text: `interface ${i.hardware} (${i.name})${level ? `: ${level.text}` : ''}`,
        comment: 'same security level, or back out the same interface: only with same-security-traffic permit',
      },
    });
  }
  return out;
}

/** No access-list on the ingress interface: security levels decide (higher to lower passes). */
function securityLevels(config: AsaConfig, withInbound: ReadonlySet<string>): Rule[] {
  const out: Rule[] = [];
  const leveled = config.interfaces.filter(
    (i): i is AsaInterface & Required<Pick<AsaInterface, 'securityLevel'>> => i.securityLevel !== undefined,
  );
  const all = leveled.map((i) => i.name);
  for (const i of leveled) {
    if (withInbound.has(i.name)) continue;
    const level = i.securityLevel.level;
    const to = leveled
      .filter((o) =>
        o.name === i.name
          ? config.sameSecurity.intra
          : o.securityLevel.level < level || (o.securityLevel.level === level && config.sameSecurity.inter),
      )
      .map((o) => o.name);
    const provenance = {
      file: config.file,
      line: i.securityLevel.line,
      text: `interface ${i.hardware} (${i.name}): ${i.securityLevel.text}`,
      comment: 'no access-list bound: security levels decide',
    };
    if (to.length > 0) out.push({ fromZones: [i.name], toZones: to, verdict: { kind: 'accept' }, provenance });
    out.push({ fromZones: [i.name], toZones: all, verdict: { kind: 'drop' }, provenance });
  }
  return out;
}

/**
 * Addresses a translation may change, as uncertain rules (one that accepts and one that drops, both uninterpreted):
 * every verdict on traffic from or to them is indeterminate, named by the translation lines, never guessed. A
 * dynamic source translation alone (8.3+) marks its mapped addresses as destinations only: its sources are
 * rewritten after the access-lists, which match the real ones.
 */
function natMarkers(
  config: AsaConfig,
  resolver: Resolver,
  problems: Problems,
  unapplied: ReadonlySet<NatStatement>,
): Rule[] {
  const marked = {
    source: { set: CidrSet.empty(), lines: [] as number[] },
    destination: { set: CidrSet.empty(), lines: [] as number[] },
  };
  for (const n of config.nat) {
    const changes = unapplied.has(n) && n.inbound ? [n.inbound.mapped, n.inbound.real] : n.changes;
    const fields =
      n.onlyAsDestination && !preV83(config) ? (['destination'] as const) : (['source', 'destination'] as const);
    for (const m of changes) {
      const v = 'value' in m ? m.value : resolver.networksByName(m.ref.name, m.ref.line, m.ref.col);
      if (!v.ok)
        problems.warn(
          n.line,
          1,
          `translation not understood: ${v.reason}`,
          'every address is treated as possibly translated',
        );
      for (const field of fields) {
        const mark = marked[field];
        mark.set = v.ok ? mark.set.union(v.value) : CidrSet.all();
        if (!mark.lines.includes(n.line)) mark.lines.push(n.line);
      }
    }
  }
  return (['source', 'destination'] as const).flatMap((field) => {
    const { set, lines } = marked[field];
    if (set.isEmpty()) return [];
    const reason = `addresses translated by NAT (lines ${lines.join(', ')}${preV83(config) ? '; before 8.3 access-lists name mapped addresses' : '; access-lists name real addresses'})`;
    const provenance = { file: config.file, line: lines[0] as number, comment: reason };
    return (['accept', 'drop'] as const).map(
      (kind): Rule => ({ [field]: set, verdict: { kind }, opaque: [reason], provenance }),
    );
  });
}

function namedObjects(config: AsaConfig, resolver: Resolver): NamedObject[] {
  const out: NamedObject[] = [];
  for (const def of config.definitions.values()) {
    const provenance = { file: config.file, line: def.line, text: def.text };
    const description = def.description ? { description: def.description } : {};
    if (def.type === 'network') {
      const v = resolver.networks({ kind: def.kind, name: def.name, line: def.line, col: 1 });
      out.push({
        name: def.name,
        kind: 'addresses',
        ...(v.ok ? { addresses: v.value } : {}),
        ...description,
        provenance,
      });
    } else out.push({ name: def.name, kind: 'services', ...description, provenance });
  }
  return out;
}

/**
 * Where the ASA sends destinations: the networks its interfaces are on, the DHCP default route (`setroute`) and the
 * static routes, each by the nameif it leaves by (a route by an interface with no nameif, `Null0`, places nothing).
 */
function deviceRoutes(config: AsaConfig): { routes?: Route[] } {
  const nameifs = new Set(config.interfaces.map((i) => i.name));
  const routes: Route[] = [];
  const add = (destination: string, iface: string, line: number, text: string): void => {
    const set = CidrSet.parse([destination]);
    if (!set.ok || !nameifs.has(iface)) return;
    routes.push({
      destination: set.value,
      length: Number(destination.split('/')[1]),
      interface: iface,
      provenance: { file: config.file, line, text },
    });
  };
  for (const i of config.interfaces) for (const n of i.networks ?? []) add(n.destination, i.name, n.line, n.text);
  for (const r of config.routes) add(r.destination, r.interface, r.line, r.text);
  return routes.length > 0 ? { routes } : {};
}

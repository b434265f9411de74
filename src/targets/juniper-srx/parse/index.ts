import { fail, type Issue, type Result } from '../../../model/issues.js';
import { CidrSet } from '../../../net/cidr-set.js';
import { type ConfigFile, configIssue } from '../../../ruleset/config-file.js';
import { placedInterfaces, type Rule, type Ruleset } from '../../../ruleset/types.js';
import { lowerZonePolicy, negateSide, SESSION_RULE, type SideMatch, unionSides } from '../../kit/zone-policy.js';
import { AddressBooks } from './addresses.js';
import { Applications } from './applications.js';
import { hiddenConfiguration } from './hidden.js';
import { SrxNat } from './nat.js';
import { srxRoutes } from './routes.js';
import { isSetForm, readStatements, type Statement } from './statements.js';

export { PREDEFINED_APPLICATIONS } from './applications.js';

/** One security policy as written: its context (a zone pair, or global), its match and its action. */
export interface SrxPolicy {
  /** `undefined` for a global policy. */
  readonly fromZone?: string;
  readonly toZone?: string;
  readonly name: string;
  readonly line: number;
  readonly active: boolean;
  readonly match: Map<string, string[]>;
  action?: string;
  readonly other: Set<string>;
}

export interface SrxDocument {
  readonly policies: readonly SrxPolicy[];
  readonly addresses: number;
  readonly addressSets: number;
  readonly applications: readonly string[];
  readonly zones: ReadonlyMap<string, readonly string[]>;
  readonly defaultPolicy: 'permit-all' | 'deny-all';
  readonly ruleset: Ruleset;
}

export const SRX_CHAIN = 'security policies';
/** Static and destination NAT, before the policies (which match translated destinations). */
export const SRX_NAT_CHAIN = 'security nat (static, destination)';

const startsWith = (s: Statement, words: readonly string[]) => words.every((w, k) => s.words[k] === w);

/**
 * A Junos SRX configuration (`show configuration` braces or `| display set`) as a neutral ruleset: zone policies in
 * the order written, then global policies, then the default policy; sessions' answers first. A zone stands for
 * itself and for the interfaces bound to it. Deactivated policies are skipped and said. Static and destination NAT
 * are the ruleset's NAT stage (see nat.ts).
 */
export function parseSrxConfig(file: ConfigFile): Result<Ruleset> {
  const r = readSrx(file);
  return r.ok ? { ok: true, value: r.value.ruleset, warnings: r.warnings } : r;
}

/** Match conditions the reader turns into sets (`dynamic-application` only as any or none). */
const READ_MATCHES = new Set([
  'source-address',
  'destination-address',
  'source-address-excluded',
  'destination-address-excluded',
  'application',
  'dynamic-application',
]);

/** Match conditions that take no value. */
const MATCH_FLAGS = new Set(['source-address-excluded', 'destination-address-excluded']);

export function readSrx(file: ConfigFile): Result<SrxDocument> {
  const read = readStatements(file.text, file.path);
  const issues: Issue[] = [...read.issues];
  const isInactive = (s: Statement) => read.inactive.some((p) => startsWith(s, p.words));
  const books = new AddressBooks(file.path);
  const apps = new Applications(file.path);
  const zones = new Map<string, string[]>();
  const policies = new Map<string, SrxPolicy>();
  let defaultPolicy: 'permit-all' | 'deny-all' = 'deny-all';
  const nat = new SrxNat();
  for (const s of read.statements) {
    const w = s.words;
    const active = !isInactive(s);
    if (w[0] === 'applications') {
      if (active) apps.add(s);
    } else if (w[0] !== 'security') {
    } else if (w[1] === 'nat') {
      if (active) nat.add(s, 2);
    } else if (w[1] === 'address-book' && w[2] !== undefined) {
      if (active) books.add(w[2], w.slice(3), s.lines.slice(3));
    } else if (w[1] === 'zones' && w[2] === 'security-zone' && w[3] !== undefined) {
      const zone = w[3];
      const list = zones.get(zone) ?? [];
      zones.set(zone, list);
      if (w[4] === 'interfaces' && w[5] !== undefined && active && !list.includes(w[5])) list.push(w[5]);
      if (w[4] === 'address-book' && active) books.add(`zone ${zone}`, w.slice(5), s.lines.slice(5), zone);
    } else if (w[1] === 'policies') {
      if (w[2] === 'default-policy' && (w[3] === 'permit-all' || w[3] === 'deny-all')) defaultPolicy = w[3];
      const zoned = w[2] === 'from-zone' && w[4] === 'to-zone' && w[6] === 'policy';
      const global = w[2] === 'global' && w[3] === 'policy';
      if (!zoned && !global) continue;
      const at = zoned ? 7 : 4;
      const name = w[at] as string;
      if (name === undefined) continue;
      const key = zoned ? `${w[3]}>${w[5]}>${name}` : `global>${name}`;
      const policy = policies.get(key) ?? {
        ...(zoned ? { fromZone: w[3] as string, toZone: w[5] as string } : {}),
        name,
        line: s.lines[at] ?? 0,
        active: true,
        match: new Map<string, string[]>(),
        other: new Set<string>(),
      };
      policies.set(key, policy);
      const head = { words: w.slice(0, at + 1), lines: [] };
      if (isInactive(head)) (policy as { active: boolean }).active = false;
      if (!active) continue;
      const [section, key2] = w.slice(at + 1);
      if (section === 'match') {
        // `match source-address a destination-address b application c`: one command may set several conditions.
        const rest = w.slice(at + 2);
        for (let k = 0; k < rest.length; ) {
          const key = rest[k] as string;
          const value = MATCH_FLAGS.has(key) ? undefined : rest[k + 1];
          policy.match.set(key, [...(policy.match.get(key) ?? []), ...(value === undefined ? [] : [value])]);
          k += value === undefined ? 1 : 2;
        }
      } else if (section === 'then' && (key2 === 'permit' || key2 === 'deny' || key2 === 'reject')) {
        policy.action = key2;
      } else if (section === 'scheduler-name' && key2 !== undefined) {
        policy.other.add(`scheduler ${key2}`);
      }
    }
  }
  issues.push(...books.issues, ...apps.issues);

  const rules: Rule[] = [SESSION_RULE];
  const warnings: Issue[] = [];
  const hidden = hiddenConfiguration(read.statements);
  // Statements, none of them a Junos security one: another device's syntax (PAN-OS set commands look alike).
  // (No statement at all is an empty policy.)
  const security = ['security', 'applications', 'logical-systems', 'tenants'];
  if (
    read.statements.length > 0 &&
    hidden.groups.length === 0 &&
    !read.statements.some((s) => security.includes(s.words[0] ?? ''))
  )
    issues.push(
      configIssue(
        file.path,
        read.statements[0]?.lines[0] ?? 1,
        'no security or applications statement found: not a Junos SRX configuration',
        'give show configuration (or show configuration | display set) of the SRX',
      ),
    );
  for (const { label, line } of hidden.systems) {
    const only = policies.size === 0;
    const issue = configIssue(
      file.path,
      line,
      `${label} holds security policies of its own, which are ${only ? 'the only ones here' : 'not checked'}`,
      `give the configuration of one system (show configuration ${label})`,
    );
    issues.push(only ? issue : { ...issue, severity: 'warning' });
  }
  for (const { name, line } of hidden.groups) {
    const reason = `configuration inherited from group ${name} (apply-groups) is not read`;
    warnings.push({
      ...configIssue(file.path, line, reason, 'give the configuration as show configuration | display inheritance'),
      severity: 'warning',
    });
    // Both ways, so no verdict stands on what the group may add (a permit or a deny).
    for (const kind of ['accept', 'drop'] as const)
      rules.push({
        verdict: { kind },
        opaque: [reason],
        provenance: { file: file.path, line, text: `apply-groups ${name}` },
      });
  }
  const zoneOf = (zone: string): string[] => {
    const interfaces = zones.get(zone) ?? [];
    // Unit 0 is the interface itself when a site names it without its unit (ge-0/0/0.0 is ge-0/0/0).
    const bare = interfaces.filter((i) => i.endsWith('.0')).map((i) => i.slice(0, -2));
    return [...new Set([zone, ...interfaces, ...bare])];
  };
  const ordered = [...policies.values()].sort(
    (a, b) => Number(a.fromZone === undefined) - Number(b.fromZone === undefined),
  );
  for (const p of ordered) {
    const where =
      p.fromZone === undefined
        ? `global policy ${p.name}`
        : `from-zone ${p.fromZone} to-zone ${p.toZone} policy ${p.name}`;
    if (!p.active) {
      warnings.push({ ...configIssue(file.path, p.line, `${where} is deactivated: skipped`), severity: 'warning' });
      continue;
    }
    const missing = ['source-address', 'destination-address', 'application'].filter((k) => !p.match.get(k)?.length);
    if (missing.length > 0 || p.action === undefined) {
      issues.push(
        configIssue(
          file.path,
          p.line,
          `${where} has no ${[...missing.map((m) => `match ${m}`), ...(p.action ? [] : ['then permit, deny or reject'])].join(', ')}`,
          'a security policy needs match source-address, destination-address, application and a then action',
        ),
      );
      continue;
    }
    const opaque = [...p.other];
    for (const key of p.match.keys()) {
      if (!READ_MATCHES.has(key) && !(p.fromZone === undefined && (key === 'from-zone' || key === 'to-zone')))
        opaque.push(`match ${key} ${(p.match.get(key) ?? []).join(' ')}`.trim());
      if (key === 'dynamic-application' && (p.match.get(key) ?? []).some((a) => a !== 'any' && a !== 'none'))
        opaque.push(`match dynamic-application ${(p.match.get(key) ?? []).join(' ')}`);
    }
    const side = (key: string, zone: string | undefined): SideMatch => {
      const union = unionSides((p.match.get(key) ?? []).map((n) => books.resolve(n, zone)));
      return p.match.has(`${key}-excluded`) ? negateSide(union, CidrSet.all()) : union;
    };
    const from = p.fromZone === undefined ? p.match.get('from-zone') : [p.fromZone];
    const to = p.toZone === undefined ? p.match.get('to-zone') : [p.toZone];
    rules.push(
      ...lowerZonePolicy({
        source: side('source-address', p.fromZone),
        destination: side('destination-address', p.toZone),
        services: apps.resolve(p.match.get('application') ?? []),
        ...(from && from.length > 0 && !from.includes('any') ? { fromZones: from.flatMap(zoneOf) } : {}),
        ...(to && to.length > 0 && !to.includes('any') ? { toZones: to.flatMap(zoneOf) } : {}),
        action: p.action === 'permit' ? 'accept' : p.action === 'deny' ? 'drop' : 'reject',
        opaque,
        provenance: { file: file.path, line: p.line, text: where },
      }),
    );
  }
  if (issues.some((i) => i.severity === 'error')) return fail(issues);
  const natRules = nat.empty ? [] : nat.rules(file.path, zoneOf);
  // The zone of each interface bound to one, by its unit (ge-0/0/0.0) and, for unit 0, by its name alone.
  const placed = [...zones].flatMap(([zone, interfaces]) =>
    interfaces.flatMap((i): [string, string][] =>
      i.endsWith('.0')
        ? [
            [i, zone],
            [i.slice(0, -2), zone],
          ]
        : i.includes('.')
          ? [[i, zone]]
          : [
              [i, zone],
              [`${i}.0`, zone],
            ],
    ),
  );
  const ruleset: Ruleset = {
    entry: SRX_CHAIN,
    chains: {
      [SRX_CHAIN]: { name: SRX_CHAIN, rules, policy: defaultPolicy === 'permit-all' ? 'accept' : 'drop' },
      ...(natRules.length > 0
        ? { [SRX_NAT_CHAIN]: { name: SRX_NAT_CHAIN, rules: natRules, policy: 'accept' as const } }
        : {}),
    },
    objects: [],
    defaultAction: defaultPolicy === 'permit-all' ? 'accept' : 'drop',
    ...(natRules.length > 0 ? { nat: { destination: [SRX_NAT_CHAIN] } } : {}),
    ...placedInterfaces(placed),
    // Routes a group may add or change are not read: none then, rather than a table that may be wrong.
    ...(hidden.groups.length === 0 ? srxRoutes(read.statements, isInactive, file.path) : {}),
  };
  return {
    ok: true,
    value: {
      policies: [...policies.values()],
      addresses: books.addresses.length,
      addressSets: books.setCount,
      applications: apps.names,
      zones,
      defaultPolicy,
      ruleset,
    },
    warnings: [...issues, ...warnings],
  };
}

/** A cheap look at the text: Junos security statements in either form. */
export const looksLikeSrx = (text: string): boolean => {
  const head = text.slice(0, 262144);
  return isSetForm(head)
    ? /^\s*set (security|applications) /m.test(head)
    : /^\s*(security|applications)\s*\{/m.test(head);
};

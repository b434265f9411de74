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
import { COEXIST_PREFIX, coexistChoice, type Placement } from '../kit/placement.js';
import { portText, protocolGroups } from '../kit/plan.js';
import { isPanosZoneName, PANOS_CAPABILITIES, PANOS_NAME_RULES } from './capabilities.js';
import { panosNatLines } from './nat.js';
import type { PanosOptions } from './options.js';

/** `[ a b ]` for several members, the bare name for one. */
const list = (names: readonly string[]): string => (names.length === 1 ? `${names[0]}` : `[ ${names.join(' ')} ]`);

const addressBody = (m: Member): string =>
  m.kind === 'prefix' ? `ip-netmask ${withLength(m.prefix)}` : `fqdn ${m.value}`;

class PanosObjects {
  constructor(private readonly prefix: readonly string[]) {}
  // Addresses and address groups share a namespace; services have their own.
  private readonly addressNamer = createNamer(PANOS_NAME_RULES);
  readonly addresses = new ObjectPool<string>(this.addressNamer);
  readonly groups = new ObjectPool<string[]>(this.addressNamer);
  readonly services = new ObjectPool<string>(createNamer(PANOS_NAME_RULES));

  /** A role's rules share its endpoint: the side is worked out once per endpoint per render. */
  private readonly sides = new Map<string, string>();

  side(rule: AllowRule, which: 'source' | 'destination'): string {
    const ep = rule[which];
    return getOrMake(this.sides, ep.values.key, () => this.sideOf(ep));
  }

  private sideOf(ep: ParsedEndpoint): string {
    const members = sideMembers(ep);
    if (members === 'any') return 'any';
    const names = members.map((m) =>
      this.addresses.name([...this.prefix, ...memberParts(m)], addressBody(m), addressBody(m)),
    );
    if (names.length === 1) return list(names);
    return this.groups.name([...this.prefix, ...endpointParts(ep)], names.join(','), names);
  }

  /** One service object per protocol (PAN-OS services are single-protocol), ports as `a,b-c`. */
  service(rule: AllowRule): string {
    const names = protocolGroups(rule.services).map((g) => {
      const body = `protocol ${g.protocol} port ${g.ports.map((p) => portText(p)).join(',')}`;
      return this.services.name([...this.prefix, ...g.names.slice(0, 2), g.protocol], body, body);
    });
    return list(names);
  }
}

const RULE_HINT = text(
  'désignez une règle existante : de 1 à 63 lettres, chiffres, "_", ".", "-", en commençant par une lettre ou un chiffre',
  'name an existing rule: 1 to 63 letters, digits, "_", ".", "-", starting with a letter or digit',
);
const isRuleName = (name: string): boolean => /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/.test(name);

/**
 * `mode: coexist`: every rule and object name starts with `fm_`, and the file first deletes ours (rules, then the
 * groups, addresses and services they used) so a reload re-creates them instead of adding members to them.
 * `placement`: `top`, `bottom`, `before:<rule>` or `after:<rule>` — `move` commands put our rules there, in order.
 */
export function printPanos(slice: FirewallRuleset, options: PanosOptions = {}): Result<TargetOutput> {
  const { choice, issues: optionIssues } = coexistChoice(slice.firewall, options, isRuleName, RULE_HINT);
  if (!choice) return fail(optionIssues);
  const prefix = choice.coexist ? [COEXIST_PREFIX] : [];
  const objects = new PanosObjects(prefix);
  const ruleNames: string[] = [];
  const ruleNamer = createNamer(PANOS_NAME_RULES);
  const issues: Issue[] = [];
  const rules: string[] = [];
  for (const rule of slice.rules) {
    const zones = [rule.fromZone, rule.toZone];
    const bad = zones.find((z) => !isPanosZoneName(z));
    if (bad !== undefined) {
      issues.push(
        issue(
          'invalid-value',
          ['zones'],
          text(
            `le nom de zone "${safeText(bad, 40)}" n’est pas un nom de zone PAN-OS valide`,
            `zone name "${safeText(bad, 40)}" is not a valid PAN-OS zone name`,
          ),
          text(
            'utilisez de 1 à 31 caractères parmi lettres, chiffres, "_", ".", "-"',
            'use 1 to 31 characters among letters, digits, "_", ".", "-"',
          ),
        ),
      );
      continue;
    }
    const name = ruleNamer([...prefix, rule.origin.catalog, rule.origin.flow], rule.id);
    ruleNames.push(name);
    const description = quoted(rule.origin.label, PANOS_CAPABILITIES.maxCommentLength);
    const [src, dst, service] = [
      objects.side(rule, 'source'),
      objects.side(rule, 'destination'),
      objects.service(rule),
    ];
    rules.push(
      `set rulebase security rules ${name} from ${zones[0]} to ${zones[1]} source ${src} destination ${dst} service ${service} application any action allow description ${description}`,
    );
  }
  if (issues.length > 0) return fail(issues);

  const out: string[] = choice.coexist ? deletions(ruleNames, objects) : [];
  for (const { name, value } of objects.addresses.entries()) out.push(`set address ${name} ${value}`);
  for (const { name, value } of objects.groups.entries()) out.push(`set address-group ${name} static ${list(value)}`);
  for (const { name, value } of objects.services.entries()) out.push(`set service ${name} ${value}`);
  append(out, rules);
  append(out, panosNatLines(slice));
  if (choice.placement) append(out, moves(ruleNames, choice.placement));
  out.push('');
  return ok({
    artifacts: [
      { path: `${fileName(slice.firewall)}.panos.set`, content: out.join('\n'), mediaType: 'text/x-panos-set' },
    ],
    findings: [],
  });
}

/** Ours deleted before they are set again: rules first (they use the objects), then groups, then what groups hold. */
function deletions(ruleNames: readonly string[], objects: PanosObjects): string[] {
  return [
    ...ruleNames.map((n) => `delete rulebase security rules ${n}`),
    ...objects.groups.entries().map((e) => `delete address-group ${e.name}`),
    ...objects.addresses.entries().map((e) => `delete address ${e.name}`),
    ...objects.services.entries().map((e) => `delete service ${e.name}`),
  ];
}

/** The first rule goes where asked; each next one right after the one before, so ours keep their order. */
function moves(ruleNames: readonly string[], placement: Placement): string[] {
  const where = 'rule' in placement ? `${placement.at} ${placement.rule}` : placement.at;
  return ruleNames.map((n, i) => `move rulebase security rules ${n} ${i === 0 ? where : `after ${ruleNames[i - 1]}`}`);
}

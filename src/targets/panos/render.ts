import { fail, type Issue, issue, ok, type Result } from '../../model/issues.js';
import type { Endpoint } from '../../model/matrix.js';
import { append } from '../../util/append.js';
import { getOrMake } from '../../util/memo.js';
import { withLength } from '../core/cidr.js';
import { quoted, safeText } from '../core/escape.js';
import { createNamer, fileName } from '../core/names.js';
import { endpointParts, type Member, memberParts, ObjectPool, sideMembers } from '../core/objects.js';
import { portText, protocolGroups } from '../core/plan.js';
import { type FirewallRule, ruleLabel } from '../core/rules.js';
import type { FirewallSlice, TargetOutput } from '../core/target.js';
import { isPanosZoneName, PANOS_CAPABILITIES, PANOS_NAME_RULES } from './capabilities.js';

/** No option yet: zones come from the site, names from the catalog. */
export type PanosOptions = Record<string, never>;

/** `[ a b ]` for several members, the bare name for one. */
const list = (names: readonly string[]): string => (names.length === 1 ? `${names[0]}` : `[ ${names.join(' ')} ]`);

const addressBody = (m: Member): string =>
  m.kind === 'prefix' ? `ip-netmask ${withLength(m.prefix)}` : `fqdn ${m.value}`;

class PanosObjects {
  // Addresses and address groups share a namespace; services have their own.
  private readonly addressNamer = createNamer(PANOS_NAME_RULES);
  readonly addresses = new ObjectPool<string>(this.addressNamer);
  readonly groups = new ObjectPool<string[]>(this.addressNamer);
  readonly services = new ObjectPool<string>(createNamer(PANOS_NAME_RULES));

  /** A role's rules share its endpoint: the side is worked out once per endpoint per render. */
  private readonly sides = new Map<Endpoint, string>();

  side(rule: FirewallRule, which: 'source' | 'destination'): string {
    return getOrMake(this.sides, rule[which], (ep) => this.sideOf(ep));
  }

  private sideOf(ep: Endpoint): string {
    const members = sideMembers(ep.addresses);
    if (members === 'any') return 'any';
    const names = members.map((m) => this.addresses.name(memberParts(m), addressBody(m), addressBody(m)));
    if (names.length === 1) return list(names);
    return this.groups.name(endpointParts(ep), names.join(','), names);
  }

  /** One service object per protocol (PAN-OS services are single-protocol), ports as `a,b-c`. */
  service(rule: FirewallRule): string {
    const names = protocolGroups(rule.services).map((g) => {
      const body = `protocol ${g.protocol} port ${g.ports.map((p) => portText(p)).join(',')}`;
      return this.services.name([...g.names.slice(0, 2), g.protocol], body, body);
    });
    return list(names);
  }
}

export function renderPanos(slice: FirewallSlice, _options: Partial<PanosOptions> = {}): Result<TargetOutput> {
  const objects = new PanosObjects();
  const ruleNamer = createNamer(PANOS_NAME_RULES);
  const issues: Issue[] = [];
  const rules: string[] = [];
  for (const rule of slice.rules) {
    const zones = [rule.hop.fromZone, rule.hop.toZone];
    const bad = zones.find((z) => !isPanosZoneName(z));
    if (bad !== undefined) {
      issues.push(
        issue(
          'invalid-value',
          ['zones'],
          `zone name "${safeText(bad, 40)}" is not a valid PAN-OS zone name`,
          'use 1 to 31 characters among letters, digits, "_", ".", "-"',
        ),
      );
      continue;
    }
    const name = ruleNamer([rule.row.catalog, rule.row.flow], rule.id);
    const description = quoted(ruleLabel(rule), PANOS_CAPABILITIES.maxCommentLength);
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

  const out: string[] = [];
  for (const { name, value } of objects.addresses.entries()) out.push(`set address ${name} ${value}`);
  for (const { name, value } of objects.groups.entries()) out.push(`set address-group ${name} static ${list(value)}`);
  for (const { name, value } of objects.services.entries()) out.push(`set service ${name} ${value}`);
  append(out, rules).push('');
  return ok({
    artifacts: [
      { path: `${fileName(slice.firewall)}.panos.set`, content: out.join('\n'), mediaType: 'text/x-panos-set' },
    ],
    findings: [],
  });
}

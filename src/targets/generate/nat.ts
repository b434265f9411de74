import type { Finding } from '../../model/finding.js';
import type { Address, Endpoint, FirewallInfo, ServiceMatch } from '../../model/matrix.js';
import type { LegNat } from '../../model/nat.js';
import type { NatContext } from '../../ruleset/firewall.js';
import { stageFindings } from './findings.js';
import type { FirewallRule } from './rules.js';

/**
 * NAT as each platform sees it. A translated packet is filtered on different addresses by different platforms:
 * - `real`: the security rules match the real (post-DNAT) destination and the real (pre-SNAT) source — nftables and
 *   iptables in the forward chain, Cisco ASA 8.3+, Juniper SRX, FortiOS (whose policy names the VIP that maps to it);
 * - `pre-nat`: the rules match the address the client used (pre-NAT destination and port) with the post-NAT zone —
 *   PAN-OS.
 * A firewall further along the path than the translation sees the translated packet whatever its platform, and one
 * before it sees the original packet. A target that declares no NAT view gets no rule for a translated row: an
 * explicit `nat-unsupported` finding instead (fail closed).
 */
export type NatView = 'real' | 'pre-nat';

export type { NatContext } from '../../ruleset/firewall.js';

export const natContext = (
  info: FirewallInfo | undefined,
  zones: Readonly<Record<string, { readonly cidrs: readonly string[] }>>,
): NatContext | undefined =>
  info?.nat && info.nat.length > 0
    ? {
        rules: info.nat,
        interfaces: info.interfaces,
        zoneCidrs: Object.fromEntries(info.zones.map((z) => [z, zones[z]?.cidrs ?? []])),
      }
    : undefined;

/** `203.0.113.10` as a matrix address (`/32` or `/128`). */
export const hostAddress = (ip: string): Address => ({
  kind: 'cidr',
  family: ip.includes(':') ? 6 : 4,
  value: ip.includes(':') ? `${ip}/128` : `${ip}/32`,
});

const familyOf = (ip: string): 4 | 6 => (ip.includes(':') ? 6 : 4);

/** The endpoint with its address of `ip`'s family replaced by `ip` (the other family is routed untranslated). */
function translated(ep: Endpoint, ip: string, tag: string): Endpoint {
  const family = familyOf(ip);
  const others = ep.addresses.filter((a) => !(a.kind === 'cidr' && a.family === family));
  return { ...ep, addresses: [hostAddress(ip), ...others], bindings: [...ep.bindings.slice(0, 1), tag] };
}

/** The services a destination translation takes (the forwarded protocol and port), and the rest. */
function splitServices(
  services: readonly ServiceMatch[],
  d: NonNullable<LegNat['destination']>,
): { taken: ServiceMatch[]; rest: ServiceMatch[] } {
  if (!d.protocol) return { taken: [...services], rest: [] };
  const taken: ServiceMatch[] = [];
  const rest: ServiceMatch[] = [];
  const port = d.portAfter;
  for (const s of services) {
    if (s.protocol !== d.protocol) {
      rest.push(s);
      continue;
    }
    if (port === undefined) {
      taken.push(s);
      continue;
    }
    const inside = s.ports.filter((p) => p.from <= port && port <= p.to);
    if (inside.length === 0) {
      rest.push(s);
      continue;
    }
    taken.push({ ...s, ports: [{ from: port, to: port }] });
    const others = s.ports.flatMap((p) =>
      p.from <= port && port <= p.to
        ? [
            ...(p.from < port ? [{ from: p.from, to: port - 1 }] : []),
            ...(port < p.to ? [{ from: port + 1, to: p.to }] : []),
          ]
        : [p],
    );
    if (others.length > 0) rest.push({ ...s, ports: others });
  }
  return { taken, rest };
}

/** The same services on the port the client uses (a port forward 443 → 8443 is seen on 443 before it). */
const onPublicPort = (services: readonly ServiceMatch[], d: NonNullable<LegNat['destination']>): ServiceMatch[] =>
  d.portBefore === undefined || d.portBefore === d.portAfter
    ? [...services]
    : services.map((s) =>
        s.protocol === d.protocol ? { ...s, ports: [{ from: d.portBefore as number, to: d.portBefore as number }] } : s,
      );

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Each rule with the addresses this firewall filters on, given where on the path the leg's translations happen.
 * Rules of legs without NAT pass as they are (same objects).
 */
export function natRules(
  rules: readonly FirewallRule[],
  view: NatView | undefined,
  targetId: string,
): { rules: FirewallRule[]; findings: Finding[] } {
  const out: FirewallRule[] = [];
  const findings: Finding[] = [];
  for (const rule of rules) {
    const nat = rule.leg.nat;
    if (!nat) {
      out.push(rule);
      continue;
    }
    if (view === undefined) {
      findings.push(unsupportedFinding(rule, targetId, nat));
      continue;
    }
    const at = rule.leg.hops.indexOf(rule.hop);
    let source = rule.source;
    let masqueraded: LegNat | undefined;
    for (const n of nat) {
      if (!n.source || n.hop >= at) continue;
      if (n.source.after === undefined) masqueraded = n;
      else source = translated(source, n.source.after, 'nat');
    }
    if (masqueraded) {
      findings.push(masqueradeFinding(rule, targetId, masqueraded));
      continue;
    }
    const dnat = nat.find((n) => n.destination && (n.hop > at || (n.hop === at && view === 'pre-nat')));
    const d = dnat?.destination;
    const here = view === 'real' ? nat.find((n) => n.destination && n.hop === at)?.destination : undefined;
    if (here) {
      // The real address, reached only through the public one: the rule says so (ct original / --ctorigdst).
      const { taken, rest } = splitServices(rule.services, here);
      const natOriginal = {
        destination: here.before,
        ...(here.protocol ? { protocol: here.protocol } : {}),
        ...(here.portBefore !== undefined ? { port: here.portBefore } : {}),
      };
      out.push({ ...rule, source, services: taken, natOriginal });
      if (rest.length > 0) out.push({ ...rule, id: `${rule.id}:untranslated`, source, services: rest });
      continue;
    }
    if (!d) {
      out.push(source === rule.source ? rule : { ...rule, source });
      continue;
    }
    const { taken, rest } = splitServices(rule.services, d);
    const pre: Mutable<FirewallRule> = {
      ...rule,
      source,
      destination: translated(rule.destination, d.before, 'public'),
      services: onPublicPort(taken, d),
    };
    out.push(pre);
    if (rest.length > 0) out.push({ ...rule, id: `${rule.id}:untranslated`, source, services: rest });
  }
  return { rules: out, findings };
}

const describe = (nat: readonly LegNat[]): string =>
  nat
    .map((n) =>
      n.destination
        ? `${n.firewall}: ${n.destination.before} → ${n.destination.after}`
        : `${n.firewall}: source → ${n.source?.after ?? 'masquerade'}`,
    )
    .join('; ');

const unsupportedFinding = (rule: FirewallRule, targetId: string, nat: readonly LegNat[]): Finding =>
  stageFindings
    .forTarget(targetId)
    .raise('nat-unsupported', { row: rule.row, target: targetId, translations: describe(nat) });

const masqueradeFinding = (rule: FirewallRule, targetId: string, n: LegNat): Finding =>
  stageFindings
    .forTarget(targetId)
    .raise('nat-unsupported', { row: rule.row, target: targetId, masqueradedBy: n.firewall });

/**
 * For the proxy targets (PAC, Squid): they match the destination the client asks for. A source translation after
 * the proxy changes nothing they match; a destination translation on the leg they filter would, and they cannot
 * write it: such rules become `nat-unsupported` findings.
 */
export function proxyNatRules(
  rules: readonly FirewallRule[],
  targetId: string,
): { rules: FirewallRule[]; findings: Finding[] } {
  const kept: FirewallRule[] = [];
  const findings: Finding[] = [];
  for (const rule of rules) {
    const nat = rule.leg.nat?.filter((n) => n.destination);
    if (nat && nat.length > 0) findings.push(unsupportedFinding(rule, targetId, nat));
    else kept.push(rule);
  }
  return { rules: kept, findings };
}

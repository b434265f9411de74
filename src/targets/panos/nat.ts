import type { NatRule } from '../../model/nat.js';
import type { FirewallRuleset, NatContext } from '../../ruleset/firewall.js';

/**
 * PAN-OS NAT rules (`rulebase nat`), one per translation in `firewalls[].nat` order, named `fm-nat-<n>`. A NAT rule
 * names the zones of the original packet (a published address is reached from the outside zone to the outside
 * zone: its pre-NAT destination is routed there); security rules name the pre-NAT addresses with the post-NAT zone,
 * which is how the rules above are written. Masquerade uses the outgoing interface's address, so that interface
 * must be named under `interfaces:`.
 */
export function panosNatLines(slice: FirewallRuleset): string[] {
  const ctx = slice.nat;
  if (!ctx) return [];
  return ctx.rules.flatMap((rule) => natLines(ctx, rule));
}

function natLines(ctx: NatContext, rule: NatRule): string[] {
  const at = `set rulebase nat rules fm-nat-${rule.index}`;
  if (rule.type === 'static')
    return [
      `${at} from ${rule.privateZone} to ${rule.publicZone} source ${rule.private} destination any service any source-translation static-ip translated-address ${rule.public} bi-directional yes`,
    ];
  if (rule.type === 'destination') {
    const service = rule.protocol
      ? `fm-nat-${rule.index}-${rule.protocol}${rule.port === undefined ? '' : `-${rule.port}`}`
      : 'any';
    const port = rule.toPort ?? rule.port;
    return [
      ...(rule.protocol ? [`set service ${service} protocol ${rule.protocol} port ${rule.port ?? '1-65535'}`] : []),
      `${at} from ${rule.publicZone} to ${rule.publicZone} source any destination ${rule.public} service ${service} destination-translation translated-address ${rule.to}${port === undefined ? '' : ` translated-port ${port}`}`,
    ];
  }
  const translation =
    rule.address !== undefined
      ? `dynamic-ip-and-port translated-address ${rule.address}`
      : `dynamic-ip-and-port interface-address interface ${ctx.interfaces[rule.to] ?? rule.to}`;
  return [
    `${at} from ${rule.from} to ${rule.to} source any destination any service any source-translation ${translation}`,
  ];
}

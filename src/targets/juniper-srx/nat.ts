import type { NatRule } from '../../model/nat.js';
import type { FirewallRuleset } from '../../ruleset/firewall.js';

/**
 * Junos `security nat` rule sets: static NAT (both ways) and destination NAT from the zone the public address lies
 * in, source NAT per zone pair (a pool, or the egress interface). Rule sets are named after their zones
 * (`fm-static-internet`, `fm-dnat-internet`, `fm-snat-dmz-internet`), rules and pools after the translation's
 * position in `firewalls[].nat`. Security policies match the real addresses (static and destination NAT happen before
 * the policy lookup), which is how the policies above are written.
 */
export function srxNatLines(slice: FirewallRuleset): string[] {
  const ctx = slice.nat;
  if (!ctx) return [];
  const out: string[] = [];
  const declared = new Set<string>();
  const ruleSet = (kind: string, name: string, zones: string[]): string => {
    const at = `set security nat ${kind} rule-set ${name}`;
    if (!declared.has(at)) {
      declared.add(at);
      const [from, to] = zones;
      out.push(`${at} from zone ${from}`);
      if (to !== undefined) out.push(`${at} to zone ${to}`);
    }
    return at;
  };
  for (const rule of ctx.rules) lines(rule, ruleSet, out);
  return out;
}

const prefix = (ip: string): string => `${ip}/${ip.includes(':') ? 128 : 32}`;

function lines(rule: NatRule, ruleSet: (kind: string, name: string, zones: string[]) => string, out: string[]): void {
  const r = `rule r${rule.index}`;
  if (rule.type === 'static') {
    const at = ruleSet('static', `fm-static-${rule.publicZone}`, [rule.publicZone]);
    out.push(
      `${at} ${r} match destination-address ${prefix(rule.public)}`,
      `${at} ${r} then static-nat prefix ${prefix(rule.private)}`,
    );
    return;
  }
  if (rule.type === 'destination') {
    const pool = `fm-dnat-pool-${rule.index}`;
    const port = rule.toPort ?? rule.port;
    out.push(
      `set security nat destination pool ${pool} address ${prefix(rule.to)}${port === undefined ? '' : ` port ${port}`}`,
    );
    const at = ruleSet('destination', `fm-dnat-${rule.publicZone}`, [rule.publicZone]);
    out.push(`${at} ${r} match destination-address ${prefix(rule.public)}`);
    if (rule.protocol) out.push(`${at} ${r} match protocol ${rule.protocol}`);
    if (rule.port !== undefined) out.push(`${at} ${r} match destination-port ${rule.port}`);
    out.push(`${at} ${r} then destination-nat pool ${pool}`);
    return;
  }
  const at = ruleSet('source', `fm-snat-${rule.from}-${rule.to}`, [rule.from, rule.to]);
  const any = rule.family === 6 ? '::/0' : '0.0.0.0/0';
  out.push(`${at} ${r} match source-address ${any}`);
  if (rule.address === undefined) {
    out.push(`${at} ${r} then source-nat interface`);
    return;
  }
  const pool = `fm-snat-pool-${rule.index}`;
  out.splice(out.length - 1, 0, `set security nat source pool ${pool} address ${prefix(rule.address)}`);
  out.push(`${at} ${r} then source-nat pool ${pool}`);
}

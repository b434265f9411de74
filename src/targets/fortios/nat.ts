import type { Finding } from '../../model/finding.js';
import type { NatRule } from '../../model/nat.js';
import type { AllowRule, FirewallRuleset } from '../../ruleset/firewall.js';
import { fortiosFindings } from './findings.js';

/**
 * FortiOS NAT: a published address is a virtual IP (`firewall vip`, with `portforward` for one port), and the
 * policy that lets the Internet in names the VIP as its destination (the policy does not match the real address
 * alone). Source translation is a policy setting: `set nat enable` takes the outgoing interface's address, and an IP
 * pool (`firewall ippool`, overload or one-to-one) a fixed one. Names: `fm_vip_<n>`, `fm_pool_<n>` after the
 * translation's position in `firewalls[].nat`.
 */
export interface FortiosNat {
  readonly vips: readonly { readonly name: string; readonly lines: readonly string[] }[];
  readonly pools: readonly { readonly name: string; readonly lines: readonly string[] }[];
  /** IPv6 translations: no `vip6`/`ippool6` is written, each rule that crosses one says so. */
  readonly findings: readonly Finding[];
  /** The policy's lines with the VIP as destination and the source translation, for a rule crossing NAT here. */
  policy(rule: AllowRule, sets: readonly string[]): string[];
}

const vipName = (r: NatRule) => `fm_vip_${r.index}`;
const poolName = (r: NatRule) => `fm_pool_${r.index}`;

export function fortiosNat(slice: FirewallRuleset): FortiosNat {
  const ctx = slice.nat;
  const rules = ctx?.rules ?? [];
  const vips = rules.flatMap((r) => {
    if (r.type === 'source' || r.family !== 4) return [];
    const ext = ctx?.interfaces[r.publicZone] ?? 'any';
    const lines = [
      `set extip ${r.public}`,
      `set mappedip "${r.type === 'static' ? r.private : r.to}"`,
      `set extintf "${ext}"`,
      ...(r.type === 'destination' && r.protocol && r.port !== undefined
        ? [
            'set portforward enable',
            `set protocol ${r.protocol}`,
            `set extport ${r.port}`,
            `set mappedport ${r.toPort ?? r.port}`,
          ]
        : []),
    ];
    return [{ name: `"${vipName(r)}"`, lines }];
  });
  const pools = rules.flatMap((r) => {
    const address = r.type === 'static' ? r.public : r.type === 'source' ? r.address : undefined;
    if (address === undefined || address.includes(':')) return [];
    return [
      {
        name: `"${poolName(r)}"`,
        lines: [
          `set type ${r.type === 'static' ? 'one-to-one' : 'overload'}`,
          `set startip ${address}`,
          `set endip ${address}`,
        ],
      },
    ];
  });
  const findings = slice.rules.flatMap((rule) => {
    const v6 = (rule.nat ?? []).some((n) => n.destination?.before.includes(':') || n.source?.after?.includes(':'));
    return v6 ? [fortiosFindings.raise('nat-unsupported', { row: rule.origin })] : [];
  });
  return {
    vips,
    pools,
    findings,
    policy(rule, sets) {
      const here = rule.nat ?? [];
      if (here.length === 0) return [...sets];
      const dnat = here.find((n) => n.destination);
      const out = dnat
        ? sets.map((l) => (l.startsWith('set dstaddr ') ? `set dstaddr "${vipName(ruleOf(rules, dnat.rule))}"` : l))
        : [...sets];
      const snat = here.find((n) => n.source);
      if (snat) {
        out.push('set nat enable');
        const source = ruleOf(rules, snat.rule);
        if (snat.source?.after !== undefined) out.push('set ippool enable', `set poolname "${poolName(source)}"`);
      }
      return out;
    },
  };
}

const ruleOf = (rules: readonly NatRule[], index: number): NatRule => rules.find((r) => r.index === index) as NatRule;

import { type Issue, issue } from '../../model/issues.js';
import type { NatProtocol, NatRule } from '../../model/nat.js';
import { text } from '../../model/text.js';
import type { NatContext } from '../../ruleset/firewall.js';

/**
 * The Linux kernel's view of a firewall's translations, shared by nftables and iptables: destination translations
 * in prerouting (before routing picks the real host), source translations in postrouting (as the packet leaves).
 * The forward chain between them sees the real addresses, which is what the filter rules are written with.
 */
export interface LinuxNatStatement {
  readonly hook: 'prerouting' | 'postrouting';
  readonly family: 4 | 6;
  readonly inInterface?: string;
  readonly outInterface?: string;
  /** Source networks (a zone's CIDRs, or one host). */
  readonly sources?: readonly string[];
  readonly destination?: string;
  readonly protocol?: NatProtocol;
  readonly port?: number;
  readonly action:
    | { readonly kind: 'dnat'; readonly to: string; readonly port?: number }
    | { readonly kind: 'snat'; readonly to: string }
    | { readonly kind: 'masquerade' };
  readonly comment: string;
}

const familyOf = (text: string): 4 | 6 => (text.includes(':') ? 6 : 4);
const host = (ip: string): string => `${ip}/${familyOf(ip) === 4 ? 32 : 128}`;

/** `eth0` for a zone, or an issue naming the missing `interfaces:` entry (a source translation needs it). */
function interfaceOf(
  ctx: NatContext,
  firewall: string,
  zone: string,
  rule: NatRule,
  issues: Issue[],
): string | undefined {
  const name = ctx.interfaces[zone];
  if (name === undefined)
    issues.push(
      issue(
        'invalid-value',
        ['firewalls', firewall, 'interfaces'],
        text(
          `nat[${rule.index}] du pare-feu "${firewall}" traduit les sources qui sortent vers la zone "${zone}", qui n’a pas d’interface`,
          `nat[${rule.index}] of firewall "${firewall}" translates sources leaving to zone "${zone}", which has no interface`,
        ),
        text(
          `ajoutez interfaces: { ${zone}: <interface> } au pare-feu (la traduction s’applique aux paquets qui sortent par elle)`,
          `add interfaces: { ${zone}: <interface> } to the firewall (the translation applies to packets leaving through it)`,
        ),
      ),
    );
  return name?.replace(/\*$/, '');
}

export function linuxNatStatements(
  ctx: NatContext,
  firewall: string,
): { statements: LinuxNatStatement[]; issues: Issue[] } {
  const statements: LinuxNatStatement[] = [];
  const issues: Issue[] = [];
  for (const rule of ctx.rules) {
    const comment = `nat[${rule.index}] ${rule.type}`;
    if (rule.type === 'source') {
      const out = interfaceOf(ctx, firewall, rule.to, rule, issues);
      const cidrs = ctx.zoneCidrs[rule.from] ?? [];
      if (cidrs.length === 0) {
        issues.push(
          issue(
            'invalid-value',
            ['zones', rule.from, 'cidrs'],
            text(
              `nat[${rule.index}] du pare-feu "${firewall}" traduit les sources de la zone "${rule.from}", qui ne liste aucun cidr`,
              `nat[${rule.index}] of firewall "${firewall}" translates sources of zone "${rule.from}", which lists no cidrs`,
            ),
            text(
              'donnez à la zone ses réseaux (cidrs:) pour que la traduction ne s’applique qu’à eux',
              'give the zone its networks (cidrs:) so the translation applies to them only',
            ),
          ),
        );
        continue;
      }
      if (out === undefined) continue;
      for (const family of rule.address ? [familyOf(rule.address)] : ([4, 6] as const)) {
        const sources = cidrs.filter((c) => familyOf(c) === family);
        if (sources.length === 0) continue;
        statements.push({
          hook: 'postrouting',
          family,
          outInterface: out,
          sources,
          action: rule.address ? { kind: 'snat', to: rule.address } : { kind: 'masquerade' },
          comment,
        });
      }
      continue;
    }
    const publicIn = ctx.interfaces[rule.publicZone]?.replace(/\*$/, '');
    const inside = rule.type === 'static' ? rule.private : rule.to;
    statements.push({
      hook: 'prerouting',
      family: rule.family,
      ...(publicIn ? { inInterface: publicIn } : {}),
      destination: host(rule.public),
      ...(rule.type === 'destination' && rule.protocol ? { protocol: rule.protocol } : {}),
      ...(rule.type === 'destination' && rule.port !== undefined ? { port: rule.port } : {}),
      action: {
        kind: 'dnat',
        to: inside,
        ...(rule.type === 'destination' && rule.port !== undefined ? { port: rule.toPort ?? rule.port } : {}),
      },
      comment,
    });
    if (rule.type === 'static') {
      const out = interfaceOf(ctx, firewall, rule.publicZone, rule, issues);
      if (out !== undefined)
        statements.push({
          hook: 'postrouting',
          family: rule.family,
          outInterface: out,
          sources: [host(rule.private)],
          action: { kind: 'snat', to: rule.public },
          comment,
        });
    }
  }
  return { statements, issues };
}

/** A boolean option as the site file or `--option nat=yes` gives it. */
export const optionOn = (value: unknown): boolean => value === true || value === 'true' || value === 'yes';

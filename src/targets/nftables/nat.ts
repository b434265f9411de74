import type { Issue } from '../../model/issues.js';
import type { AllowRule, FirewallRuleset } from '../../ruleset/firewall.js';
import { type LinuxNatStatement, linuxNatStatements, optionOn } from '../kit/nat-linux.js';

/**
 * The table's NAT chains (`nat: true`): prerouting `dnat`, postrouting `snat`/`masquerade`, inside the same
 * `table inet` as the filter chain, so a reload replaces them with it. Without the option, a comment says what the
 * firewall translates and that these rules are not written.
 */
export function nftNatChains(slice: FirewallRuleset, options: { readonly nat?: unknown }, issues: Issue[]): string[] {
  const ctx = slice.nat;
  if (!ctx) return [];
  if (!optionOn(options.nat))
    return [
      `\t# ${ctx.rules.length} address translation(s) on this firewall are not written here: option nat: true writes them.`,
    ];
  const found = linuxNatStatements(ctx, slice.firewall);
  issues.push(...found.issues);
  const chain = (hook: 'prerouting' | 'postrouting', priority: string): string[] => {
    const lines = found.statements.filter((s) => s.hook === hook).map(statement);
    return lines.length === 0
      ? []
      : ['', `\tchain ${hook} {`, `\t\ttype nat hook ${hook} priority ${priority}; policy accept;`, ...lines, '\t}'];
  };
  return [...chain('prerouting', 'dstnat'), ...chain('postrouting', 'srcnat')];
}

function statement(s: LinuxNatStatement): string {
  const l3 = s.family === 4 ? 'ip' : 'ip6';
  const parts = [
    s.inInterface && `iifname "${s.inInterface}"`,
    s.outInterface && `oifname "${s.outInterface}"`,
    s.sources && `${l3} saddr ${s.sources.length === 1 ? s.sources[0] : `{ ${s.sources.join(', ')} }`}`,
    s.destination && `${l3} daddr ${s.destination}`,
    s.protocol && (s.port === undefined ? `meta l4proto ${s.protocol}` : `${s.protocol} dport ${s.port}`),
  ].filter(Boolean);
  const a = s.action;
  const to = (ip: string, port?: number): string =>
    port === undefined ? ip : s.family === 6 ? `[${ip}]:${port}` : `${ip}:${port}`;
  const action =
    a.kind === 'masquerade' ? 'masquerade' : `${a.kind} ${l3} to ${to(a.to, a.kind === 'dnat' ? a.port : undefined)}`;
  return `\t\t${parts.join(' ')} counter ${action} comment "${s.comment}"`;
}

/** `ct original ip daddr 203.0.113.10 ct original proto-dst 443 `: the rule lets through what came in by the public address. */
export function nftNatOriginal(rule: AllowRule, family: 4 | 6 | 'both'): string {
  const o = rule.natOriginal;
  if (!o || family === 'both' || (o.destination.includes(':') ? 6 : 4) !== family) return '';
  const port = o.port === undefined ? '' : `ct original proto-dst ${o.port} `;
  return `ct original ${family === 4 ? 'ip' : 'ip6'} daddr ${o.destination} ${port}`;
}

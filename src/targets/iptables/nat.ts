import type { Issue } from '../../model/issues.js';
import type { AllowRule, FirewallRuleset } from '../../ruleset/firewall.js';
import { objectName } from '../kit/names.js';
import { type LinuxNatStatement, linuxNatStatements, optionOn } from '../kit/nat-linux.js';

const CHAIN_NAME_RULES = { maxLength: 28, charset: /[A-Za-z0-9_-]/, separator: '-' } as const;

/** Our nat chains in coexist mode (the device's PREROUTING and POSTROUTING jump to them). */
const natChains = (firewall: string) => ({
  prerouting: objectName(['FMNAT-PRE', firewall], CHAIN_NAME_RULES),
  postrouting: objectName(['FMNAT-POST', firewall], CHAIN_NAME_RULES),
});

/**
 * The `*nat` table of one family (`nat: true`): DNAT in PREROUTING, SNAT/MASQUERADE in POSTROUTING. Replace mode
 * replaces the whole nat table (its header says so); coexist mode fills our own two chains, which the load script
 * jumps to once. Without the option, a comment line says the translations are not written.
 */
export function iptablesNatSection(
  slice: FirewallRuleset,
  options: { readonly nat?: unknown; readonly mode?: string },
  family: 4 | 6,
  issues: Issue[],
): string[] {
  const ctx = slice.nat;
  if (!ctx) return [];
  if (!optionOn(options.nat))
    return [
      `# ${ctx.rules.length} address translation(s) on this firewall are not written here: option nat: true writes them.`,
    ];
  const found = linuxNatStatements(ctx, slice.firewall);
  if (family === 4) issues.push(...found.issues);
  const statements = found.statements.filter((s) => s.family === family);
  if (statements.length === 0) return [];
  const coexist = options.mode === 'coexist';
  const chains = coexist ? natChains(slice.firewall) : { prerouting: 'PREROUTING', postrouting: 'POSTROUTING' };
  return [
    coexist
      ? `# nat table: chains ${chains.prerouting} and ${chains.postrouting} only (flushed and reloaded; the load script adds one jump to each).`
      : '# nat table: replaced whole (PREROUTING destination translations, POSTROUTING source translations).',
    '*nat',
    ...(coexist
      ? [`:${chains.prerouting} - [0:0]`, `:${chains.postrouting} - [0:0]`]
      : [':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]']),
    ...statements.map((s) => rule(s, s.hook === 'prerouting' ? chains.prerouting : chains.postrouting)),
    'COMMIT',
  ];
}

/** Load-script lines adding the jumps to our nat chains once (coexist with `nat: true`). */
export function iptablesNatJumps(slice: FirewallRuleset, options: { readonly nat?: unknown }): string[] {
  if (!slice.nat || !optionOn(options.nat)) return [];
  const chains = natChains(slice.firewall);
  const found = linuxNatStatements(slice.nat, slice.firewall).statements;
  return ([4, 6] as const).flatMap((family) => {
    if (!found.some((s) => s.family === family)) return [];
    const tool = family === 4 ? 'iptables' : 'ip6tables';
    return (['PREROUTING', 'POSTROUTING'] as const).map((hook) => {
      const chain = hook === 'PREROUTING' ? chains.prerouting : chains.postrouting;
      return `${tool} -t nat -C ${hook} -j ${chain} 2>/dev/null || ${tool} -t nat -I ${hook} 1 -j ${chain}`;
    });
  });
}

function rule(s: LinuxNatStatement, chain: string): string {
  const a = s.action;
  const to = (ip: string, port?: number): string =>
    port === undefined ? ip : s.family === 6 ? `[${ip}]:${port}` : `${ip}:${port}`;
  const target =
    a.kind === 'masquerade'
      ? '-j MASQUERADE'
      : a.kind === 'snat'
        ? `-j SNAT --to-source ${a.to}`
        : `-j DNAT --to-destination ${to(a.to, a.port)}`;
  return [
    `-A ${chain}`,
    s.inInterface && `-i ${s.inInterface}`,
    s.outInterface && `-o ${s.outInterface}`,
    s.sources && `-s ${s.sources.join(',')}`,
    s.destination && `-d ${s.destination}`,
    s.protocol && `-p ${s.protocol}`,
    s.port !== undefined && `--dport ${s.port}`,
    `-m comment --comment "${s.comment}"`,
    target,
  ]
    .filter(Boolean)
    .join(' ');
}

/** `-m conntrack --ctstate DNAT --ctorigdst 203.0.113.10 --ctorigdstport 443`: only what came in by the public address. */
export function iptablesNatOriginal(rule: AllowRule, family: 4 | 6): string {
  const o = rule.natOriginal;
  if (!o || (o.destination.includes(':') ? 6 : 4) !== family) return '';
  const port = o.port === undefined ? '' : ` --ctorigdstport ${o.port}`;
  return `-m conntrack --ctstate DNAT --ctorigdst ${o.destination}${port}`;
}

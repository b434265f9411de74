import type { Finding } from '../../model/finding.js';
import { fail, issue, ok, type Result } from '../../model/issues.js';
import type { Address } from '../../model/matrix.js';
import { text } from '../../model/text.js';
import { append } from '../../util/append.js';
import { checkCapabilities } from '../generate/capabilities.js';
import { forCapabilities, type ProxyContext } from '../generate/proxy.js';
import { type FirewallRule, ruleLabel } from '../generate/rules.js';
import type { FirewallSlice, TargetOutput } from '../generate/target.js';
import { isHostPattern, safeText } from '../kit/escape.js';
import { fileName } from '../kit/names.js';
import { PAC_CAPABILITIES } from './capabilities.js';
import { pacFindings } from './findings.js';
import { type M365Type, m365Route, splitM365 } from './m365.js';
import { bypassMatch, covers, ifBlock, jsString, type Match, matchCode, matchOf } from './match.js';
import type { PacOptions } from './options.js';

/** `PROXY 10.0.0.8:3128` from the proxy host's first address (IPv6 in brackets), or undefined. */
function proxyServer(ctx: ProxyContext): string | undefined {
  const a = ctx.address[0];
  if (!a) return undefined;
  if (a.kind === 'cidr') {
    const ip = a.value.replace(/\/\d+$/, '');
    return /^[0-9a-f:.]+$/i.test(ip) ? `PROXY ${a.family === 6 ? `[${ip}]` : ip}:${ctx.port}` : undefined;
  }
  return a.kind === 'fqdn' && isHostPattern(a.value) && !a.value.startsWith('*')
    ? `PROXY ${a.value}:${ctx.port}`
    : undefined;
}

const display = (a: Address): string => ('value' in a ? a.value : a.kind);

/** A test written earlier in the file, with where it came from and where it sends the request. */
interface Earlier {
  readonly match: Match;
  readonly by: string;
  readonly direct: boolean;
}

/** Blocks of one list (direct or proxied): one `if` per rule, each test written once in the whole file. */
class Section {
  readonly lines: string[] = [];
  constructor(
    private readonly earlier: Map<string, Earlier>,
    private readonly direct: boolean,
  ) {}

  add(label: string, matches: readonly Match[]): void {
    const fresh: string[] = [];
    for (const match of matches) {
      const code = matchCode(match);
      if (this.earlier.has(code)) continue;
      this.earlier.set(code, { match, by: label, direct: this.direct });
      fresh.push(code);
    }
    const comment = `\t// ${safeText(label, PAC_CAPABILITIES.maxCommentLength)}`;
    if (fresh.length === 0) this.lines.push(matches.length === 0 ? comment : `${comment} (destinations listed above)`);
    else this.lines.push(comment, ...ifBlock(fresh, this.direct ? 'direct' : 'proxyServer'));
  }
}

export function printPac(slice: FirewallSlice, options: PacOptions = {}): Result<TargetOutput> {
  const ctx = slice.proxy;
  const server = ctx ? proxyServer(ctx) : undefined;
  if (!ctx || !server) {
    return fail([
      issue(
        'target-unsupported',
        ['proxy', 'host'],
        ctx
          ? text(
              `proxy "${safeText(ctx.name, 60)}" : son hôte n’a aucune adresse utilisable`,
              `proxy "${safeText(ctx.name, 60)}": its host has no usable address`,
            )
          : text('pac produit le fichier du proxy du site', 'pac renders for the site’s proxy'),
        text(
          'donnez à l’hôte du proxy une adresse IP ou un nom DNS sous hosts:',
          'give the proxy host an IP address or a DNS name under hosts:',
        ),
      ),
    ]);
  }
  const byDefault = options.default === 'direct' ? 'direct' : 'proxy';
  const m365Type = options.m365Type;
  const findings: Finding[] = [];
  const earlier = new Map<string, Earlier>();

  // 1. Exceptions: the site's bypass list and the internal zones.
  const exceptions: string[] = [];
  const bypass: Match[] = [];
  for (const entry of ctx.bypass) {
    const m = bypassMatch(entry);
    if (m) bypass.push(m);
    else {
      findings.push(pacFindings.raise('bypass', { entry }));
    }
  }
  if (bypass.length > 0) {
    const codes = [...new Set(bypass.map(matchCode))];
    for (const match of bypass) earlier.set(matchCode(match), { match, by: 'proxy.bypass', direct: true });
    exceptions.push('\t// The site’s bypass list (proxy.bypass)', ...ifBlock(codes, 'direct'));
  }
  exceptions.push(...internalDomainLines(ctx.internalDomains, earlier, findings));
  for (const { zone, cidrs } of ctx.internal) {
    const nets = cidrs.map((c) => bypassMatch(c)).filter((m): m is Match => m?.kind === 'net');
    const v6 = cidrs.filter((c) => c.includes(':'));
    if (v6.length > 0) {
      findings.push(pacFindings.raise('ipv6-zone', { zone, prefixes: v6 }));
    }
    const fresh = nets.filter((m) => !earlier.has(matchCode(m)));
    for (const match of fresh) earlier.set(matchCode(match), { match, by: `zone ${zone}`, direct: true });
    const codes = [...new Set(fresh.map(matchCode))];
    if (codes.length === 0) continue;
    exceptions.push(
      `\t// Internal zone ${safeText(zone, 60)}: addresses, not reached through the proxy`,
      ...ifBlock(codes, 'direct'),
    );
  }

  // 2. Direct: rows the matrix sends around the proxy. 3. Through the proxy: rows with row.proxy.
  const directChecked = checkCapabilities(
    ctx.direct.map((r) => forCapabilities(r, { capabilities: PAC_CAPABILITIES })),
    { id: 'pac', capabilities: PAC_CAPABILITIES },
  );
  append(findings, directChecked.findings);
  if (directChecked.issues.length > 0) return fail(directChecked.issues);
  // Proxied rows were checked by the caller: those the m365Type option sends direct need no second check.
  const routed = m365Type
    ? splitM365(slice.rules, directChecked.rules, m365Type)
    : { direct: directChecked.rules, proxied: slice.rules, findings: [] };
  append(findings, routed.findings);
  if (m365Type) exceptions.push(...m365Exceptions(routed.direct, routed.proxied, m365Type, earlier));
  const direct = new Section(earlier, true);
  const proxied = new Section(earlier, false);
  // The DIRECT tests, gathered once the direct section is written (proxied rows are placed after it).
  let directList: Earlier[] | undefined;
  const directs = (): Earlier[] => {
    directList ??= [...earlier.values()].filter((e) => e.direct);
    return directList;
  };
  const place = (rule: FirewallRule, section: Section, verdict: 'direct' | 'proxy') => {
    const matches: Match[] = [];
    for (const a of rule.destination.addresses) {
      if (a.kind === 'any') {
        if (verdict !== byDefault) findings.push(anyFinding(rule, verdict));
        continue;
      }
      const m = matchOf(a);
      if (m) matches.push(m);
      else findings.push(unreadable(rule, display(a)));
    }
    if (verdict === 'proxy') {
      // A test listed earlier that returns DIRECT wins: say so rather than let the proxied row look honoured.
      for (const m of matches) {
        if (earlier.get(matchCode(m))?.direct === false) continue; // an exception written before the direct tests
        const before = directs().find((e) => covers(e.match, m));
        if (before) findings.push(conflict(rule, matchCode(m), before.by));
      }
    }
    const hasAny = rule.destination.addresses.some((a) => a.kind === 'any');
    section.add(hasAny ? `${ruleLabel(rule)} (any destination: the default applies)` : ruleLabel(rule), matches);
  };
  for (const rule of routed.direct) place(rule, direct, 'direct');
  for (const rule of routed.proxied) place(rule, proxied, 'proxy');

  const site = safeText(slice.site.id, 80);
  const out = [
    `// flowmatrix: PAC file for proxy ${safeText(ctx.name, 60)} of site ${site}. Generated: change the catalog or the site, not this file.`,
    '// Order as Microsoft’s Get-PacFile: exceptions, then direct destinations, then destinations through the proxy, then the default.',
    '// A PAC file only routes requests: ports and sources are enforced by the proxy and the firewalls.',
    'function FindProxyForURL(url, host) {',
    '\tvar direct = "DIRECT";',
    `\tvar proxyServer = ${jsString(server)};`,
    '\thost = host.toLowerCase();',
    '\t// isInNet is only asked about address literals: a name is never resolved to choose a route.',
    '\tvar isIpV4 = /^\\d{1,3}(\\.\\d{1,3}){3}$/.test(host);',
    '',
    '\t// 1. Exceptions: names without a dot (intranet)',
    '\tif (isPlainHostName(host))',
    '\t\treturn direct;',
    ...exceptions,
    '',
    '\t// 2. Direct: flows the matrix does not send through the proxy',
    ...direct.lines,
    '',
    '\t// 3. Through the proxy',
    ...proxied.lines,
    '',
    byDefault === 'proxy'
      ? '\t// 4. Default (option default: proxy): everything else is the Internet, through the proxy'
      : '\t// 4. Default (option default: direct): everything else goes direct, only the destinations above use the proxy',
    `\treturn ${byDefault === 'proxy' ? 'proxyServer' : 'direct'};`,
    '}',
    '',
  ];
  return ok({
    artifacts: [
      { path: `${fileName(ctx.name)}.pac`, content: out.join('\n'), mediaType: 'application/x-ns-proxy-autoconfig' },
    ],
    findings,
  });
}

/**
 * Get-PacFile's exceptions: a Microsoft 365 name of a proxied category that a DIRECT wildcard covers
 * (`*-files.sharepoint.com` under `*.sharepoint.com`) is tested first and sent to the proxy. A name a DIRECT row
 * lists as such stays direct: the highest category wins (Microsoft's documentation).
 */
function m365Exceptions(
  direct: readonly FirewallRule[],
  proxied: readonly FirewallRule[],
  type: M365Type,
  earlier: Map<string, Earlier>,
): string[] {
  const matchesOf = (rule: FirewallRule): Match[] =>
    rule.destination.addresses.map((a) => matchOf(a)).filter((m): m is Match => m !== undefined);
  const directM365 = direct.filter((r) => m365Route(r.row, type) === 'direct').flatMap(matchesOf);
  const listedDirect = new Set(directM365.map(matchCode));
  const codes: string[] = [];
  for (const rule of proxied) {
    if (m365Route(rule.row, type) !== 'proxy') continue;
    for (const m of matchesOf(rule)) {
      const code = matchCode(m);
      if (listedDirect.has(code) || earlier.has(code)) continue;
      if (!directM365.some((d) => matchCode(d) !== code && covers(d, m))) continue;
      earlier.set(code, { match: m, by: ruleLabel(rule), direct: false });
      codes.push(code);
    }
  }
  return codes.length === 0
    ? []
    : [
        `\t// Microsoft 365 (m365Type ${type}): names under a DIRECT wildcard that go through the proxy, as Get-PacFile writes them`,
        ...ifBlock(codes, 'proxyServer'),
      ];
}

const anyFinding = (rule: FirewallRule, verdict: 'direct' | 'proxy'): Finding =>
  pacFindings.raise('any-destination', { row: rule.row, verdict });

const unreadable = (rule: FirewallRule, value: string): Finding =>
  pacFindings.raise('invalid-address', { row: rule.row, value });

const conflict = (rule: FirewallRule, code: string, firstBy: string): Finding =>
  pacFindings.raise('direct-and-proxied', { row: rule.row, code, firstBy });

/** The site's internal domains: each one and every name below it goes DIRECT, listed once. */
function internalDomainLines(domains: readonly string[], earlier: Map<string, Earlier>, findings: Finding[]): string[] {
  const codes: string[] = [];
  for (const domain of domains) {
    const match = bypassMatch(`.${domain.trim().replace(/^\./, '').replace(/\.$/, '')}`);
    if (!match) {
      findings.push(pacFindings.raise('internal-domain', { domain }));
      continue;
    }
    const code = matchCode(match);
    if (earlier.has(code)) continue;
    earlier.set(code, { match, by: 'internalDomains', direct: true });
    codes.push(code);
  }
  return codes.length === 0 ? [] : ['\t// The site’s internal domains (internalDomains)', ...ifBlock(codes, 'direct')];
}

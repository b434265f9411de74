import type { Finding } from '../../model/finding.js';
import { didYouMeanText, fail, type Issue, issue, ok, type Result } from '../../model/issues.js';
import type { Address, Matrix, MatrixRow } from '../../model/matrix.js';
import { text } from '../../model/text.js';
import { targetOptions } from '../kit/options.js';
import { checkCapabilities, unboundRole } from './capabilities.js';
import { stageFindings } from './findings.js';
import { proxyNatRules } from './nat.js';
import { type FirewallRule, nonNetworkFinding } from './rules.js';
import type { ProxyTarget, Target, TargetOutput } from './target.js';

/**
 * Proxy targets (PAC, Squid) render for the site's outbound proxy, not for a firewall. Their slice is the rows
 * through the proxy, each seen as the proxy sees it: the client (first leg's source) asking for the destination
 * (second leg) on the destination's ports. The rest of what a proxy target needs (its address, bypass list,
 * internal zones, the rows that go around it) travels in `ProxyContext`.
 */
export interface ProxyContext {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly address: readonly Address[];
  /** Destination zones reached through the proxy. */
  readonly zones: readonly string[];
  readonly bypass: readonly string[];
  /** The site's internal DNS domains: names in them are reached directly. */
  readonly internalDomains: readonly string[];
  /** Zones not reached through the proxy that have prefixes: clients reach them directly. */
  readonly internal: readonly { readonly zone: string; readonly cidrs: readonly string[] }[];
  /**
   * TCP rows reaching the proxy's zones without it (the matrix says direct: bypass, `proxy: never`), not
   * capability-checked: a target that lists them checks them itself.
   */
  readonly direct: readonly FirewallRule[];
}

export interface ProxySliceResult {
  readonly context: ProxyContext;
  readonly rules: FirewallRule[];
  readonly findings: Finding[];
}

const proxyRule = (row: MatrixRow, proxyName: string, targetId: string): FirewallRule | undefined => {
  const [toProxy, fromProxy] = row.legs;
  if (!toProxy || !fromProxy) return undefined;
  return {
    id: `${row.key}:proxy`,
    row,
    legIndex: 1,
    leg: fromProxy,
    hop: { firewall: proxyName, platform: targetId, fromZone: toProxy.zoneFrom, toZone: fromProxy.zoneTo },
    source: toProxy.source,
    destination: fromProxy.destination,
    services: fromProxy.services,
  };
};

const directRule = (row: MatrixRow, proxyName: string, targetId: string): FirewallRule => {
  const leg = row.legs[0] ?? {
    source: row.source,
    destination: row.destination,
    services: row.services,
    zoneFrom: row.zoneFrom,
    zoneTo: row.zoneTo,
    hops: [],
    viaProxy: false,
  };
  return {
    id: `${row.key}:direct`,
    row,
    legIndex: 0,
    leg,
    hop: { firewall: proxyName, platform: targetId, fromZone: row.zoneFrom, toZone: row.zoneTo },
    source: row.source,
    destination: row.destination,
    services: row.services,
  };
};

/** A row marked as through the proxy must have its two legs (the resolver builds them); a hand-edited matrix may not. */
const noProxyLeg = (row: MatrixRow, targetId: string): Finding =>
  stageFindings.forTarget(targetId).raise('proxy-legs', { row });

/** The proxy's rules (rows with `row.proxy`), the direct rows and the context, or an error when there is no proxy. */
export function sliceForProxy(matrix: Matrix, targetId: string): Result<ProxySliceResult> {
  const proxy = matrix.proxy;
  if (!proxy) {
    return fail([
      issue(
        'target-unsupported',
        ['proxy'],
        text(
          `${targetId} produit la configuration du proxy sortant du site, et le site ${matrix.site.id} n’en déclare aucun`,
          `${targetId} renders for the site's outbound proxy, and site ${matrix.site.id} declares none`,
        ),
        text(
          'déclarez proxy: (name, host, port, zones) dans le site',
          'declare proxy: (name, host, port, zones) in the site',
        ),
      ),
    ]);
  }
  // Older matrices carry no zone list: the zones the proxied rows reach are the proxy's.
  const zones = proxy.zones ?? [...new Set(matrix.rows.filter((r) => r.proxy).map((r) => r.zoneTo))];
  const proxied = new Set(zones);
  const rules: FirewallRule[] = [];
  const direct: FirewallRule[] = [];
  const findings: Finding[] = [];
  for (const row of matrix.rows) {
    const outbound = proxied.has(row.zoneTo) && !proxied.has(row.zoneFrom);
    if (row.kind !== 'network') {
      if (outbound) findings.push(nonNetworkFinding(row, targetId));
      continue;
    }
    if (row.proxy?.name === proxy.name) {
      const rule = proxyRule(row, proxy.name, targetId);
      if (rule) rules.push(rule);
      else findings.push(noProxyLeg(row, targetId));
      continue;
    }
    const fromProxyHost = row.source.bindings.includes(proxy.host);
    if (outbound && !fromProxyHost && row.services.some((s) => s.protocol === 'tcp')) {
      direct.push(directRule(row, proxy.name, targetId));
    }
  }
  const internal = Object.entries(matrix.zones)
    .filter(([name, zone]) => !proxied.has(name) && zone.kind !== 'external' && zone.cidrs.length > 0)
    .map(([zone, z]) => ({ zone, cidrs: z.cidrs }));
  return ok({
    context: {
      name: proxy.name,
      host: proxy.host,
      port: proxy.port,
      address: proxy.address,
      zones,
      bypass: proxy.bypass ?? [],
      internalDomains: proxy.internalDomains ?? [],
      internal,
      direct,
    },
    rules,
    findings,
  });
}

const ANY_SOURCE: Address[] = [{ kind: 'any' }];

/** A target that never sees the source (`sources: false`) is checked on the destination only. */
export const forCapabilities = (rule: FirewallRule, target: Pick<Target, 'capabilities'>): FirewallRule =>
  target.capabilities.sources === false ? { ...rule, source: { ...rule.source, addresses: ANY_SOURCE } } : rule;

/** slice → capability check → render for the site's proxy. `firewall`, when given, must name the proxy. */
export function generateForProxy<O>(
  target: ProxyTarget<O>,
  matrix: Matrix,
  opts: { readonly firewall?: string; readonly options?: Partial<O> } = {},
): Result<TargetOutput> {
  const sliced = sliceForProxy(matrix, target.id);
  if (!sliced.ok) return fail(sliced.issues);
  const { context } = sliced.value;
  // A destination translation on the proxied leg would change what the proxy matches: never written silently.
  const { rules, findings: natFindings } = proxyNatRules(sliced.value.rules, target.id);
  if (opts.firewall !== undefined && opts.firewall !== context.name) {
    return fail([
      issue(
        'unknown-firewall',
        ['proxy', 'name'],
        text(
          `${target.id} produit la configuration du proxy "${context.name}", pas de "${opts.firewall}"`,
          `${target.id} renders for the proxy "${context.name}", not for "${opts.firewall}"`,
        ),
        didYouMeanText(opts.firewall, [context.name]) ??
          text(
            `retirez --firewall, ou nommez le proxy "${context.name}"`,
            `leave out --firewall, or name the proxy "${context.name}"`,
          ),
      ),
    ]);
  }
  // A proxied request is two connections (client → proxy, proxy → destination): the destination is checked alone
  // (no IP-family match with the client), and the client's addresses are given back for the target to read.
  const byId = new Map(rules.map((r) => [r.id, r]));
  const checked = checkCapabilities(
    rules.map((r) => ({ ...r, source: { ...r.source, addresses: ANY_SOURCE } })),
    target,
  );
  const issues: Issue[] = [...checked.issues];
  if (target.capabilities.sources !== false) {
    for (const r of rules.filter((x) => x.source.addresses.length === 0))
      issues.push(unboundRole(r, 'source', target.id));
  }
  const checkedRules = checked.rules.map((r) => ({ ...r, source: byId.get(r.id)?.source ?? r.source }));
  const findings: Finding[] = [...sliced.value.findings, ...natFindings, ...checked.findings];
  const options = targetOptions(target, undefined, undefined, opts.options);
  if (!options.ok) return fail([...issues, ...options.issues]);
  const rendered = target.print(
    { site: matrix.site, firewall: context.name, rules: checkedRules, proxy: context },
    options.value as Partial<O>,
  );
  if (!rendered.ok) issues.push(...rendered.issues);
  if (issues.length > 0 || !rendered.ok) return fail(issues);
  return ok(
    { artifacts: rendered.value.artifacts, findings: [...findings, ...rendered.value.findings] },
    rendered.warnings,
  );
}

import { didYouMean, type Issue, issue } from '../model/issues.js';
import type { ServiceMatch } from '../model/matrix.js';
import { PortSet, type PortSpec, parsePortSpec } from '../net/index.js';
import type { PolicyEntry } from './schemas.js';

/**
 * Zone-pair policy: which zones may talk, and on what. The most specific entry wins: `from → to`, then
 * `from → any`, then `any → to`, then `any → any`. A pair no entry covers is not judged.
 */
export function policyFor(
  policy: readonly PolicyEntry[],
  from: string,
  to: string,
): { entry: PolicyEntry; index: number } | undefined {
  for (const [f, t] of [
    [from, to],
    [from, 'any'],
    ['any', to],
    ['any', 'any'],
  ] as const) {
    const index = policy.findIndex((p) => p.from === f && p.to === t);
    if (index >= 0) return { entry: policy[index] as PolicyEntry, index };
  }
  return undefined;
}

/** `tcp/443` or the zone-matrix tools' `tcp 443`; `any` for every protocol. */
export function parsePolicyService(
  text: string,
): { ok: true; value: PortSpec | 'any' } | { ok: false; message: string } {
  const t = text.trim();
  if (/^any$/i.test(t)) return { ok: true, value: 'any' };
  const r = parsePortSpec(t.replace(/^([a-z0-9]+)\s+(?=\S)/i, '$1/'));
  return r.ok ? r : { ok: false, message: r.message };
}

/**
 * What a list of policy services allows of one protocol, as one port set (their union: `tcp/80, tcp/443` together
 * cover a service on `80,443`), or `all` when an entry covers the whole protocol.
 */
function allowedPorts(specs: readonly (PortSpec | 'any')[], s: ServiceMatch): PortSet | 'all' | undefined {
  let union: PortSet | undefined;
  for (const spec of specs) {
    if (spec === 'any' || spec.protocol === 'ip') return 'all';
    if (spec.protocol !== s.protocol) continue;
    if (spec.ports.length === 0) {
      // A portless entry (icmp, icmp/8, esp): the whole protocol, or one ICMP type.
      if (spec.icmpType === undefined || spec.icmpType === s.icmpType) return 'all';
      continue;
    }
    union = (union ?? PortSet.empty()).union(PortSet.fromRanges(spec.ports));
  }
  return union;
}

/** Whether the policy services cover all of the service (`within`) or some of it (`overlaps`). */
function covers(specs: readonly (PortSpec | 'any')[], s: ServiceMatch, test: 'within' | 'overlaps'): boolean {
  const allowed = allowedPorts(specs, s);
  if (allowed === undefined) return false;
  if (allowed === 'all') return true;
  if (s.ports.length === 0) return false;
  const ports = PortSet.fromRanges(s.ports);
  return test === 'within' ? allowed.contains(ports) : allowed.overlaps(ports);
}

/** Services of a leg the entry forbids (empty: the leg complies). Unparsable entry services are ignored here (the loader reports them). */
export function violations(entry: PolicyEntry, services: readonly ServiceMatch[]): ServiceMatch[] {
  const specs = entry.services.flatMap((s) => {
    const r = parsePolicyService(s);
    return r.ok ? [r.value] : [];
  });
  switch (entry.access) {
    case 'allow-all':
      return [];
    case 'block-all':
      return [...services];
    case 'allow-only':
      return services.filter((s) => !covers(specs, s, 'within'));
    case 'block-only':
      return services.filter((s) => covers(specs, s, 'overlaps'));
  }
}

/** What zod cannot see: zone names the site does not declare, services that do not parse. Paths into the site. */
export function checkPolicy(policy: readonly PolicyEntry[], zones: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  policy.forEach((p, i) => {
    for (const side of ['from', 'to'] as const) {
      const zone = p[side];
      if (zone !== 'any' && !zones.includes(zone))
        issues.push(
          issue(
            'unknown-zone',
            ['policy', i, side],
            `policy zone "${zone}" is not declared under zones:`,
            didYouMean(zone, [...zones, 'any']) ?? `zones: ${zones.join(', ')}, or any`,
          ),
        );
    }
    p.services.forEach((s, j) => {
      const r = parsePolicyService(s);
      if (!r.ok)
        issues.push(
          issue('invalid-port', ['policy', i, 'services', j], r.message, 'write tcp/443, udp/1024-65535, icmp or any'),
        );
    });
  });
  return issues;
}

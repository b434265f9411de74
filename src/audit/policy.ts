import { didYouMean, type Issue, issue } from '../model/issues.js';
import type { PortRange, ServiceMatch } from '../model/matrix.js';
import { type PortSpec, parsePortSpec } from '../net/index.js';
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

const within = (r: PortRange, set: readonly PortRange[]): boolean => set.some((p) => p.from <= r.from && r.to <= p.to);
const overlaps = (r: PortRange, set: readonly PortRange[]): boolean =>
  set.some((p) => p.from <= r.to && r.from <= p.to);

function matchesSpec(s: ServiceMatch, spec: PortSpec | 'any', test: 'within' | 'overlaps'): boolean {
  if (spec === 'any') return true;
  if (spec.protocol === 'ip') return true;
  if (spec.protocol !== s.protocol) return false;
  if (spec.ports.length === 0) return spec.icmpType === undefined || spec.icmpType === s.icmpType;
  if (s.ports.length === 0) return false;
  return test === 'within' ? s.ports.every((r) => within(r, spec.ports)) : s.ports.some((r) => overlaps(r, spec.ports));
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
      return services.filter((s) => !specs.some((spec) => matchesSpec(s, spec, 'within')));
    case 'block-only':
      return services.filter((s) => specs.some((spec) => matchesSpec(s, spec, 'overlaps')));
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

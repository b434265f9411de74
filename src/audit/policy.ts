import type { ServiceMatch } from '../model/matrix.js';
import { type PolicyEntry, parsePolicyService } from '../model/site-policy.js';
import { PortSet, type PortSpec } from '../net/index.js';

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

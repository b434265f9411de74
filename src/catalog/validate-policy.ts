import { didYouMean, type Issue, issue } from '../model/issues.js';
import { type PolicyEntry, parsePolicyService } from '../model/site-policy.js';

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

import { didYouMeanText, type Issue, issue } from '../model/issues.js';
import { type PolicyEntry, parsePolicyService } from '../model/site-policy.js';
import { text } from '../model/text.js';

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
            text(
              `la zone de policy "${zone}" n’est pas déclarée sous zones:`,
              `policy zone "${zone}" is not declared under zones:`,
            ),
            didYouMeanText(zone, [...zones, 'any']) ??
              text(`zones : ${zones.join(', ')}, ou any`, `zones: ${zones.join(', ')}, or any`),
          ),
        );
    }
    p.services.forEach((s, j) => {
      const r = parsePolicyService(s);
      if (!r.ok)
        issues.push(
          issue(
            'invalid-port',
            ['policy', i, 'services', j],
            text(r.fr, r.message),
            text('écrivez tcp/443, udp/1024-65535, icmp ou any', 'write tcp/443, udp/1024-65535, icmp or any'),
          ),
        );
    });
  });
  return issues;
}

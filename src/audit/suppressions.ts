import type { Finding } from '../model/finding.js';
import { type Issue, issue } from '../model/issues.js';
import type { Suppression } from '../model/site-policy.js';

/** A suppression's `flow` is a flow id or `catalog/flow`. */
const flowMatches = (s: Suppression, f: Finding): boolean =>
  s.flow === undefined || s.flow === f.flow || s.flow === `${f.catalog}/${f.flow}`;

export const suppressionMatches = (s: Suppression, f: Finding): boolean =>
  (s.rule === undefined || s.rule === f.rule) && flowMatches(s, f) && (s.key === undefined || s.key === f.key);

/**
 * Marks findings covered by a live suppression (kept, with `suppressed`); an expired suppression hides nothing
 * (the `suppression-expired` rule reports it). A suppression that matches no finding is a warning: it is stale
 * or mistyped, and would silently hide a future finding.
 */
export function applySuppressions<F extends Finding>(
  findings: readonly F[],
  suppressions: readonly Suppression[],
  today: string,
): { findings: F[]; warnings: Issue[] } {
  const used = new Set<number>();
  const out = findings.map((f) => {
    if (f.rule === 'suppression-expired') return f;
    let index = -1;
    suppressions.forEach((s, i) => {
      if (!suppressionMatches(s, f)) return;
      used.add(i);
      if (index < 0 && s.expires >= today) index = i;
    });
    const s = suppressions[index];
    return s ? { ...f, suppressed: { justification: s.justification, owner: s.owner, expires: s.expires } } : f;
  });
  const warnings = suppressions.flatMap((s, i) =>
    used.has(i)
      ? []
      : [
          issue(
            'invalid-value',
            ['suppressions', i],
            `suppression ${i} (${[s.rule, s.flow, s.key].filter(Boolean).join(', ')}) matches no finding`,
            'remove it, or fix the rule id, flow (id or catalog/flow) or key it names',
            'warning',
          ),
        ],
  );
  return { findings: out, warnings };
}

import { type Finding, SEVERITIES, SEVERITY_TEXT, type Severity } from '../../model/finding.js';
import type { MatrixRow } from '../../model/matrix.js';
import { counted, type Lang } from '../../model/text.js';
import type { AuditResult } from '../run.js';
import type { AuditFinding } from '../types.js';

/** Where a finding points in a file (catalog flow, or site entry); relative URI, 1-based line. */
export interface SourceLocation {
  readonly uri: string;
  readonly line?: number;
  readonly col?: number;
}

/** What every report format gets: the audit result, what was audited, and where findings live in files. */
export interface AuditReport {
  readonly subject: { readonly mode: 'site' | 'catalog'; readonly id: string; readonly title: string };
  readonly result: AuditResult;
  /** The audited rows (JUnit makes one test case per rule and row). */
  readonly rows: readonly Pick<MatrixRow, 'key' | 'catalog' | 'flow' | 'ref'>[];
  readonly lang: Lang;
  /** Date of the audit (`YYYY-MM-DD`), as given to the audit. */
  readonly today: string;
  readonly locate?: (f: AuditFinding) => SourceLocation | undefined;
}

export const active = (findings: readonly Finding[]): Finding[] => findings.filter((f) => !f.suppressed);

/** Severities as reports list them: the heaviest first. */
export const SEVERITIES_HEAVIEST_FIRST: readonly Severity[] = [...SEVERITIES].reverse();

/** Active findings per severity, keys heaviest first (the JSON report shows them in this order). */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const out = Object.fromEntries(SEVERITIES_HEAVIEST_FIRST.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of active(findings)) out[f.severity]++;
  return out;
}

/** Severity words as counts agree them: `2 moyennes, 0 critique` / `2 medium, 0 critical` (English adjectives). */
const SEVERITY_PLURAL_FR: Record<Finding['severity'], string> = {
  critical: 'critiques',
  high: 'élevées',
  medium: 'moyennes',
  low: 'faibles',
  info: 'infos',
};

/** `n` findings of `severity`, the word agreed with the count. */
export const severityCount = (n: number, severity: Finding['severity'], lang: Lang): string =>
  lang === 'fr'
    ? counted(n, SEVERITY_TEXT[severity].fr, SEVERITY_PLURAL_FR[severity], lang)
    : `${n} ${SEVERITY_TEXT[severity].en}`;

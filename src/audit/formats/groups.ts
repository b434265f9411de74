import { type Finding, severityRank } from '../../model/finding.js';
import { refIn } from '../../model/ref.js';
import { colon, counted, type Lang, type Text } from '../../model/text.js';
import type { AuditFinding } from '../types.js';

/**
 * Findings of one rule with one cause on one catalog flow (DNS in cleartext from the web server and from the SQL
 * server): one entry in a report, listing its rows, instead of one line each. A flow's rows share a catalog
 * entry, so one fix (or one suppression) answers the whole group. Site findings (no row) stay alone. JSON keeps
 * every finding and names its group.
 */
export interface FindingGroup {
  readonly rule: string;
  readonly severity: Finding['severity'];
  readonly catalog?: string;
  readonly flow?: string;
  readonly ref?: string;
  /** The cause as a row-less message; a site finding's message. */
  readonly cause: Text;
  readonly suppressed?: Finding['suppressed'];
  /** In report order (the first is the most exposed). */
  readonly findings: readonly AuditFinding[];
}

const idOf = (f: AuditFinding): string =>
  f.key === undefined || f.cause === undefined
    ? `site|${f.rule}|${f.message.en}|${f.key ?? ''}`
    : [f.rule, f.severity, f.catalog, f.flow, f.cause.en, f.suppressed ? JSON.stringify(f.suppressed) : ''].join('|');

/** Groups in the order of their first finding (findings come sorted by severity, then exposure). */
export function groupFindings(findings: readonly AuditFinding[]): FindingGroup[] {
  const groups = new Map<string, { first: AuditFinding; list: AuditFinding[] }>();
  for (const f of findings) {
    const id = idOf(f);
    const g = groups.get(id);
    if (g) g.list.push(f);
    else groups.set(id, { first: f, list: [f] });
  }
  const out = [...groups.values()].map(({ first, list }) => ({
    rule: first.rule,
    severity: first.severity,
    ...(first.catalog ? { catalog: first.catalog } : {}),
    ...(first.flow ? { flow: first.flow } : {}),
    ...(first.ref ? { ref: first.ref } : {}),
    cause: list.length > 1 && first.cause ? first.cause : first.message,
    ...(first.suppressed ? { suppressed: first.suppressed } : {}),
    findings: list,
  }));
  return out.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      (b.findings[0]?.exposure ?? -1) - (a.findings[0]?.exposure ?? -1),
  );
}

/**
 * The rows of a group as a reader names them: `web → internal-dns, sql → internal-dns`; two rows between the same
 * roles (other zones) are told apart by their key.
 */
export function groupRows(g: FindingGroup): string {
  const seen = new Map<string, number>();
  for (const f of g.findings) seen.set(f.between ?? '', (seen.get(f.between ?? '') ?? 0) + 1);
  return g.findings
    .map((f) => ((seen.get(f.between ?? '') ?? 0) > 1 ? `${f.between} [${f.key}]` : (f.between ?? '')))
    .join(', ');
}

/** One line for a group: a lone finding's own message; else `catalog/flow (ref): cause — N rows: …`. */
export function groupMessage(g: FindingGroup, lang: Lang): string {
  const first = g.findings[0];
  if (g.findings.length === 1 && first) return first.message[lang];
  const rows = counted(g.findings.length, lang === 'fr' ? 'ligne' : 'row', lang === 'fr' ? 'lignes' : 'rows', lang);
  const sep = `${colon(lang)} `;
  return `${g.catalog}/${g.flow} (${refIn(g.ref ?? '', lang)})${sep}${g.cause[lang]} — ${rows}${sep}${groupRows(g)}`;
}

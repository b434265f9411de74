import { SEVERITY_TEXT } from '../../model/finding.js';
import { colon, counted, semicolon } from '../../model/text.js';
import { groupFindings, groupMessage } from './groups.js';
import { type AuditReport, active, countBySeverity, SEVERITIES_HEAVIEST_FIRST, severityCount } from './report.js';

/**
 * For a terminal: one line per group of findings (same rule, flow and cause: its rows listed on the line),
 * heaviest and most exposed first, then a summary line that counts findings (one per row).
 */
export function renderText(report: AuditReport): string {
  const { result, lang } = report;
  const fr = lang === 'fr';
  const lines: string[] = [];
  lines.push(
    `${fr ? 'Audit de' : 'Audit of'} ${report.subject.title} (${report.subject.mode === 'site' ? 'site' : fr ? 'catalogue' : 'catalog'} ${report.subject.id}) — ${report.today}`,
  );
  for (const g of groupFindings(result.findings)) {
    const sev = SEVERITY_TEXT[g.severity][lang].padEnd(9);
    const tag = g.suppressed ? (fr ? ' [exception]' : ' [suppressed]') : '';
    const first = g.findings[0];
    const at = first && report.locate?.(first);
    const where = at ? `${at.uri}${at.line ? `:${at.line}` : ''}: ` : '';
    lines.push(`${sev}${g.rule}${tag}  ${where}${groupMessage(g, lang)}`);
    if (g.suppressed)
      lines.push(
        `         ${fr ? 'exception' : 'suppressed'}${colon(lang)} ${g.suppressed.justification} (${g.suppressed.owner}, ${fr ? 'jusqu’au' : 'until'} ${g.suppressed.expires})`,
      );
  }
  const counts = countBySeverity(result.findings);
  const activeCount = active(result.findings).length;
  const parts = SEVERITIES_HEAVIEST_FIRST.map((s) => severityCount(counts[s], s, lang));
  const findings = fr
    ? counted(activeCount, 'constat actif', 'constats actifs', lang)
    : counted(activeCount, 'active finding', 'active findings', lang);
  const rules = counted(result.rules.length, fr ? 'règle' : 'rule', fr ? 'règles' : 'rules', lang);
  lines.push('');
  lines.push(
    `${findings} (${parts.join(', ')}), ${result.findings.length - activeCount} ${fr ? 'sous exception' : 'suppressed'}${semicolon(lang)} ${rules}${colon(lang)} ${result.rules.join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}

import { type AuditReport, active, countBySeverity, SEVERITIES_HEAVIEST_FIRST, SEVERITY_TEXT } from './report.js';

/** For a terminal: one finding a line, grouped by severity, then a summary line. */
export function renderText(report: AuditReport): string {
  const { result, lang } = report;
  const fr = lang === 'fr';
  const lines: string[] = [];
  lines.push(
    `${fr ? 'Audit de' : 'Audit of'} ${report.subject.title} (${report.subject.mode === 'site' ? 'site' : fr ? 'catalogue' : 'catalog'} ${report.subject.id}) — ${report.today}`,
  );
  for (const f of result.findings) {
    const sev = SEVERITY_TEXT[f.severity][lang].padEnd(9);
    const tag = f.suppressed ? (fr ? ' [exception]' : ' [suppressed]') : '';
    const at = report.locate?.(f);
    const where = at ? `${at.uri}${at.line ? `:${at.line}` : ''}: ` : '';
    lines.push(`${sev}${f.rule}${tag}  ${where}${f.message[lang]}`);
    if (f.suppressed)
      lines.push(
        `         ${fr ? 'exception' : 'suppressed'}: ${f.suppressed.justification} (${f.suppressed.owner}, ${fr ? 'jusqu’au' : 'until'} ${f.suppressed.expires})`,
      );
  }
  const counts = countBySeverity(result.findings);
  const activeCount = active(result.findings).length;
  const parts = SEVERITIES_HEAVIEST_FIRST.map((s) => `${counts[s]} ${SEVERITY_TEXT[s][lang]}`);
  lines.push('');
  lines.push(
    `${activeCount} ${fr ? 'constat(s) actif(s)' : 'active finding(s)'} (${parts.join(', ')}), ${result.findings.length - activeCount} ${fr ? 'sous exception' : 'suppressed'}; ${result.rules.length} ${fr ? 'règles' : 'rules'}: ${result.rules.join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}

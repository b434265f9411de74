import { SEVERITY_TEXT } from '../../model/finding.js';
import { refIn } from '../../model/ref.js';
import { colon, frenchSpaces } from '../../model/text.js';
import { auditRules } from '../rules/index.js';
import { groupFindings, groupRows } from './groups.js';
import { type AuditReport, active, countBySeverity, SEVERITIES_HEAVIEST_FIRST } from './report.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** For a review or a merge request: summary, findings table, then the rules with rationale and remediation. */
export function renderMarkdown(report: AuditReport): string {
  const { result, lang } = report;
  const fr = lang === 'fr';
  const c = colon(lang);
  const own = (t: { fr: string; en: string }) => (fr ? frenchSpaces(t.fr) : t.en);
  const out: string[] = [];
  out.push(`# ${fr ? 'Audit de sécurité des flux' : 'Flow security audit'} — ${cell(report.subject.title)}`, '');
  const mode = report.subject.mode === 'site' ? 'site' : fr ? 'catalogue' : 'catalog';
  out.push(`Date${c} ${report.today} · ${mode} \`${report.subject.id}\``, '');
  const counts = countBySeverity(result.findings);
  out.push(`| ${fr ? 'Gravité' : 'Severity'} | ${fr ? 'Constats actifs' : 'Active findings'} |`, '|---|---:|');
  for (const s of SEVERITIES_HEAVIEST_FIRST) out.push(`| ${SEVERITY_TEXT[s][lang]} | ${counts[s]} |`);
  out.push(
    `| ${fr ? 'sous exception' : 'suppressed'} | ${result.findings.length - active(result.findings).length} |`,
    '',
  );
  out.push(`## ${fr ? 'Constats' : 'Findings'}`, '');
  if (result.findings.length === 0) out.push(fr ? 'Aucun constat.' : 'No finding.', '');
  else {
    // One table row per group (same rule, flow and cause), its matrix rows listed: no row is left out.
    out.push(
      `| ${fr ? 'Gravité' : 'Severity'} | ${fr ? 'Règle' : 'Rule'} | ${fr ? 'Flux' : 'Flow'} | ${fr ? 'Réf.' : 'Ref'} | ${fr ? 'Constat' : 'Finding'} | ${fr ? 'Lignes' : 'Rows'} | ${fr ? 'Exception' : 'Suppressed'} |`,
      '|---|---|---|---|---|---:|---|',
    );
    for (const g of groupFindings(result.findings)) {
      const flow = g.flow ? `\`${g.catalog}/${g.flow}\`` : '—';
      const sup = g.suppressed
        ? `${cell(g.suppressed.justification)} (${cell(g.suppressed.owner)}, ${g.suppressed.expires})`
        : '';
      const first = g.findings[0];
      const text = g.findings.length === 1 && first ? first.message[lang] : `${g.cause[lang]} — ${groupRows(g)}`;
      out.push(
        `| ${SEVERITY_TEXT[g.severity][lang]} | \`${g.rule}\` | ${flow} | ${cell(refIn(g.ref ?? '', lang))} | ${cell(text)} | ${g.findings.length} | ${sup} |`,
      );
    }
    out.push('');
  }
  if (result.warnings.length > 0) {
    out.push(`## ${fr ? 'Avertissements' : 'Warnings'}`, '');
    for (const w of result.warnings) out.push(`- ${w.message}${w.hint ? ` — ${w.hint}` : ''}`);
    out.push('');
  }
  out.push(`## ${fr ? 'Règles' : 'Rules'}`, '');
  for (const id of result.rules) {
    const r = auditRules[id];
    out.push(`### \`${id}\` — ${r.title[lang]} (${SEVERITY_TEXT[r.severity][lang]})`, '');
    out.push(own(r.rationale), '', `**${fr ? 'Remédiation' : 'Remediation'}**${c} ${own(r.remediation)}`, '');
    out.push(`${fr ? 'Références' : 'References'}${c} ${r.references.join('; ')}`, '');
  }
  return out.join('\n');
}

import { auditRules } from '../rules/index.js';
import { groupFindings } from './groups.js';
import type { AuditReport } from './report.js';
import { countBySeverity } from './report.js';

/**
 * Machine-readable: every finding, one per row (suppressed ones marked), each naming its group (same rule,
 * flow and cause, as the other reports show them), the groups, the rules that ran, counts, warnings.
 */
export function renderJson(report: AuditReport): string {
  const { result, lang } = report;
  const groups = groupFindings(result.findings);
  const groupOf = new Map(groups.flatMap((g, i) => g.findings.map((f) => [f, i] as const)));
  const doc = {
    tool: 'flowmatrix',
    date: report.today,
    subject: report.subject,
    rules: result.rules.map((id) => {
      const r = auditRules[id];
      return { id, severity: r.severity, category: r.category, title: r.title[lang], references: r.references };
    }),
    summary: {
      total: result.findings.length,
      active: countBySeverity(result.findings),
      suppressed: result.findings.filter((f) => f.suppressed).length,
      groups: groups.length,
    },
    groups: groups.map((g) => ({
      rule: g.rule,
      severity: g.severity,
      catalog: g.catalog ?? null,
      flow: g.flow ?? null,
      cause: g.cause[lang],
      rows: g.findings.length,
      keys: g.findings.flatMap((f) => (f.key ? [f.key] : [])),
    })),
    findings: result.findings.map((f) => {
      const at = report.locate?.(f);
      return {
        rule: f.rule,
        severity: f.severity,
        catalog: f.catalog ?? null,
        flow: f.flow ?? null,
        ref: f.ref ?? null,
        key: f.key ?? null,
        messageId: f.messageId ?? null,
        data: f.data ?? {},
        message: f.message[lang],
        messages: f.message,
        remediation: f.remediation?.[lang] ?? null,
        reference: f.reference ?? null,
        suppressed: f.suppressed ?? null,
        exposure: f.exposure ?? null,
        group: groupOf.get(f) ?? null,
        ...(at ? { location: at } : {}),
      };
    }),
    warnings: result.warnings.map((w) => ({ code: w.code, path: w.path, message: w.message, hint: w.hint ?? null })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

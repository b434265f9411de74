import { SARIF_LEVEL, SARIF_SCHEMA, type Severity } from '../../model/finding.js';
import { auditRules } from '../rules/index.js';
import { groupFindings, groupMessage } from './groups.js';
import type { AuditReport } from './report.js';

/** GitHub code scanning ranks security results by this number (0–10), as CVSS does. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

/** SARIF 2.1.0 (OASIS), as code-scanning tools read it: one run, rules with help, results with locations. */
export function renderSarif(report: AuditReport, version = '0.1.0'): string {
  const { result, lang } = report;
  const ruleIds = result.rules as string[];
  const rules = result.rules.map((id) => {
    const r = auditRules[id];
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_, _d: string, c: string) => c.toUpperCase()),
      shortDescription: { text: r.title[lang] },
      fullDescription: { text: r.rationale[lang] },
      help: {
        text: `${r.rationale[lang]}\n\n${r.remediation[lang]}\n\n${r.references.join('; ')}`,
        markdown: `${r.rationale[lang]}\n\n**${lang === 'fr' ? 'Remédiation' : 'Remediation'}**: ${r.remediation[lang]}\n\n${r.references.map((x) => `- ${x}`).join('\n')}`,
      },
      defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
      properties: {
        tags: ['security', r.category],
        'security-severity': SECURITY_SEVERITY[r.severity],
        precision: 'high',
      },
    };
  });
  // One result per group (same rule, flow and cause): its rows are listed in the message and `properties.keys`.
  const results = groupFindings(result.findings).map((g) => {
    const f = g.findings[0] as (typeof g.findings)[number];
    const at = report.locate?.(f);
    const logical = g.flow
      ? [{ fullyQualifiedName: `${g.catalog}/${g.flow}`, name: g.flow, kind: 'member' }]
      : [{ fullyQualifiedName: report.subject.id, name: report.subject.id, kind: 'module' }];
    const keys = g.findings.flatMap((x) => (x.key ? [x.key] : []));
    return {
      ruleId: g.rule,
      ruleIndex: ruleIds.indexOf(g.rule),
      level: SARIF_LEVEL[g.severity],
      message: { text: groupMessage(g, lang) },
      locations: [
        {
          ...(at
            ? {
                physicalLocation: {
                  artifactLocation: { uri: at.uri },
                  ...(at.line ? { region: { startLine: at.line, ...(at.col ? { startColumn: at.col } : {}) } } : {}),
                },
              }
            : {}),
          logicalLocations: logical,
        },
      ],
      // A group is one catalog flow and one cause: stable while rows come and go.
      partialFingerprints: {
        'flowmatrix/v2': g.flow ? `${g.rule}|${g.catalog}/${g.flow}|${g.cause.en}` : `${g.rule}|${f.message.en}`,
      },
      properties: {
        severity: g.severity,
        rows: g.findings.length,
        ...(keys.length > 0 ? { keys } : {}),
        ...(g.ref ? { ref: g.ref } : {}),
        ...(f.remediation ? { remediation: f.remediation[lang] } : {}),
      },
      ...(g.suppressed
        ? {
            suppressions: [
              {
                kind: 'external',
                status: 'accepted',
                justification: `${g.suppressed.justification} (${g.suppressed.owner}, until ${g.suppressed.expires})`,
              },
            ],
          }
        : {}),
    };
  });
  const doc = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'flowmatrix',
            version,
            informationUri: 'https://github.com/flowmatrix/flowmatrix/blob/main/docs/audit-rules.md',
            rules,
          },
        },
        automationDetails: { id: `flowmatrix/audit/${report.subject.id}/` },
        columnKind: 'unicodeCodePoints',
        results,
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

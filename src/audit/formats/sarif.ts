import type { Severity } from '../../model/finding.js';
import { auditRules } from '../rules/index.js';
import type { AuditReport } from './report.js';

/** SARIF 2.1.0 (OASIS), as code-scanning tools read it: one run, rules with help, results with locations. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';
export const SARIF_LEVEL: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};
/** GitHub code scanning ranks security results by this number (0–10), as CVSS does. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

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
  const results = result.findings.map((f) => {
    const at = report.locate?.(f);
    const logical = f.flow
      ? [{ fullyQualifiedName: `${f.catalog}/${f.flow}`, name: f.flow, kind: 'member' }]
      : [{ fullyQualifiedName: report.subject.id, name: report.subject.id, kind: 'module' }];
    return {
      ruleId: f.rule,
      ruleIndex: ruleIds.indexOf(f.rule),
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message[lang] },
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
      partialFingerprints: { 'flowmatrix/v1': `${f.rule}|${f.key ?? f.message.en}` },
      properties: {
        severity: f.severity,
        ...(f.key ? { key: f.key } : {}),
        ...(f.ref ? { ref: f.ref } : {}),
        ...(f.remediation ? { remediation: f.remediation[lang] } : {}),
      },
      ...(f.suppressed
        ? {
            suppressions: [
              {
                kind: 'external',
                status: 'accepted',
                justification: `${f.suppressed.justification} (${f.suppressed.owner}, until ${f.suppressed.expires})`,
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

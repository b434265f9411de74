import { SARIF_LEVEL, SARIF_SCHEMA } from '../../model/finding.js';
import type { Lang } from '../../model/text.js';
import type { VerifyReport } from '../report.js';

const RULES = {
  row: 'verify/row-not-permitted',
  shadowed: 'verify/shadowed-rule',
  'beyond-matrix': 'verify/beyond-matrix',
  unused: 'verify/unused-rule',
  'any-to-any': 'verify/any-to-any',
} as const;

/** SARIF 2.1.0 with locations in the configuration file (code scanning shows them on the config's lines). */
export function renderSarif(report: VerifyReport, lang: Lang, relative: (file: string) => string = (f) => f): string {
  const results = report.items
    .filter((i) => !(i.kind === 'row' && i.verdict === 'permitted' && i.details.length === 0))
    .map((i) => ({
      ruleId: RULES[i.kind],
      level: SARIF_LEVEL[i.severity],
      message: { text: [i.message[lang], ...i.details.map((d) => d[lang])].join('\n') },
      locations: i.locations
        .filter((l) => l.file !== undefined)
        .slice(0, 1)
        .map((l) => ({
          physicalLocation: {
            artifactLocation: { uri: relative(l.file as string) },
            region: { startLine: l.line ?? 1, ...(l.column !== undefined ? { startColumn: l.column } : {}) },
          },
        })),
      ...(i.row ? { partialFingerprints: { matrixRow: `${i.row.key}:${i.row.leg}` } } : {}),
    }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'flowmatrix-verify',
            informationUri: 'https://github.com/flowmatrix/flowmatrix',
            rules: Object.values(RULES).map((id) => ({ id })),
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

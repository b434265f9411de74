import type { Finding } from '../model/finding.js';
import { refIn } from '../model/ref.js';
import type { Lang, Text } from '../model/text.js';
import { SEVERITY_LABELS } from './labels.js';

/** Columns of the findings table (XLSX sheet, Markdown and HTML sections). */
export interface FindingColumn {
  readonly id: string;
  readonly label: Text;
  readonly width: number;
  readonly value: (f: Finding, lang: Lang) => string;
}

const fc = (id: string, fr: string, en: string, width: number, value: FindingColumn['value']): FindingColumn => ({
  id,
  label: { fr, en },
  width,
  value,
});

export const FINDING_COLUMNS: readonly FindingColumn[] = [
  fc('severity', 'Gravité', 'Severity', 10, (f, lang) => SEVERITY_LABELS[f.severity][lang]),
  fc('rule', 'Règle', 'Rule', 22, (f) => f.rule),
  fc('catalog', 'Catalogue', 'Catalog', 14, (f) => f.catalog ?? ''),
  fc('flow', 'Flux', 'Flow', 22, (f) => f.flow ?? ''),
  fc('ref', 'Réf.', 'Ref.', 10, (f, lang) => refIn(f.ref ?? '', lang)),
  fc('message', 'Message', 'Message', 50, (f, lang) => f.message[lang]),
  fc('remediation', 'Remédiation', 'Remediation', 40, (f, lang) => (f.remediation ? f.remediation[lang] : '')),
  fc('reference', 'Référence', 'Reference', 20, (f) => f.reference ?? ''),
  fc('suppressed', 'Accepté', 'Suppressed', 30, (f) =>
    f.suppressed ? `${f.suppressed.justification} (${f.suppressed.owner}, ${f.suppressed.expires})` : '',
  ),
  fc('key', 'Clé', 'Key', 18, (f) => f.key ?? ''),
];

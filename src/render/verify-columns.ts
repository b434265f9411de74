import type { MatrixRow } from '../model/matrix.js';
import { refIn } from '../model/ref.js';
import type { Lang, Text } from '../model/text.js';
import type { VerifyItem, VerifyReport } from '../verify/report.js';
import { verdictText, where } from '../verify/report.js';
import type { RowVerdict } from '../verify/verdicts.js';
import type { Column, Line } from './columns.js';
import { firewalls as crossed } from './format.js';
import { SEVERITY_LABELS } from './labels.js';

/**
 * What `flowmatrix verify` said of each firewall in service, shown in the matrix documents: a verdict column on
 * the rows and a table of every verify item (XLSX sheet, HTML and Markdown sections).
 */

const NOT_CROSSING: Text = { fr: 'ne traverse aucun pare-feu vérifié', en: 'not crossing a verified firewall' };
/** The row crosses the firewall but is no packet flow (reference, trusted site): nothing to compare. */
const NOT_CHECKED: Text = { fr: 'non vérifiée (pas un flux réseau)', en: 'not checked (not a network flow)' };

/** A row's verdict on one firewall, over all its legs and hops through it. */
function combined(verdicts: readonly RowVerdict[]): RowVerdict {
  if (verdicts.includes('indeterminate')) return 'indeterminate';
  if (verdicts.every((v) => v === 'permitted')) return 'permitted';
  if (verdicts.every((v) => v === 'denied')) return 'denied';
  return 'partial';
}

/** Row key → firewall → the verdicts of its legs and hops. */
function verdictsByKey(reports: readonly VerifyReport[]): Map<string, Map<string, RowVerdict[]>> {
  const byKey = new Map<string, Map<string, RowVerdict[]>>();
  for (const report of reports) {
    for (const item of report.items) {
      if (item.kind !== 'row' || !item.row || !item.verdict) continue;
      const perFirewall = byKey.get(item.row.key) ?? new Map<string, RowVerdict[]>();
      byKey.set(item.row.key, perFirewall);
      const list = perFirewall.get(report.firewall);
      if (list) list.push(item.verdict);
      else perFirewall.set(report.firewall, [item.verdict]);
    }
  }
  return byKey;
}

/**
 * The verdict cell of a row: `permitted` when one firewall was verified, `fw-edge: permitted; fw-internal: denied`
 * when several were; firewalls the row does not cross are left out.
 */
export function verdictCell(
  row: MatrixRow,
  reports: readonly VerifyReport[],
  byKey: ReadonlyMap<string, ReadonlyMap<string, readonly RowVerdict[]>>,
  lang: Lang,
): string {
  const through = new Set(crossed(row));
  const parts: string[] = [];
  for (const report of reports) {
    if (!through.has(report.firewall)) continue;
    const verdicts = byKey.get(row.key)?.get(report.firewall);
    const text = verdicts ? verdictText(combined(verdicts))[lang] : NOT_CHECKED[lang];
    parts.push(reports.length > 1 ? `${report.firewall}: ${text}` : text);
  }
  return parts.length > 0 ? parts.join('; ') : NOT_CROSSING[lang];
}

/** The matrix column for the verdicts of `reports` (one per verified firewall). */
export function verificationColumn(reports: readonly VerifyReport[]): Column {
  const byKey = verdictsByKey(reports);
  return {
    id: 'verification',
    label: { fr: 'Vérification', en: 'Verification' },
    width: 24,
    filter: true,
    value: (line: Line, lang: Lang) => verdictCell(line.row, reports, byKey, lang),
  };
}

/** One line of the verify table: an item and the firewall it is about. */
export interface VerifyEntry {
  readonly firewall: string;
  readonly item: VerifyItem;
}

export const verifyEntries = (reports: readonly VerifyReport[]): VerifyEntry[] =>
  reports.flatMap((r) => r.items.map((item) => ({ firewall: r.firewall, item })));

export interface VerifyColumn {
  readonly id: string;
  readonly label: Text;
  readonly width: number;
  readonly value: (e: VerifyEntry, lang: Lang) => string;
}

const KIND_LABELS: Record<VerifyItem['kind'], Text> = {
  row: { fr: 'Ligne de matrice', en: 'Matrix row' },
  shadowed: { fr: 'Règle masquée', en: 'Shadowed rule' },
  'beyond-matrix': { fr: 'Règle au-delà de la matrice', en: 'Rule beyond the matrix' },
  unused: { fr: 'Règle inutilisée', en: 'Unused rule' },
  'any-to-any': { fr: 'Règle tout vers tout', en: 'Any-to-any rule' },
};

const vc = (id: string, fr: string, en: string, width: number, value: VerifyColumn['value']): VerifyColumn => ({
  id,
  label: { fr, en },
  width,
  value,
});

/** Columns of the verify table, in the look of the findings table. */
export const VERIFY_COLUMNS: readonly VerifyColumn[] = [
  vc('firewall', 'Pare-feu', 'Firewall', 14, (e) => e.firewall),
  vc('severity', 'Gravité', 'Severity', 10, (e, lang) => SEVERITY_LABELS[e.item.severity][lang]),
  vc('kind', 'Type', 'Kind', 18, (e, lang) => KIND_LABELS[e.item.kind][lang]),
  vc('verdict', 'Verdict', 'Verdict', 14, (e, lang) => (e.item.verdict ? verdictText(e.item.verdict)[lang] : '')),
  vc('catalog', 'Catalogue', 'Catalog', 14, (e) => e.item.row?.catalog ?? ''),
  vc('flow', 'Flux', 'Flow', 22, (e) => e.item.row?.flow ?? ''),
  vc('ref', 'Réf.', 'Ref.', 12, (e, lang) => refIn(e.item.row?.ref ?? '', lang)),
  vc('message', 'Message', 'Message', 50, (e, lang) => e.item.message[lang]),
  vc('details', 'Détails', 'Details', 50, (e, lang) => e.item.details.map((d) => d[lang]).join('\n')),
  // The deciding rules (rows) or the rule itself then its blockers (rules), as file:line.
  vc('rules', 'Règles (fichier:ligne)', 'Rules (file:line)', 26, (e) =>
    [...new Set(e.item.locations.map(where))].join('\n'),
  ),
  vc('rule_text', 'Texte de la règle', 'Rule text', 40, (e) => e.item.locations[0]?.text ?? ''),
  vc('key', 'Clé', 'Key', 18, (e) => e.item.row?.key ?? ''),
];

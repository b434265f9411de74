import type { MatrixRow } from '../model/matrix.js';
import type { Lang, Text } from '../model/text.js';
import type { ChangeClass, DiffField, FieldValue, RowChange } from './types.js';

export const CLASS_LABELS: Record<ChangeClass, Text> = {
  opened: { fr: 'Ouvert', en: 'Opened' },
  closed: { fr: 'Fermé', en: 'Closed' },
  weakened: { fr: 'Sécurité affaiblie', en: 'Weakened' },
  widened: { fr: 'Élargi', en: 'Widened' },
  moved: { fr: 'Déplacé', en: 'Moved' },
  narrowed: { fr: 'Restreint', en: 'Narrowed' },
  security: { fr: 'Sécurité modifiée', en: 'Security changed' },
  text: { fr: 'Texte seulement', en: 'Text only' },
};

/** Fill and stroke per class (RGB), shared by the HTML and XLSX documents. */
export const CLASS_COLOURS: Record<ChangeClass, { fill: string; stroke: string }> = {
  opened: { fill: 'E2EFDA', stroke: '548235' },
  closed: { fill: 'EDEDED', stroke: '7F7F7F' },
  weakened: { fill: 'F8CBAD', stroke: 'C00000' },
  widened: { fill: 'FFE699', stroke: 'BF8F00' },
  moved: { fill: 'DDEBF7', stroke: '2F5597' },
  narrowed: { fill: 'E2EFDA', stroke: '70AD47' },
  security: { fill: 'FCE4D6', stroke: 'C65911' },
  text: { fill: 'FFFFFF', stroke: 'BFBFBF' },
};

export const FIELD_LABELS: Record<DiffField, Text> = {
  source: { fr: 'Source', en: 'Source' },
  destination: { fr: 'Destination', en: 'Destination' },
  services: { fr: 'Protocoles et ports', en: 'Protocols and ports' },
  zones: { fr: 'Zones', en: 'Zones' },
  firewalls: { fr: 'Pare-feu traversés', en: 'Firewalls crossed' },
  auth: { fr: 'Authentification', en: 'Authentication' },
  encryption: { fr: 'Chiffrement', en: 'Encryption' },
  minTls: { fr: 'TLS minimum', en: 'TLS minimum' },
  purpose: { fr: 'Objet', en: 'Purpose' },
  label: { fr: 'Libellé', en: 'Label' },
  ref: { fr: 'Référence', en: 'Reference' },
  level: { fr: 'Niveau', en: 'Level' },
  when: { fr: 'Condition', en: 'When' },
  kind: { fr: 'Nature', en: 'Kind' },
  direction: { fr: 'Sens', en: 'Direction' },
  app: { fr: 'Application', en: 'Application' },
  proxy: { fr: 'Proxy', en: 'Proxy' },
  notes: { fr: 'Notes', en: 'Notes' },
  justification: { fr: 'Justification', en: 'Justification' },
  origin: { fr: 'Origine', en: 'Origin' },
};

export const DIFF_WORDS = {
  title: { fr: 'Différences de matrice', en: 'Matrix differences' },
  old: { fr: 'Ancienne version', en: 'Old version' },
  new: { fr: 'Nouvelle version', en: 'New version' },
  unchanged: { fr: 'lignes inchangées', en: 'rows unchanged' },
  changed: { fr: 'lignes modifiées', en: 'rows changed' },
  unchangedOne: { fr: 'ligne inchangée', en: 'row unchanged' },
  changedOne: { fr: 'ligne modifiée', en: 'row changed' },
  noChange: { fr: 'Aucune différence.', en: 'No difference.' },
  class: { fr: 'Changement', en: 'Change' },
  classes: { fr: 'Classes', en: 'Classes' },
  row: { fr: 'Ligne', en: 'Row' },
  key: { fr: 'Clé', en: 'Key' },
  ref: { fr: 'Référence source', en: 'Source reference' },
  field: { fr: 'Champ', en: 'Field' },
  before: { fr: 'Avant', en: 'Before' },
  after: { fr: 'Après', en: 'After' },
  added: { fr: 'Ajouté', en: 'Added' },
  removed: { fr: 'Retiré', en: 'Removed' },
  weakening: { fr: 'Affaiblissement', en: 'Weakening' },
  details: { fr: 'Ce qui change', en: 'What changed' },
  closedSide: { fr: 'Avant (la ligne n’existe plus après)', en: 'Before (the row is gone after)' },
  openedSide: { fr: 'Après (la ligne n’existait pas avant)', en: 'After (the row did not exist before)' },
  movedFrom: { fr: 'ancienne clé', en: 'old key' },
  counts: { fr: 'Par classe', en: 'By class' },
  rows: { fr: 'lignes', en: 'rows' },
  rowsHeader: { fr: 'Lignes', en: 'Rows' },
} as const satisfies Record<string, Text>;

export const dw = (key: keyof typeof DIFF_WORDS, lang: Lang): string => DIFF_WORDS[key][lang];

/** `1 row changed`, `2 rows changed`: the count with its words, singular or plural (French: `0 ligne modifiée`). */
export const countOf = (n: number, key: 'changed' | 'unchanged', lang: Lang): string =>
  `${n} ${dw((lang === 'fr' ? n < 2 : n === 1) ? `${key}One` : key, lang)}`;

export const valueText = (v: FieldValue, lang: Lang): string => (typeof v === 'string' ? v : v[lang]);

/** The row a change is about, on whichever side it exists. */
export const rowOf = (c: RowChange): MatrixRow => (c.after ?? c.before) as MatrixRow;

/** `hamilton/dns (web → dns)`: how a change names its row. */
export const rowName = (c: RowChange): string => {
  const r = rowOf(c);
  return `${r.catalog}/${r.flow} (${r.source.role} → ${r.destination.role})`;
};

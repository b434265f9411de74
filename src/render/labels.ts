import type { Auth, Encryption, FlowFact, FlowOrigin } from '../model/catalog.js';
import type { Severity } from '../model/finding.js';
import { colon, type Lang, pick, semicolon, type Text } from '../model/text.js';
import {
  AUTH_MECHANISMS,
  type ByDefault,
  ENCRYPTION_MECHANISMS,
  type FlowKind,
  REQUIREMENT_LABELS,
  type RequirementLevel,
  type TrafficDirection,
} from '../model/vocab.js';

/** Localised words the documents print. Vocabulary ids stay in the data; only labels change with `lang`. */
export const BY_DEFAULT_LABELS: Record<ByDefault, Text> = {
  yes: { fr: 'Oui', en: 'Yes' },
  no: { fr: 'Non', en: 'No' },
  partial: { fr: 'Partiel', en: 'Partial' },
  unknown: { fr: 'Non documenté', en: 'Not documented' },
};

export const KIND_LABELS: Record<FlowKind, Text> = {
  network: { fr: 'Réseau', en: 'Network' },
  'trusted-site': { fr: 'Site de confiance', en: 'Trusted site' },
  reference: { fr: 'Référence', en: 'Reference' },
};

export const DIRECTION_LABELS: Record<TrafficDirection, Text> = {
  inbound: { fr: 'Entrant', en: 'Inbound' },
  outbound: { fr: 'Sortant', en: 'Outbound' },
  internal: { fr: 'Interne', en: 'Internal' },
  user: { fr: 'Utilisateur', en: 'User' },
};

export const SEVERITY_LABELS: Record<Severity, Text> = {
  info: { fr: 'Info', en: 'Info' },
  low: { fr: 'Faible', en: 'Low' },
  medium: { fr: 'Moyenne', en: 'Medium' },
  high: { fr: 'Élevée', en: 'High' },
  critical: { fr: 'Critique', en: 'Critical' },
};

/** Row colours by requirement level (ARGB without alpha, shared by XLSX and HTML). */
export const LEVEL_COLOURS: Record<RequirementLevel, string> = {
  mandatory: 'F8D7DA',
  recommended: 'FFF3CD',
  optional: 'D1E7DD',
};

/** Edge and border colours by level: darker than the fills so lines stay visible. */
export const LEVEL_STROKES: Record<RequirementLevel, string> = {
  mandatory: 'B02A37',
  recommended: 'B58105',
  optional: '198754',
};

export const levelLabel = (level: RequirementLevel, lang: Lang): string => REQUIREMENT_LABELS[level][lang];

export const authLabels = (ids: readonly (keyof typeof AUTH_MECHANISMS)[], lang: Lang): string =>
  ids.map((id) => AUTH_MECHANISMS[id][lang]).join(', ');

export const authDefault = (auth: Auth | undefined, lang: Lang): string => (auth ? authLabels(auth.default, lang) : '');
export const authSupported = (auth: Auth | undefined, lang: Lang): string =>
  auth ? authLabels(auth.supported, lang) : '';

export function encryptionSupported(enc: Encryption | undefined, lang: Lang): string {
  if (!enc) return '';
  if (enc.supported.length === 0) return lang === 'fr' ? 'Aucun (en clair)' : 'None (cleartext)';
  const names = enc.supported.map((id) => ENCRYPTION_MECHANISMS[id][lang]).join(', ');
  return enc.minTls ? `${names} (TLS ≥ ${enc.minTls})` : names;
}

export const encryptedByDefault = (enc: Encryption | undefined, lang: Lang): string =>
  enc ? BY_DEFAULT_LABELS[enc.byDefault][lang] : '';

/** Fixed words of the documents' chrome (titles, headings). */
export const WORDS = {
  inHouse: { fr: 'catalogue interne, sans document source', en: 'in-house catalog, no source document' },
  matrix: { fr: 'Matrice des flux', en: 'Flow matrix' },
  summary: { fr: 'Synthèse', en: 'Summary' },
  site: { fr: 'Site', en: 'Site' },
  catalogs: { fr: 'Catalogues', en: 'Catalogs' },
  catalog: { fr: 'Catalogue', en: 'Catalog' },
  source: { fr: 'Document source', en: 'Source document' },
  // Two counts, never mixed up: a matrix row is one catalog flow between one source and one destination; the
  // tables show one line per row, protocol and port range (so more lines than rows).
  rows: { fr: 'Lignes de matrice', en: 'Matrix rows' },
  lines: { fr: 'Lignes de tableau', en: 'Table lines' },
  rowsDefinition: {
    fr: 'une par flux du catalogue, source et destination',
    en: 'one per catalog flow, source and destination',
  },
  linesDefinition: {
    fr: 'une par ligne de matrice, protocole et plage de ports',
    en: 'one per matrix row, protocol and port range',
  },
  byLevel: { fr: 'Par niveau d’exigence', en: 'By requirement level' },
  byZonePair: { fr: 'Par paire de zones', en: 'By zone pair' },
  byFirewall: { fr: 'Par pare-feu', en: 'By firewall' },
  legend: { fr: 'Légende', en: 'Legend' },
  findings: { fr: 'Constats', en: 'Findings' },
  verify: { fr: 'Vérification', en: 'Verify' },
  scenarios: { fr: 'Scénarios', en: 'Scenarios' },
  count: { fr: 'Nombre', en: 'Count' },
  level: { fr: 'Niveau', en: 'Level' },
  colour: { fr: 'Couleur', en: 'Colour' },
  authentication: { fr: 'Authentification', en: 'Authentication' },
  encryption: { fr: 'Chiffrement', en: 'Encryption' },
  severity: { fr: 'Gravité', en: 'Severity' },
  rule: { fr: 'Règle', en: 'Rule' },
  message: { fr: 'Message', en: 'Message' },
  remediation: { fr: 'Remédiation', en: 'Remediation' },
  reference: { fr: 'Référence', en: 'Reference' },
  suppressed: { fr: 'Accepté', en: 'Suppressed' },
  filter: { fr: 'Filtrer…', en: 'Filter…' },
  all: { fr: 'Tous', en: 'All' },
  shown: { fr: 'lignes de tableau affichées', en: 'table lines shown' },
  mode: { fr: 'Mode', en: 'Mode' },
  catalogMode: {
    fr: 'Catalogue seul (rôles non liés à un site, toutes options actives)',
    en: 'Catalog only (roles not bound to a site, every option on)',
  },
  generated: {
    fr: 'Document généré par Flowmatrix à partir des catalogues et du site ; ne pas modifier à la main.',
    en: 'Generated by Flowmatrix from the catalogs and the site; do not edit by hand.',
  },
  none: { fr: 'aucun', en: 'none' },
  direct: { fr: 'direct', en: 'direct' },
  id: { fr: 'Identifiant', en: 'Id' },
  label: { fr: 'Libellé', en: 'Label' },
  firewall: { fr: 'Pare-feu', en: 'Firewall' },
  zones: { fr: 'Zones', en: 'Zones' },
  kind: { fr: 'Type de ligne', en: 'Row kind' },
  product: { fr: 'Produit', en: 'Product' },
  byDefault: { fr: 'Chiffré par défaut', en: 'Encrypted by default' },
  columns: { fr: 'Colonnes (identifiants CSV)', en: 'Columns (CSV ids)' },
} as const satisfies Record<string, Text>;

export const word = (key: keyof typeof WORDS, lang: Lang): string => WORDS[key][lang];

/** The name of each flow fact, as a reader sees it beside its origin. */
export const FLOW_FACT_LABELS: Record<FlowFact, Text> = {
  row: { fr: 'Flux', en: 'Flow' },
  from: { fr: 'Source', en: 'Source' },
  to: { fr: 'Destination', en: 'Destination' },
  services: { fr: 'Ports', en: 'Ports' },
  app: { fr: 'Protocole applicatif', en: 'Application protocol' },
  when: { fr: 'Condition', en: 'Condition' },
  level: { fr: 'Niveau d’exigence', en: 'Requirement level' },
  auth: { fr: 'Authentification', en: 'Authentication' },
  encryption: { fr: 'Chiffrement', en: 'Encryption' },
  minTls: { fr: 'TLS minimum', en: 'Minimum TLS' },
  proxy: { fr: 'Proxy', en: 'Proxy' },
  direction: { fr: 'Sens', en: 'Direction' },
  interface: { fr: 'Interface', en: 'Interface' },
};

/** `Ports : … ; Authentification : …` — every fact not in the source document, with where it comes from. */
export function originFacts(origin: FlowOrigin | undefined, lang: Lang): string {
  if (!origin) return '';
  return Object.entries(origin)
    .map(([fact, text]) => `${FLOW_FACT_LABELS[fact as FlowFact][lang]}${colon(lang)} ${pick(text, lang)}`)
    .join(`${semicolon(lang)} `);
}

/**
 * A catalog's source document as documents name it: its title first (the seed's file name is a hash a reader
 * cannot place), then the file and date that find it again.
 */
export const sourceText = (src: {
  readonly document: string;
  readonly title: string;
  readonly date?: string;
}): string => `${src.title} (${src.document}${src.date ? `, ${src.date}` : ''})`;

import { frenchSpaces, type Lang, type Text } from '../../model/text.js';

export const CR_WORDS = {
  title: { fr: 'Demande de changement — flux réseau', en: 'Change request — network flows' },
  summary: { fr: 'Résumé', en: 'Summary' },
  requester: { fr: 'Demandeur', en: 'Requester' },
  justification: { fr: 'Justification', en: 'Justification' },
  toFill: { fr: '(à compléter)', en: '(to be filled in)' },
  site: { fr: 'Site', en: 'Site' },
  rows: { fr: 'Lignes ouvertes, fermées, élargies ou affaiblies', en: 'Rows opened, closed, widened or weakened' },
  noRows: { fr: 'Aucune ligne ouverte, fermée ni élargie.', en: 'No row opened, closed or widened.' },
  risk: { fr: 'Risque : constats d’audit sur ce qui est nouveau', en: 'Risk: audit findings on what is new' },
  noRisk: {
    fr: 'Aucun constat d’audit sur les lignes nouvelles ou élargies.',
    en: 'No audit finding on the new or widened rows.',
  },
  implementation: { fr: 'Mise en œuvre par pare-feu', en: 'Implementation per firewall' },
  rollback: { fr: 'Retour arrière', en: 'Rollback' },
  verification: { fr: 'Vérification', en: 'Verification' },
  noFirewall: { fr: 'Aucune règle de pare-feu ne change.', en: 'No firewall rule changes.' },
  counts: {
    fr: 'règles retirées / ajoutées, objets retirés / ajoutés',
    en: 'rules removed / added, objects removed / added',
  },
  order: {
    fr: 'Ordre : d’abord ce qui restreint (règles et adresses de l’ancienne version retirées), puis ce qui élargit (objets, adresses et règles de la nouvelle) ; aucun état intermédiaire n’ouvre plus que l’une des deux versions.',
    en: 'Order: first what narrows (rules and addresses of the old version removed), then what widens (objects, addresses and rules of the new one); no intermediate state opens more than one of the two versions.',
  },
  errors: { fr: 'Deltas non calculés', en: 'Deltas not computed' },
  severity: { fr: 'Gravité', en: 'Severity' },
  rule: { fr: 'Règle', en: 'Rule' },
  message: { fr: 'Constat', en: 'Finding' },
  step: { fr: 'Étape', en: 'Step' },
  command: { fr: 'Commande', en: 'Command' },
  firewall: { fr: 'Pare-feu', en: 'Firewall' },
  platform: { fr: 'Plateforme', en: 'Platform' },
  notes: { fr: 'Remarques', en: 'Notes' },
} as const satisfies Record<string, Text>;

/** The words typed with plain spaces before `:` and `;`: French gets its no-break ones here. */
export const cw = (key: keyof typeof CR_WORDS, lang: Lang): string =>
  lang === 'fr' ? frenchSpaces(CR_WORDS[key].fr) : CR_WORDS[key].en;

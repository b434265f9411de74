import type { Locale } from '../api-types.ts';

interface ErrorText {
  message: string;
  hint?: string;
}

/**
 * The API's errors whose words do not depend on the request, by code, as the screens say them. The API answers in
 * English (scripts read it); a French screen must not. English is given only where the API's own words speak to a
 * command line (`--format`); elsewhere the API's message and hint are shown as they are.
 */
const TEXTS: Record<string, { en?: ErrorText; fr: ErrorText }> = {
  'bad-credentials': { fr: { message: 'nom d’utilisateur ou mot de passe incorrect' } },
  'rate-limited': {
    fr: { message: 'trop de tentatives de connexion', hint: 'attendez quelques minutes avant de réessayer' },
  },
  unauthenticated: { fr: { message: 'connectez-vous d’abord' } },
  disabled: { fr: { message: 'ce compte est désactivé', hint: 'un administrateur peut le réactiver' } },
  forbidden: { fr: { message: 'votre rôle ne permet pas cette action' } },
  'token-scope': { fr: { message: 'ce jeton d’API ne permet que la lecture' } },
  'state-changed': {
    fr: { message: 'la demande a changé d’état entre-temps', hint: 'rechargez la page pour voir son état actuel' },
  },
  'name-taken': { fr: { message: 'ce nom est déjà pris', hint: 'choisissez-en un autre' } },
  'invalid-site': { fr: { message: 'le texte du site contient des erreurs', hint: 'corrigez les lignes ci-dessous' } },
  'config-format': {
    en: {
      message: 'the configuration’s format cannot be told from the file',
      hint: 'choose it under “Configuration format”',
    },
    fr: {
      message: 'le format de la configuration ne se déduit pas du fichier',
      hint: 'choisissez-le dans « Format de la configuration »',
    },
  },
  'config-syntax': {
    fr: { message: 'la configuration ne se lit pas', hint: 'corrigez les lignes ci-dessous' },
  },
  'bad-json': { fr: { message: 'la requête n’est pas du JSON valide' } },
  internal: {
    fr: { message: 'erreur interne du serveur', hint: 'réessayez ; si l’erreur persiste, prévenez l’administrateur' },
  },
};

/** What the screen says of an API error with this code, or nothing (the API's words are shown). */
export const errorText = (code: string, locale: Locale): ErrorText | undefined => TEXTS[code]?.[locale];

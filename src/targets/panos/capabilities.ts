import type { Capabilities } from '../generate/target.js';

/**
 * PAN-OS security rules on ports (service objects). ICMP, GRE, ESP… are App-ID applications on PAN-OS, not
 * services: they are reported rather than opened with `application any` (which would widen the rule).
 */
export const PANOS_CAPABILITIES = {
  fqdn: true,
  wildcardFqdn: false,
  url: false,
  ipv6: true,
  portRanges: true,
  comments: true,
  // Rule description: 1024 characters; kept short and readable.
  maxCommentLength: 255,
  maxNameLength: 63,
  stateful: true,
  protocols: ['tcp', 'udp'],
  instead: {
    'wildcard-fqdn': {
      fr: 'créer une catégorie d’URL personnalisée (*.domaine) et l’utiliser dans une règle du proxy ou une règle avec déchiffrement/inspection SNI ; lister les adresses sinon',
      en: 'create a custom URL category (*.domain) and use it in a proxy rule or a rule with SNI inspection; otherwise list the addresses',
    },
  },
} as const satisfies Capabilities;

/** Address, group, service and rule names: 63 characters, letters, digits, `_`, `.`, `-`, starting alphanumeric. */
export const PANOS_NAME_RULES = {
  maxLength: 63,
  charset: /[A-Za-z0-9_.-]/,
  first: /[A-Za-z0-9]/,
  // Words a rule's source, destination or service reads as keywords.
  reserved: ['any', 'application-default', 'none'],
} as const;

/** A zone the firewall already has: 31 characters, letters, digits, `_`, `.`, `-`. */
export const isPanosZoneName = (name: string): boolean => /^[A-Za-z0-9][A-Za-z0-9_.-]{0,30}$/.test(name);

import type { Capabilities } from '../generate/target.js';

/** Junos SRX: global address book (prefixes and `dns-name`), custom applications, zone-pair policies. */
export const SRX_CAPABILITIES = {
  fqdn: true,
  wildcardFqdn: false,
  url: false,
  ipv6: true,
  portRanges: true,
  comments: true,
  // Policy `description`: up to 900 characters.
  maxCommentLength: 255,
  maxNameLength: 63,
  stateful: true,
  protocols: ['tcp', 'udp', 'icmp', 'icmpv6', 'gre', 'esp', 'ah', 'ip'],
  instead: {
    'wildcard-fqdn': {
      fr: 'passer par le proxy (PAC/Squid) ou utiliser une catégorie d’URL (UTM / Enhanced Web Filtering) ; lister les adresses sinon',
      en: 'use the proxy (PAC/Squid) or a URL category (UTM / Enhanced Web Filtering); otherwise list the addresses',
    },
  },
} as const satisfies Capabilities;

/** Address, address-set, application and policy names: 63 characters; `junos-` is reserved for predefined ones. */
export const SRX_NAME_RULES = {
  maxLength: 63,
  charset: /[A-Za-z0-9_.-]/,
  // `match source-address any` / `match application any` are keywords, the others predefined addresses.
  reserved: ['any', 'any-ipv4', 'any-ipv6'],
  reservedPrefixes: ['junos-'],
} as const;

/** A security zone name: letters, digits, `_`, `.`, `-`, up to 63 characters. */
export const isSrxZoneName = (name: string): boolean =>
  /^[A-Za-z][A-Za-z0-9_.-]{0,62}$/.test(name) && !name.startsWith('junos-');

import type { Capabilities } from '../generate/target.js';

/**
 * Azure network security groups: stateful, address prefixes (IPv4/IPv6) or service tags, no DNS name; protocols
 * Tcp, Udp, Icmp, Esp, Ah or `*`. ICMP types cannot be filtered (the render reports a typed ICMP row instead of
 * opening every type). GRE and SCTP have no protocol value: the core reports them.
 */
export const AZURE_NSG_CAPABILITIES = {
  fqdn: false,
  wildcardFqdn: false,
  url: false,
  ipv6: true,
  portRanges: true,
  comments: true,
  // Security rule description: at most 140 characters.
  maxCommentLength: 140,
  // Rule and NSG names: 1 to 80 characters.
  maxNameLength: 80,
  stateful: true,
  protocols: ['tcp', 'udp', 'icmp', 'icmpv6', 'esp', 'ah', 'ip'],
  instead: {
    fqdn: {
      fr: 'lister les adresses dans le site, ou utiliser Azure Firewall (règles d’application FQDN) ou le proxy',
      en: 'list the addresses in the site, or use Azure Firewall (FQDN application rules) or the proxy',
    },
    'wildcard-fqdn': {
      fr: 'utiliser Azure Firewall (règles d’application FQDN) ou le proxy',
      en: 'use Azure Firewall (FQDN application rules) or the proxy',
    },
  },
} as const satisfies Capabilities;

/** Azure resource names for NSGs and rules: letters, digits, `_`, `.`, `-`; starts with a letter or digit. */
export const AZURE_NAME_RULES = {
  maxLength: 80,
  charset: /[A-Za-z0-9_.-]/,
  first: /[A-Za-z0-9]/,
  separator: '-',
} as const;

export const FIRST_PRIORITY = 100;
export const PRIORITY_STEP = 10;
/** The last custom priority, kept for the closing deny rule. */
export const DENY_PRIORITY = 4096;

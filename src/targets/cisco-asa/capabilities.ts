import type { Capabilities } from '../generate/target.js';

/** Cisco ASA 9.x: unified IPv4/IPv6 ACLs, FQDN objects (resolved by the ASA), no wildcard FQDN. */
export const ASA_CAPABILITIES = {
  fqdn: true,
  wildcardFqdn: false,
  url: false,
  ipv6: true,
  portRanges: true,
  comments: true,
  // `access-list … remark` text: at most 100 characters.
  maxCommentLength: 100,
  commentPerFlow: true,
  maxNameLength: 64,
  stateful: true,
  protocols: ['tcp', 'udp', 'sctp', 'icmp', 'icmpv6', 'gre', 'esp', 'ah', 'ip'],
  instead: {
    'wildcard-fqdn': {
      fr: 'passer par le proxy (PAC/Squid), ou filtrer par URL (Cisco Umbrella / FirePOWER) ; lister les adresses sinon',
      en: 'use the proxy (PAC/Squid) or URL filtering (Cisco Umbrella / FirePOWER); otherwise list the addresses',
    },
  },
} as const satisfies Capabilities;

/** Object and object-group names share one namespace on the ASA: 64 characters, no spaces. */
export const ASA_NAME_RULES = { maxLength: 64, charset: /[A-Za-z0-9_.-]/ } as const;

/** An interface `nameif`: letters, digits, `_`, `.`, `-`, up to 48 characters. */
export const isAsaInterfaceName = (name: string): boolean => /^[A-Za-z][A-Za-z0-9_.-]{0,47}$/.test(name);

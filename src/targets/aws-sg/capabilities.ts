import type { Capabilities } from '../generate/target.js';

/**
 * AWS VPC security groups: stateful, CIDR (IPv4/IPv6), security group or prefix-list peers only, so no DNS name.
 * Ports only for TCP, UDP (ranges) and ICMP (type/code); other protocols by number with every port, so SCTP, which
 * needs ports, is left out rather than opened on all of them.
 */
export const AWS_SG_CAPABILITIES = {
  fqdn: false,
  wildcardFqdn: false,
  url: false,
  ipv6: true,
  portRanges: true,
  comments: true,
  // Security group rule description: 255 characters of a restricted set (see AWS_DESCRIPTION_CHAR).
  maxCommentLength: 255,
  maxNameLength: 255,
  stateful: true,
  protocols: ['tcp', 'udp', 'icmp', 'icmpv6', 'gre', 'esp', 'ah', 'ip'],
  instead: {
    fqdn: {
      fr: 'lister les adresses dans le site, utiliser une prefix list gérée, ou passer par le proxy ; un security group ne prend que des CIDR',
      en: 'list the addresses in the site, use a managed prefix list, or go through the proxy; a security group takes CIDRs only',
    },
    'wildcard-fqdn': {
      fr: 'passer par le proxy ou AWS Network Firewall (règles de domaine) ; un security group ne prend que des CIDR',
      en: 'use the proxy or AWS Network Firewall (domain rules); a security group takes CIDRs only',
    },
  },
} as const satisfies Capabilities;

/** The characters AWS accepts in security group names and descriptions (in a VPC). */
export const AWS_DESCRIPTION_CHAR = /[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]/;

/** Default quota: rules per security group and direction (adjustable, at most 1,000 per network interface). */
export const AWS_RULES_PER_DIRECTION = 60;

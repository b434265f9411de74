import type { Capabilities } from '../generate/target.js';

export const IPTABLES_CAPABILITIES = {
  fqdn: false,
  wildcardFqdn: false,
  url: false,
  ipv6: true,
  portRanges: true,
  comments: true,
  // xt_comment: XT_MAX_COMMENT_LEN is 256 including the final NUL.
  maxCommentLength: 255,
  // IPSET_MAXNAMELEN is 32 including the final NUL.
  maxNameLength: 31,
  stateful: true,
  protocols: ['tcp', 'udp', 'sctp', 'icmp', 'icmpv6', 'gre', 'esp', 'ah', 'ip'],
} as const satisfies Capabilities;

export const IPSET_NAME_RULES = { maxLength: 31, charset: /[A-Za-z0-9_]/ } as const;

/** xt_multiport: at most 15 ports per rule, a range counting for two. */
export const MULTIPORT_SLOTS = 15;

import type { Capabilities } from '../generate/target.js';

/** nftables in the kernel: no name resolution (FQDNs are resolved once, at load time, if at all). */
export const NFTABLES_CAPABILITIES = {
  fqdn: false,
  wildcardFqdn: false,
  url: false,
  ipv6: true,
  portRanges: true,
  comments: true,
  // NFT_USERDATA_MAXLEN: nft refuses longer rule comments.
  maxCommentLength: 128,
  maxNameLength: 64,
  stateful: true,
  protocols: ['tcp', 'udp', 'sctp', 'icmp', 'icmpv6', 'gre', 'esp', 'ah', 'ip'],
} as const satisfies Capabilities;

export const NFT_NAME_RULES = { maxLength: 64, charset: /[A-Za-z0-9_]/ } as const;

import type { Capabilities } from '../generate/target.js';

/**
 * Squid as the site's outbound proxy: sources by address (`src`), destinations by name (`dstdomain`, with
 * `.example.com` for wildcards), by address (`dst`, IPv4 and IPv6) or by URL (`url_regex`), ports (`port`, ranges).
 * It only carries TCP (HTTP and CONNECT tunnels).
 */
export const SQUID_CAPABILITIES = {
  fqdn: true,
  wildcardFqdn: true,
  url: true,
  ipv6: true,
  portRanges: true,
  comments: true,
  maxCommentLength: 200,
  // Squid 5: ACL_NAME_SZ is 64; stay well below so a suffix never pushes a name over.
  maxNameLength: 48,
  stateful: true,
  protocols: ['tcp'],
} as const satisfies Capabilities;

export const SQUID_NAME_RULES = { maxLength: 48, charset: /[A-Za-z0-9_-]/ } as const;

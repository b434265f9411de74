import type { Capabilities } from '../generate/target.js';

/** FortiOS 7.x: FQDN and wildcard-FQDN address objects, address6, consolidated IPv4/IPv6 policies. */
export const FORTIOS_CAPABILITIES = {
  fqdn: true,
  wildcardFqdn: true,
  url: false,
  ipv6: true,
  portRanges: true,
  comments: true,
  // Policy `comments`: 1023 characters.
  maxCommentLength: 1023,
  maxNameLength: 79,
  stateful: true,
  protocols: ['tcp', 'udp', 'sctp', 'icmp', 'icmpv6', 'gre', 'esp', 'ah', 'ip'],
} as const satisfies Capabilities;

/** Address, group and service names: 79 characters (kept to a quoting-free charset). */
export const FORTIOS_NAME_RULES = {
  maxLength: 79,
  charset: /[A-Za-z0-9_.-]/,
  // Predefined objects a policy names: the `all` and `none` addresses, the `ALL` service.
  reserved: ['all', 'none'],
} as const;
/** Policy `name`: 35 characters. */
export const FORTIOS_POLICY_NAME_RULES = { maxLength: 35, charset: /[A-Za-z0-9_.-]/ } as const;

/** An interface or zone name as the policy names it (`port1`, `internal`, `dmz`). */
export const isFortiosInterfaceName = (name: string): boolean => /^[A-Za-z0-9][A-Za-z0-9_.-]{0,34}$/.test(name);

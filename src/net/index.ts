/**
 * Network values: addresses, CIDR sets, port sets, DNS names. Pure functions over plain values,
 * no Node-only module, typed arrays on the hot paths.
 */

export { parseAddress } from './address.js';
export { type CidrBounds, CidrSet, type Family, parseCidrBounds } from './cidr-set.js';
export { fqdnMatches, isValidFqdn, isValidWildcard, normaliseFqdn } from './fqdn.js';
export { ICMP_TYPES, ICMPV6_TYPES } from './icmp.js';
export { formatIpv4, formatIpv4Cidr, type Ipv4Cidr, parseIpv4, parseIpv4Cidr } from './ipv4.js';
export { formatIpv6, formatIpv6Cidr, type Ipv6Cidr, parseIpv6Cidr, parseIpv6Into } from './ipv6.js';
export { PORT_MAX, PortSet } from './port-set.js';
export {
  formatPortRange,
  formatPortRanges,
  formatPortSpec,
  mergePortRanges,
  type PortSpec,
  parsePortList,
  parsePortSpec,
} from './ports.js';
export { createPrefixMatcher, type PrefixEntry, type PrefixLookup } from './prefix-matcher.js';
export type { ParseResult } from './result.js';
export {
  type AnyAddress,
  type NetAddress,
  PORTED_PROTOCOLS,
  type PortRange,
  PROTOCOLS,
  type Protocol,
} from './types.js';

import type { Capabilities } from '../generate/target.js';

/**
 * A PAC file routes a client's web requests by destination host: names, wildcard names and IPv4 literals
 * (`isInNet`). It carries no port and no source: those are the proxy's and the firewalls' business, so a PAC
 * file opens nothing; it only says which way a request goes. `isInNet` is IPv4-only (Microsoft's `isInNetEx` is
 * not portable), so IPv6 prefixes are findings.
 */
export const PAC_CAPABILITIES = {
  fqdn: true,
  wildcardFqdn: true,
  url: true,
  ipv6: false,
  portRanges: true,
  comments: true,
  maxCommentLength: 200,
  stateful: true,
  sources: false,
  protocols: ['tcp'],
  instead: {
    ipv6: {
      fr: 'nommer la destination (FQDN) : isInNet ne connaît que l’IPv4',
      en: 'name the destination (FQDN): isInNet only knows IPv4',
    },
  },
} as const satisfies Capabilities;

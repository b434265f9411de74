import type { Capabilities } from '../generate/target.js';

/**
 * Windows Defender Firewall through New-NetFirewallRule. `-RemoteAddress` takes IPv4/IPv6 addresses, CIDRs and
 * ranges but no DNS name (only AppContainer/dynamic keywords), so FQDNs are findings. `-LocalPort`/`-RemotePort`
 * only exist for TCP and UDP, so SCTP (which needs ports) is left out.
 */
export const WINDOWS_FIREWALL_CAPABILITIES = {
  fqdn: false,
  wildcardFqdn: false,
  url: false,
  ipv6: true,
  portRanges: true,
  comments: true,
  // Not a documented hard limit: kept modest so the rule stays readable in wf.msc.
  maxCommentLength: 1024,
  maxNameLength: 128,
  stateful: true,
  protocols: ['tcp', 'udp', 'icmp', 'icmpv6', 'gre', 'esp', 'ah', 'ip'],
  instead: {
    fqdn: {
      fr: 'lister les adresses dans le site, ou passer par le proxy (PAC) ; New-NetFirewallRule ne résout pas les noms',
      en: 'list the addresses in the site, or use the proxy (PAC); New-NetFirewallRule does not resolve names',
    },
  },
} as const satisfies Capabilities;

export const WINDOWS_NAME_RULES = { maxLength: 128, charset: /[A-Za-z0-9_.-]/, separator: '-' } as const;
export const MAX_DISPLAY_NAME = 255;

import type { Capabilities } from '../generate/target.js';

/**
 * Kubernetes NetworkPolicy (networking.k8s.io/v1): peers are pod/namespace selectors or `ipBlock` CIDRs, never DNS
 * names; ports per protocol (TCP, UDP, SCTP) with `endPort` for ranges (Kubernetes 1.25+); no ICMP, GRE, ESP.
 * No protocol at all (`ip`) is a rule without `ports`.
 */
export const KUBERNETES_CAPABILITIES = {
  fqdn: false,
  wildcardFqdn: false,
  url: false,
  ipv6: true,
  portRanges: true,
  // Annotations carry the flow ids and refs.
  comments: true,
  maxNameLength: 63,
  stateful: true,
  protocols: ['tcp', 'udp', 'sctp', 'ip'],
  k8s: true,
  instead: {
    fqdn: {
      fr: 'lister les adresses (ipBlock) dans le site, ou utiliser une politique à FQDN du CNI (Cilium, Calico) ou le proxy',
      en: 'list the addresses (ipBlock) in the site, or use the CNI’s FQDN policy (Cilium, Calico) or the proxy',
    },
    'wildcard-fqdn': {
      fr: 'utiliser une politique à FQDN du CNI (Cilium toFQDNs, Calico) ou le proxy',
      en: 'use the CNI’s FQDN policy (Cilium toFQDNs, Calico) or the proxy',
    },
  },
} as const satisfies Capabilities;

/** Object names: DNS-1123 labels (lowercase letters, digits, `-`; alphanumeric at both ends; 63 characters). */
export const DNS1123_NAME_RULES = { maxLength: 63, charset: /[a-z0-9-]/, first: /[a-z0-9]/, separator: '-' } as const;
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** Label value (and the name part of a key): empty, or alphanumeric at both ends with `-_.` inside, 63 at most. */
export const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** `name` or `prefix/name` with a DNS subdomain prefix (253 max). */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  if (name === '' || !LABEL_VALUE.test(name)) return false;
  return prefix === undefined || (prefix.length <= 253 && DNS1123_SUBDOMAIN.test(prefix));
}

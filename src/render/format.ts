import { type Address, type Endpoint, type MatrixRow, proxyLabel, type ServiceMatch } from '../model/matrix.js';
import type { Lang } from '../model/text.js';

export const isIcmp = (s: ServiceMatch): boolean => s.protocol === 'icmp' || s.protocol === 'icmpv6';

export function address(a: Address): string {
  switch (a.kind) {
    case 'any':
      return 'any';
    case 'k8s': {
      const pods = Object.entries(a.selector.pods).map(([k, v]) => `${k}=${v}`);
      return `k8s:${a.selector.namespace}${pods.length ? `/${pods.join(',')}` : ''}`;
    }
    case 'cidr':
      // A single host reads as an address, the way network teams write it.
      return a.value.endsWith(a.family === 4 ? '/32' : '/128') ? a.value.slice(0, a.value.lastIndexOf('/')) : a.value;
    default:
      return a.value;
  }
}

/** `Serveur WEB (192.0.2.10, 192.0.2.11)`; the title alone when the role is not bound to addresses. */
export function endpoint(e: Endpoint, lang: Lang): string {
  const title = e.title[lang];
  const addresses = e.addresses;
  if (addresses.length === 0) return title;
  // Built for each row that shows it (rows share endpoints, but a matrix read back from JSON does not).
  let list = address(addresses[0] as Address);
  for (let i = 1; i < addresses.length; i++) list += `, ${address(addresses[i] as Address)}`;
  return `${title} (${list})`;
}

/** Firewalls crossed by any leg, in path order, each once. */
export function firewalls(row: MatrixRow): string[] {
  const seen = new Set<string>();
  for (const leg of row.legs) for (const hop of leg.hops) seen.add(hop.firewall);
  return [...seen];
}

export const viaProxy = (row: MatrixRow): string => proxyLabel(row);

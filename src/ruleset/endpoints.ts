import type { Address, Endpoint } from '../model/matrix.js';
import { CidrSet } from '../net/cidr-set.js';

/** Addresses of an endpoint as a set; names (FQDN, wildcard, URL, selector) are returned apart, never guessed. */
export function endpointSet(endpoint: Endpoint): { set: CidrSet; names: string[] } {
  const names: string[] = [];
  const cidrs: Address[] = [];
  for (const a of endpoint.addresses) {
    if (a.kind === 'cidr' || a.kind === 'any') cidrs.push(a);
    else names.push(a.kind === 'k8s' ? 'selector' : a.value);
  }
  return { set: CidrSet.fromAddresses(cidrs), names };
}

/** ICMPv6 echo types for the IPv4 ones (8 → 128, 0 → 129); other ICMP types have no ICMPv6 twin. */
const ICMPV6_TWIN: Readonly<Record<number, number>> = { 8: 128, 0: 129 };
export const icmpv6Twin = (type: number | undefined): number | undefined =>
  type === undefined ? undefined : ICMPV6_TWIN[type];

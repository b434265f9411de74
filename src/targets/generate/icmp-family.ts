import type { ServiceMatch } from '../../model/matrix.js';
import { ICMP_TYPES, ICMPV6_TYPES } from '../../net/index.js';

/**
 * ICMP is two protocols: `icmp` for IPv4, `icmpv6` for IPv6. A catalog row "ping" written `icmp/echo-request`
 * between dual-stack hosts means ping in both families; opening only ICMPv4 dropped IPv6 ping in the kernel with
 * no word. A service is opened for every family both ends have: the other family's ICMP type of the same meaning
 * is added, and a type with no counterpart (timestamp, address mask…) is reported, never silently dropped.
 */

/** Same meaning, different names in the two tables. */
const V4_TO_V6_NAME: Readonly<Record<string, string>> = {
  'router-advertisement': 'nd-router-advert',
  'router-solicitation': 'nd-router-solicit',
  redirect: 'nd-redirect',
};

const nameOf = (table: Readonly<Record<string, number>>, type: number): string | undefined =>
  Object.entries(table).find(([, t]) => t === type)?.[0];

/** The type number in the other family, undefined when that family has no such message. */
export function otherFamilyIcmpType(protocol: 'icmp' | 'icmpv6', type: number): number | undefined {
  if (protocol === 'icmp') {
    const name = nameOf(ICMP_TYPES, type);
    return name === undefined ? undefined : ICMPV6_TYPES[V4_TO_V6_NAME[name] ?? name];
  }
  const name = nameOf(ICMPV6_TYPES, type);
  const v4 = Object.entries(V4_TO_V6_NAME).find(([, v6]) => v6 === name)?.[0] ?? name;
  return v4 === undefined ? undefined : ICMP_TYPES[v4];
}

export interface FamilyExpansion {
  /**
   * The services with the other family's ICMP added where both ends have that family (replacing the original when
   * the ends have only the other family).
   */
  readonly services: readonly ServiceMatch[];
  /** ICMP services whose type has no counterpart in a family both ends have: that family is not opened. */
  readonly missing: readonly { readonly service: ServiceMatch; readonly family: 4 | 6 }[];
}

const same = (a: ServiceMatch, b: ServiceMatch): boolean =>
  a.protocol === b.protocol && a.icmpType === b.icmpType && a.ports.length === 0 && b.ports.length === 0;

/**
 * `families`: the IP families a packet of this rule can have (both ends hold it). The list is returned as given
 * when nothing is added (no copy, and the printers' comparison with the previous rule's list is then immediate).
 */
export function expandIcmpFamilies(
  services: readonly ServiceMatch[],
  families: { readonly v4: boolean; readonly v6: boolean },
  supported: (protocol: ServiceMatch['protocol']) => boolean = () => true,
): FamilyExpansion {
  let out: ServiceMatch[] | undefined;
  const missing: { service: ServiceMatch; family: 4 | 6 }[] = [];
  for (const s of services) {
    // A target without ICMP at all says so once, for the service as written.
    if ((s.protocol !== 'icmp' && s.protocol !== 'icmpv6') || !supported(s.protocol)) continue;
    const family = s.protocol === 'icmp' ? 6 : 4;
    if (!(family === 6 ? families.v6 : families.v4)) continue;
    // Ends of the other family only: the service *is* the other family's (ping between IPv6 hosts is ICMPv6 echo).
    const ownFamily = family === 6 ? families.v4 : families.v6;
    const protocol = s.protocol === 'icmp' ? 'icmpv6' : 'icmp';
    let counterpart: ServiceMatch;
    if (s.icmpType === undefined) counterpart = { ...s, protocol };
    else {
      const type = otherFamilyIcmpType(s.protocol, s.icmpType);
      if (type === undefined) {
        missing.push({ service: s, family });
        continue;
      }
      counterpart = { ...s, protocol, icmpType: type };
    }
    out ??= [...services];
    if (!ownFamily) out.splice(out.indexOf(s), 1);
    if (!out.some((x) => same(x, counterpart))) out.push(counterpart);
  }
  return { services: out ?? services, missing };
}

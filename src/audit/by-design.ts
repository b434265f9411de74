import type { Severity } from '../model/finding.js';
import type { MatrixRow, ServiceMatch } from '../model/matrix.js';
import type { Text } from '../model/text.js';

/**
 * Protocols with no encryption in their design, and nothing better to switch to on the same port: their
 * cleartext is a known property, not a configuration left undone. Chosen narrowly:
 * - ICMP / ICMPv6: network control messages (echo, unreachable, packet too big); nothing secret, nothing to
 *   encrypt; the question is which types to let through.
 * - DNS on port 53: queries and answers are cleartext by design. DNS over TLS (853) or HTTPS are other
 *   services on other ports: a flow that uses them says so (and is then not cleartext).
 * - NTP (udp/123): time carries no secret; its risk is forged time, which NTS (RFC 8915) authenticates
 *   without encrypting.
 * - DHCP (udp/67-68, 546-547): runs before the host has an address; it cannot be encrypted and stays on the
 *   local segment.
 * Not here, on purpose: SNMPv1/v2c (SNMPv3 exists and the community string is a reusable secret), syslog
 * (TLS syslog, RFC 5425), LDAP, SMB, HTTP, FTP, Telnet: each has a secure alternative, so cleartext there stays
 * `cleartext-flow`, high.
 */
export type ByDesign = 'icmp' | 'dns' | 'ntp' | 'dhcp';

/** Every port of every range of `s` is one of `ports` (a range wider than the list cannot be). */
function only(s: ServiceMatch, ports: readonly number[]): boolean {
  if (s.ports.length === 0) return false;
  for (const r of s.ports) {
    if (r.to - r.from >= ports.length) return false;
    for (let p = r.from; p <= r.to; p++) if (!ports.includes(p)) return false;
  }
  return true;
}

function kindOf(s: ServiceMatch): ByDesign | undefined {
  if (s.protocol === 'icmp' || s.protocol === 'icmpv6') return 'icmp';
  if ((s.protocol === 'udp' || s.protocol === 'tcp') && only(s, [53])) return 'dns';
  if (s.protocol === 'udp' && only(s, [123])) return 'ntp';
  if (s.protocol === 'udp' && only(s, [67, 68, 546, 547])) return 'dhcp';
  return undefined;
}

/** The by-design protocols of a row when every one of its services is one of them; undefined otherwise. */
export function cleartextByDesign(row: MatrixRow): ByDesign[] | undefined {
  if (row.services.length === 0) return undefined;
  const kinds = new Set<ByDesign>();
  for (const s of row.services) {
    const k = kindOf(s);
    if (!k) return undefined;
    kinds.add(k);
  }
  return [...kinds];
}

/** Why each is cleartext, and what does help. */
export const BY_DESIGN: Record<ByDesign, { readonly severity: Severity; readonly why: Text }> = {
  icmp: {
    severity: 'info',
    why: {
      fr: 'ICMP n’a pas de chiffrement par conception (messages de contrôle du réseau, rien de secret) : ne laisser passer que les types utiles',
      en: 'ICMP has no encryption by design (network control messages, nothing secret): let only the needed types through',
    },
  },
  dns: {
    severity: 'low',
    why: {
      fr: 'DNS sur le port 53 est en clair par conception : les requêtes révèlent les noms consultés et les réponses peuvent être falsifiées ; DNS sur TLS (853) ou HTTPS vers les résolveurs hors du site, validation DNSSEC',
      en: 'DNS on port 53 is cleartext by design: queries reveal the names looked up and answers can be forged; DNS over TLS (853) or HTTPS to resolvers outside the site, DNSSEC validation',
    },
  },
  ntp: {
    severity: 'low',
    why: {
      fr: 'NTP ne transporte aucun secret : le risque est une heure falsifiée, que NTS (RFC 8915) authentifie',
      en: 'NTP carries no secret: the risk is forged time, which NTS (RFC 8915) authenticates',
    },
  },
  dhcp: {
    severity: 'low',
    why: {
      fr: 'DHCP fonctionne avant que l’hôte ait une adresse : aucun chiffrement possible ; le garder sur le segment local (DHCP snooping)',
      en: 'DHCP runs before the host has an address: no encryption is possible; keep it on the local segment (DHCP snooping)',
    },
  },
};

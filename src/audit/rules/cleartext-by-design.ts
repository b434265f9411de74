import { BY_DESIGN, cleartextByDesign } from '../by-design.js';
import { rowName, servicesText } from '../rows.js';
import { defineAuditRule, type RuleHit } from '../types.js';

/**
 * ICMP, DNS on 53, NTP, DHCP: cleartext is how these protocols work, not a setting left off. Ranked below
 * `cleartext-flow` (which keeps every protocol that has a secure alternative) and explained, so that ping and
 * DNS no longer sit among the high findings.
 */
export default defineAuditRule({
  id: 'cleartext-by-design',
  severity: 'low',
  category: 'encryption',
  needs: 'catalog',
  title: {
    fr: 'Protocole sans chiffrement par conception (ICMP, DNS, NTP, DHCP)',
    en: 'Protocol with no encryption by design (ICMP, DNS, NTP, DHCP)',
  },
  rationale: {
    fr: 'Ces protocoles n’ont pas de variante chiffrée sur le même port : leur clair est une propriété connue, pas une configuration oubliée. Le risque est réel mais limité et différent (noms consultés et réponses falsifiées pour DNS, heure falsifiée pour NTP, types ICMP inutiles) : faible pour DNS, NTP et DHCP, info pour ICMP. SNMPv1/v2c, syslog, LDAP, SMB, HTTP, FTP ou Telnet ont une alternative sûre et restent « cleartext-flow ».',
    en: 'These protocols have no encrypted variant on the same port: their cleartext is a known property, not a forgotten setting. The risk is real but limited and different (names looked up and forged answers for DNS, forged time for NTP, needless ICMP types): low for DNS, NTP and DHCP, info for ICMP. SNMPv1/v2c, syslog, LDAP, SMB, HTTP, FTP or Telnet have a secure alternative and stay "cleartext-flow".',
  },
  remediation: {
    fr: 'DNS : DNS sur TLS ou HTTPS vers les résolveurs hors du site, validation DNSSEC ; NTP : NTS (RFC 8915) ; ICMP : ne laisser passer que les types utiles ; DHCP : rester sur le segment local (DHCP snooping).',
    en: 'DNS: DNS over TLS or HTTPS to resolvers outside the site, DNSSEC validation; NTP: NTS (RFC 8915); ICMP: let only the needed types through; DHCP: keep it on the local segment (DHCP snooping).',
  },
  references: ['RFC 7858 (DNS over TLS)', 'RFC 8915 (NTS)', 'RFC 4890 (ICMPv6 filtering)', 'NIST SP 800-81-2'],
  check: ({ matrix }) =>
    matrix.rows.flatMap((row): RuleHit[] => {
      if (row.kind === 'trusted-site' || row.encryption === undefined || row.encryption.supported.length > 0) return [];
      const kinds = cleartextByDesign(row);
      if (!kinds) return [];
      // The row's weight is that of its heaviest protocol (DNS beside ICMP is low, not info).
      const severity = kinds.some((k) => BY_DESIGN[k].severity === 'low') ? 'low' : 'info';
      const services = servicesText(row.services);
      return [
        {
          row,
          messageId: kinds.join('+'),
          severity,
          data: { protocols: kinds.join(', '), services },
          message: {
            fr: `${rowName(row, 'fr')} : en clair par conception (${services}) — ${kinds.map((k) => BY_DESIGN[k].why.fr).join(' ; ')}`,
            en: `${rowName(row, 'en')}: cleartext by design (${services}) — ${kinds.map((k) => BY_DESIGN[k].why.en).join('; ')}`,
          },
        },
      ];
    }),
});

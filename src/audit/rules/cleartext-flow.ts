import { cleartextByDesign } from '../by-design.js';
import { rowName, servicesText } from '../rows.js';
import { defineAuditRule } from '../types.js';

/**
 * A flow no mechanism can encrypt: whatever it carries crosses the network readable by anyone on the path. Rows
 * made only of protocols with no encryption by design (ICMP, DNS, NTP, DHCP) are `cleartext-by-design`'s.
 */
export default defineAuditRule({
  id: 'cleartext-flow',
  severity: 'high',
  category: 'encryption',
  needs: 'catalog',
  title: { fr: 'Flux en clair (aucun chiffrement possible)', en: 'Cleartext flow (no encryption supported)' },
  rationale: {
    fr: 'Le document source n’indique aucun mécanisme de chiffrement pour ce flux : son contenu (données, identifiants) circule lisible par tout équipement sur le chemin.',
    en: 'The source document lists no encryption mechanism for this flow: its content (data, credentials) is readable by any device on the path.',
  },
  remediation: {
    fr: 'Encapsuler le flux (IPsec, tunnel TLS), le restreindre à un segment dédié, ou documenter l’acceptation du risque par une exception.',
    en: 'Wrap the flow (IPsec, TLS tunnel), confine it to a dedicated segment, or record the accepted risk as a suppression.',
  },
  references: ['NIST SP 800-52r2 §1', 'CIS Controls v8 3.10', 'ANSSI Guide d’hygiène informatique, mesure 25'],
  check: ({ matrix }) =>
    matrix.rows
      .filter(
        (r) =>
          r.kind !== 'trusted-site' &&
          r.encryption !== undefined &&
          r.encryption.supported.length === 0 &&
          cleartextByDesign(r) === undefined,
      )
      .map((row) => ({
        row,
        messageId: 'cleartext',
        data: { services: servicesText(row.services) },
        message: {
          fr: `${rowName(row, 'fr')} : aucun chiffrement possible (${servicesText(row.services) || 'sans port'})`,
          en: `${rowName(row, 'en')}: no encryption supported (${servicesText(row.services) || 'no port'})`,
        },
      })),
});

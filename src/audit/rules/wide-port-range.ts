import { firewallNames, hopsOf, rowName } from '../rows.js';
import { defineAuditRule, type RuleHit } from '../types.js';

export default defineAuditRule({
  id: 'wide-port-range',
  severity: 'medium',
  category: 'filtering',
  needs: 'site',
  title: { fr: 'Plage de ports large à travers un pare-feu', en: 'Wide port range through a firewall' },
  rationale: {
    fr: 'Les plages média (RTP) et RPC dynamiques ouvrent des milliers de ports : tout service qui y écoute devient joignable. Elles peuvent souvent être réduites côté serveur.',
    en: 'Media (RTP) and dynamic RPC ranges open thousands of ports: any service listening there becomes reachable. They can often be narrowed on the servers.',
  },
  remediation: {
    fr: 'Restreindre la plage sur les serveurs (RPC : article 154596 ; média : plage configurée) et l’indiquer en paramètre du site ; sinon, un pare-feu applicatif (inspection RPC/SIP).',
    en: 'Narrow the range on the servers (RPC: KB 154596; media: configured range) and set it as a site parameter; otherwise, an application-aware firewall (RPC/SIP inspection).',
  },
  references: [
    'NIST SP 800-41r1 §4.1',
    'CIS Controls v8 4.4',
    'seed 003 (Mailbox notes, RPC)',
    'seed 004 (A/V 50 000-59 999)',
  ],
  check: ({ matrix, options }) =>
    matrix.rows.flatMap((row): RuleHit[] => {
      if (row.kind !== 'network') return [];
      const hops = hopsOf(row);
      if (hops.length === 0) return [];
      return row.services.flatMap((s) =>
        s.ports
          .filter((p) => p.to - p.from + 1 > options.maxPortRange)
          .map((p) => ({
            row,
            messageId: 'wideRange',
            data: {
              range: `${s.protocol}/${p.from}-${p.to}`,
              ports: p.to - p.from + 1,
              threshold: options.maxPortRange,
            },
            message: {
              fr: `${rowName(row, 'fr')} : ${s.protocol}/${p.from}-${p.to} (${p.to - p.from + 1} ports, seuil ${options.maxPortRange}) à travers ${firewallNames(hops)}`,
              en: `${rowName(row, 'en')}: ${s.protocol}/${p.from}-${p.to} (${p.to - p.from + 1} ports, threshold ${options.maxPortRange}) through ${firewallNames(hops)}`,
            },
          })),
      );
    }),
});

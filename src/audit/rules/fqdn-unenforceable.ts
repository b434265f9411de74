import type { AddressKind } from '../../model/matrix.js';
import { firewallNames, rowName } from '../rows.js';
import { type AuditContext, defineAuditRule, type NameCapabilities, type RuleHit } from '../types.js';

type NameKind = Extract<AddressKind, 'fqdn' | 'wildcard' | 'url'>;

/** Whether a platform can match this kind of name itself. URLs (host + path): only a proxy can. */
const canExpress = (caps: NameCapabilities | undefined, kind: NameKind): boolean =>
  caps !== undefined && (kind === 'fqdn' ? caps.fqdn : kind === 'wildcard' ? caps.wildcardFqdn : false);

const KIND_TEXT: Record<NameKind, { fr: string; en: string }> = {
  fqdn: { fr: 'nom DNS', en: 'DNS name' },
  wildcard: { fr: 'nom DNS générique', en: 'wildcard DNS name' },
  url: { fr: 'URL', en: 'URL' },
};

export default defineAuditRule({
  id: 'fqdn-unenforceable',
  severity: 'medium',
  category: 'filtering',
  needs: 'site',
  title: {
    fr: 'Destination par nom sans pare-feu ni proxy capable de la filtrer',
    en: 'Name destination with no firewall or proxy able to enforce it',
  },
  rationale: {
    fr: 'Un pare-feu qui ne sait pas filtrer par nom DNS (ou par *.domaine) ne peut ouvrir qu’une liste d’adresses figée, vite périmée pour un service en nuage, ou bien « any ». Seul un pare-feu qui résout les noms, ou un proxy, applique vraiment la règle.',
    en: 'A firewall that cannot match DNS names (or *.domain) can only open a frozen address list, soon stale for a cloud service, or "any". Only a name-aware firewall, or a proxy, really enforces the rule.',
  },
  remediation: {
    fr: 'Faire passer le flux par le proxy du site, ou par un pare-feu qui gère les objets FQDN (et génériques si besoin).',
    en: 'Route the flow through the site’s proxy, or through a firewall that supports FQDN (and wildcard, if needed) objects.',
  },
  references: ['NIST SP 800-41r1 §2.1.4', 'CIS Controls v8 13.10', 'seed 001 (M365, FQDN et *.domaine)'],
  check: (ctx: AuditContext) =>
    ctx.matrix.rows.flatMap((row): RuleHit[] => {
      if (row.kind !== 'network') return [];
      // The leg that reaches the destination; through the proxy, the proxy resolves names.
      const last = row.legs[row.legs.length - 1];
      if (!last || last.viaProxy || last.hops.length === 0) return [];
      const kinds = new Set<NameKind>();
      for (const a of row.destination.addresses)
        if (a.kind === 'fqdn' || a.kind === 'wildcard' || a.kind === 'url') kinds.add(a.kind);
      return [...kinds]
        .filter((kind) => !last.hops.some((h) => canExpress(ctx.capabilitiesOf(h.platform), kind)))
        .map((kind) => {
          const names = row.destination.addresses
            .filter((a) => a.kind === kind)
            .map((a) => ('value' in a ? a.value : ''))
            .join(', ');
          const platforms = [...new Set(last.hops.map((h) => `${h.firewall} (${h.platform})`))].join(', ');
          return {
            row,
            messageId: kind === 'url' ? 'url' : kind === 'wildcard' ? 'wildcard' : 'fqdn',
            ...(kind === 'url' ? { severity: 'high' as const } : {}),
            data: { names, firewalls: firewallNames(last.hops) },
            message: {
              fr: `${rowName(row, 'fr')} : ${KIND_TEXT[kind].fr} ${names} sans proxy, et ${platforms} ne sait pas le filtrer`,
              en: `${rowName(row, 'en')}: ${KIND_TEXT[kind].en} ${names} with no proxy, and ${platforms} cannot match it`,
            },
          };
        });
    }),
});

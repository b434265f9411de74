import type { Severity } from '../../model/finding.js';
import type { Endpoint } from '../../model/matrix.js';
import { firewallNames, rowName, servicesText, zoneKind } from '../rows.js';
import { defineAuditRule, type RuleHit } from '../types.js';

const isAny = (e: Endpoint): boolean => e.addresses.some((a) => a.kind === 'any');

export default defineAuditRule({
  id: 'any-address-across-firewall',
  severity: 'high',
  category: 'filtering',
  needs: 'site',
  title: {
    fr: 'Source ou destination « any » à travers un pare-feu',
    en: 'Any source or any destination through a firewall',
  },
  rationale: {
    fr: 'Une règle « any » ouvre le service à tout le réseau d’un côté du pare-feu : bien plus que ce que le flux demande. Depuis Internet vers un service publié c’est parfois inévitable ; entre zones internes, jamais.',
    en: 'An "any" rule opens the service to a whole side of the firewall: far more than the flow needs. From the Internet to a published service it is sometimes unavoidable; between internal zones, never.',
  },
  remediation: {
    fr: 'Lier le rôle à des hôtes, groupes ou zones précis dans le site ; pour Internet, limiter aux plages publiées par l’éditeur ou passer par un proxy.',
    en: 'Bind the role to specific hosts, groups or zones in the site; for the Internet, limit to the vendor’s published ranges or go through a proxy.',
  },
  references: ['NIST SP 800-41r1 §4.1', 'CIS Controls v8 4.4', 'CIS Controls v8 13.4'],
  check: ({ matrix }) =>
    matrix.rows.flatMap((row): RuleHit[] => {
      if (row.kind !== 'network') return [];
      return row.legs.flatMap((leg): RuleHit[] => {
        if (leg.hops.length === 0) return [];
        const src = isAny(leg.source);
        const dst = isAny(leg.destination);
        if (!src && !dst) return [];
        const external =
          (src && zoneKind(matrix, leg.zoneFrom) === 'external') ||
          (dst && zoneKind(matrix, leg.zoneTo) === 'external');
        const severity: Severity = src && dst ? 'critical' : external ? 'medium' : 'high';
        const side = src && dst ? 'any → any' : src ? `any → ${leg.destination.role}` : `${leg.source.role} → any`;
        return [
          {
            row,
            messageId: src && dst ? 'anyAny' : src ? 'anySource' : 'anyDestination',
            severity,
            data: { side, firewalls: firewallNames(leg.hops), zones: `${leg.zoneFrom} → ${leg.zoneTo}` },
            message: {
              fr: `${rowName(row)} : ${side} (${servicesText(row.services)}) à travers ${firewallNames(leg.hops)} (${leg.zoneFrom} → ${leg.zoneTo})`,
              en: `${rowName(row)}: ${side} (${servicesText(row.services)}) through ${firewallNames(leg.hops)} (${leg.zoneFrom} → ${leg.zoneTo})`,
            },
          },
        ];
      });
    }),
});

import { broadLegs } from '../broad-legs.js';
import { defineAuditRule } from '../types.js';

/**
 * An end that is every address (`any`, `0.0.0.0/0`, `::/0`, or CIDRs adding up to it) on a leg through a firewall.
 * Severity by zone trust (see exposureSeverity): from the Internet into an internal zone, or any to any, is
 * critical; into the perimeter (a published service) or out to anywhere on the Internet, medium; otherwise high.
 */
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
    fr: 'Une règle « any » (ou 0.0.0.0/0, ::/0) ouvre le service à tout le réseau d’un côté du pare-feu : bien plus que ce que le flux demande. Depuis Internet vers un service publié en DMZ c’est parfois inévitable (moyenne) ; depuis Internet vers une zone interne, ou any vers any, c’est critique ; entre zones internes, élevée.',
    en: 'An "any" rule (or 0.0.0.0/0, ::/0) opens the service to a whole side of the firewall: far more than the flow needs. From the Internet to a service published in the DMZ it is sometimes unavoidable (medium); from the Internet into an internal zone, or any to any, it is critical; between internal zones, high.',
  },
  remediation: {
    fr: 'Lier le rôle à des hôtes, groupes ou zones précis dans le site ; pour Internet, limiter aux plages publiées par l’éditeur ou passer par un proxy.',
    en: 'Bind the role to specific hosts, groups or zones in the site; for the Internet, limit to the vendor’s published ranges or go through a proxy.',
  },
  references: ['NIST SP 800-41r1 §4.1', 'CIS Controls v8 4.4', 'CIS Controls v8 13.4'],
  check: ({ matrix }) => matrix.rows.flatMap((row) => broadLegs(matrix, row, 'all')),
});

import { broadLegs } from '../broad-legs.js';
import { defineAuditRule } from '../types.js';

/**
 * An end of at least an IPv4 /8 or an IPv6 /32 (but not everything: that is `any-address-across-firewall`) on a
 * leg through a firewall. One step below the "any" severities, by the same zone trust.
 */
export default defineAuditRule({
  id: 'broad-exposure',
  severity: 'medium',
  category: 'exposure',
  needs: 'site',
  title: {
    fr: 'Plage d’adresses très large à travers un pare-feu',
    en: 'Very wide address range through a firewall',
  },
  rationale: {
    fr: 'Une extrémité d’au moins un /8 IPv4 (16,7 millions d’adresses) ou un /32 IPv6 est bien plus large que les hôtes qu’un flux nomme : c’est presque « any ». La gravité suit la confiance des zones : depuis une zone externe vers une zone interne, élevée ; vers le périmètre ou vers l’extérieur, faible ; à l’intérieur, moyenne.',
    en: 'An end of at least an IPv4 /8 (16.7 million addresses) or an IPv6 /32 is far wider than the hosts a flow names: it is nearly "any". Severity follows zone trust: from an external zone into an internal one, high; into the perimeter or out to external zones, low; inside, medium.',
  },
  remediation: {
    fr: 'Lier le rôle aux hôtes ou groupes qui ont besoin du flux, ou aux plages publiées par l’éditeur ; découper la zone si elle est trop large.',
    en: 'Bind the role to the hosts or groups that need the flow, or to the vendor’s published ranges; split the zone when it is too wide.',
  },
  references: ['NIST SP 800-41r1 §4.1', 'CIS Controls v8 4.4', 'CIS Controls v8 12.2'],
  check: ({ matrix }) => matrix.rows.flatMap((row) => broadLegs(matrix, row, 'wide')),
});

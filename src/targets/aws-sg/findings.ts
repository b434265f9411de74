import { refIn } from '../../model/ref.js';
import { defineFindings, type RowRef } from '../kit/findings.js';

/** The roles of a rule, as the findings name them. */
interface Ends {
  readonly row: RowRef;
  readonly source: string;
  readonly destination: string;
}

/** What aws-sg says it cannot do (besides the generate stage's findings, src/targets/generate/findings.ts). */
export const awsSgFindings = defineFindings('aws-sg', {
  'no-local-host': {
    severity: 'medium',
    title: { fr: 'Aucune extrémité n’est un hôte du site', en: 'Neither end is a site host' },
    message: ({ row, source, destination }: Ends) => ({
      fr: `Flux ${row.flow} (${refIn(row.ref, 'fr')}) : aucune extrémité n’est un hôte du site (${source} → ${destination}), aucun security group ne la porte`,
      en: `Flow ${row.flow} (${row.ref}): neither end is a site host (${source} → ${destination}), no security group holds it`,
    }),
    remediation: () => ({
      fr: 'Lier un des rôles à des instances du VPC, ou ouvrir ce flux sur un pare-feu réseau',
      en: 'Bind one of the roles to instances of the VPC, or open this flow on a network firewall',
    }),
  },
  quota: {
    severity: 'medium',
    title: { fr: 'Security group au-delà du quota de règles', en: 'Security group above the rule quota' },
    message: (p: { group: string; firewall: string; count: number; direction: string; quota: number }) => ({
      fr: `Security group ${p.group} (${p.firewall}) : ${p.count} règles ${p.direction}, au-delà du quota par défaut de ${p.quota}`,
      en: `Security group ${p.group} (${p.firewall}): ${p.count} ${p.direction} rules, above the default quota of ${p.quota}`,
    }),
    remediation: () => ({
      fr: 'Demander une hausse du quota, ou regrouper les adresses dans une prefix list gérée',
      en: 'Request a quota increase, or group the addresses in a managed prefix list',
    }),
  },
});

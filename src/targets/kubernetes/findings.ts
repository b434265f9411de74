import { refIn } from '../../model/ref.js';
import { defineFindings, type RowRef } from '../kit/findings.js';

/** What kubernetes says it cannot do (besides the generate stage's findings, src/targets/generate/findings.ts). */
export const kubernetesFindings = defineFindings('kubernetes', {
  'dns-blocked': {
    severity: 'medium',
    title: { fr: 'Le refus par défaut bloque aussi le DNS', en: 'Default deny also blocks DNS' },
    message: ({ namespace }: { namespace: string }) => ({
      fr: `La politique de refus par défaut du namespace ${namespace} bloque aussi le DNS : aucune ligne de la matrice n’autorise UDP/53 en sortie de ses pods`,
      en: `The default-deny policy of namespace ${namespace} also blocks DNS: no row of the matrix lets its pods out to UDP/53`,
    }),
    remediation: () => ({
      fr: 'ajouter au site ou au catalogue un flux DNS vers kube-dns (rôle lié à { k8s: { namespace: kube-system, pods: { k8s-app: kube-dns } } }), ou générer avec defaultDeny: false',
      en: 'add a DNS flow to kube-dns in the site or catalog (a role bound to { k8s: { namespace: kube-system, pods: { k8s-app: kube-dns } } }), or generate with defaultDeny: false',
    }),
  },
  'no-selector': {
    severity: 'medium',
    title: { fr: 'Aucune extrémité liée à des pods', en: 'Neither end bound to pods' },
    message: ({ row, source, destination }: { row: RowRef; source: string; destination: string }) => ({
      fr: `Flux ${row.flow} (${refIn(row.ref, 'fr')}) : ni ${source} ni ${destination} n’est lié à des pods (k8s:), aucune NetworkPolicy ne peut le porter`,
      en: `Flow ${row.flow} (${row.ref}): neither ${source} nor ${destination} is bound to pods (k8s:), no NetworkPolicy can hold it`,
    }),
    remediation: () => ({
      fr: 'Lier le rôle à un sélecteur { k8s: { namespace, pods } }, ou ouvrir ce flux sur un pare-feu réseau',
      en: 'Bind the role to a { k8s: { namespace, pods } } selector, or open this flow on a network firewall',
    }),
  },
});

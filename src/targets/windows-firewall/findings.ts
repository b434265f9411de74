import { refIn } from '../../model/ref.js';
import { defineFindings, type RowRef } from '../kit/findings.js';

/** What windows-firewall says it cannot do (besides the generate stage's findings, src/targets/generate/findings.ts). */
export const windowsFirewallFindings = defineFindings('windows-firewall', {
  'no-local-host': {
    severity: 'medium',
    title: { fr: 'Aucune extrémité n’est un hôte du site', en: 'Neither end is a site host' },
    message: (p: { row: RowRef; source: string; destination: string; restricted: boolean }) => ({
      fr: `Flux ${p.row.flow} (${refIn(p.row.ref, 'fr')}) : ${p.restricted ? 'aucune extrémité de la direction demandée' : 'aucune extrémité'} n’est un hôte du site (${p.source} → ${p.destination}), aucune règle de pare-feu Windows générée`,
      en: `Flow ${p.row.flow} (${p.row.ref}): ${p.restricted ? 'no end of the requested direction' : 'neither end'} is a site host (${p.source} → ${p.destination}), no Windows firewall rule generated`,
    }),
    remediation: () => ({
      fr: 'Ouvrir ce flux sur le pare-feu réseau, ou lier le rôle à des hôtes Windows du site',
      en: 'Open this flow on the network firewall, or bind the role to Windows hosts of the site',
    }),
  },
});

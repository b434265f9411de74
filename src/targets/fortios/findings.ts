import { refIn } from '../../model/ref.js';
import { defineFindings, type RowRef } from '../kit/findings.js';

/** What fortios says it cannot do (besides the generate stage's findings, src/targets/generate/findings.ts). */
export const fortiosFindings = defineFindings('fortios', {
  'wildcard-fqdn-ipv6': {
    severity: { among: ['high', 'medium'], of: ({ withheld }) => (withheld ? 'high' : 'medium') },
    title: { fr: 'Nom générique résolu en IPv4 seulement', en: 'Wildcard name resolved for IPv4 only' },
    message: ({ names, withheld }: { row: RowRef; names: readonly string[]; withheld: boolean }) => ({
      fr: `FortiOS ne résout les noms génériques (${names.join(', ')}) qu’en IPv4 : le trafic IPv6 correspondant n’est pas ouvert${withheld ? ', règle non générée' : ''}`,
      en: `FortiOS resolves wildcard names (${names.join(', ')}) for IPv4 only: the matching IPv6 traffic is not opened${withheld ? ', rule not generated' : ''}`,
    }),
    remediation: () => ({
      fr: 'Passer par le proxy (PAC/Squid) ou lister les adresses IPv6',
      en: 'Use the proxy (PAC/Squid) or list the IPv6 addresses',
    }),
  },
  // Same id as the generate stage's: a translation this platform does not write (here the IPv6 ones).
  'nat-unsupported': {
    severity: 'high',
    title: { fr: 'Traduction IPv6 non écrite (vip6, ippool6)', en: 'IPv6 translation not written (vip6, ippool6)' },
    message: ({ row }: { row: RowRef }) => ({
      fr: `Flux ${row.flow} (${refIn(row.ref, 'fr')}) : traduction IPv6 non écrite pour FortiOS (vip6, ippool6) ; la politique IPv6 reste sur l’adresse réelle`,
      en: `Flow ${row.flow} (${row.ref}): IPv6 translation not written for FortiOS (vip6, ippool6); the IPv6 policy stays on the real address`,
    }),
    remediation: () => ({
      fr: 'Créer le vip6 (ou l’ippool6) à la main et le mettre dans la politique',
      en: 'Create the vip6 (or ippool6) by hand and use it in the policy',
    }),
  },
});

import { refIn } from '../../model/ref.js';
import { defineFindings, type RowRef } from '../kit/findings.js';

/** Why a rule's destination cannot be kept to its egress zone (egress.ts): the rule is withheld, not widened. */
interface EgressCase {
  readonly row: RowRef;
  readonly toZone: string;
  /** `no-cidr`: `any` towards a zone that lists no CIDR; `other-zones`: every destination lies in other zones. */
  readonly reason: 'no-cidr' | 'other-zones';
}

/** What cisco-asa says it cannot do (besides the generate stage's findings, src/targets/generate/findings.ts). */
export const asaFindings = defineFindings('cisco-asa', {
  'egress-zone': {
    severity: 'high',
    title: {
      fr: 'Destination impossible à limiter à sa zone de sortie',
      en: 'Destination cannot be kept to its egress zone',
    },
    message: ({ row, toZone, reason }: EgressCase) =>
      reason === 'no-cidr'
        ? {
            fr: `Flux ${row.flow} (${refIn(row.ref, 'fr')}) : destination « any » vers la zone ${toZone}, qui n’a pas de CIDR ; une ACL ASA ne filtre qu’en entrée et ouvrirait aussi les autres zones, règle non générée`,
            en: `Flow ${row.flow} (${row.ref}): destination "any" to zone ${toZone}, which lists no CIDR; an ASA ACL filters on ingress only and would open the other zones too, rule not generated`,
          }
        : {
            fr: `Flux ${row.flow} (${refIn(row.ref, 'fr')}) : toutes les adresses de destination sont dans d’autres zones que ${toZone}, règle non générée`,
            en: `Flow ${row.flow} (${row.ref}): every destination address lies in zones other than ${toZone}, rule not generated`,
          },
    remediation: ({ toZone, reason }: EgressCase) =>
      reason === 'no-cidr'
        ? {
            fr: `Donner ses CIDR à la zone ${toZone} dans le site, ou nommer la destination`,
            en: `List the CIDRs of zone ${toZone} in the site, or name the destination`,
          }
        : {
            fr: 'Vérifier les CIDR des zones du site et le chemin du flux',
            en: "Check the site's zone CIDRs and the flow's path",
          },
  },
});

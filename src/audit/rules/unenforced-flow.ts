import type { Severity } from '../../model/finding.js';
import type { UnenforcedReason } from '../../model/matrix.js';
import type { Text } from '../../model/text.js';
import { rowName, servicesText, zoneKind } from '../rows.js';
import { defineAuditRule, type RuleHit } from '../types.js';

const zoneText = (zone: string): string => (zone === '' ? '(no zone)' : zone);

/** `isolated`: the leg's zones no firewall touches. */
const WHY: Record<UnenforcedReason, (isolated: readonly string[]) => Text> = {
  unzoned: () => ({
    fr: 'une extrémité n’est dans aucune zone du site',
    en: 'an endpoint is in no zone of the site',
  }),
  'isolated-zone': (isolated) => ({
    fr: `aucun pare-feu ne touche ${isolated.join(' ni ')}`,
    en: `no firewall touches ${isolated.join(' nor ')}`,
  }),
  'no-path': () => ({
    fr: 'aucune chaîne de pare-feu ne relie ces zones',
    en: 'no chain of firewalls joins these zones',
  }),
};

/** A row between two zones with no firewall between them: no generated rule will ever carry it. */
export default defineAuditRule({
  id: 'unenforced-flow',
  severity: 'medium',
  category: 'filtering',
  needs: 'site',
  title: {
    fr: 'Flux entre zones qu’aucun pare-feu n’applique',
    en: 'Flow between zones that no firewall enforces',
  },
  rationale: {
    fr: 'Le site déclare ces zones distinctes, mais aucun pare-feu déclaré ne se trouve entre elles : aucune règle n’est générée pour ce flux. Soit le trafic passe sans filtrage, soit un équipement absent du site le filtre et n’a pas reçu la règle.',
    en: 'The site declares these zones distinct, but no declared firewall lies between them: no rule is generated for this flow. Either the traffic passes unfiltered, or a device missing from the site filters it and never got the rule.',
  },
  remediation: {
    fr: 'Déclarer le pare-feu qui sépare ces zones (firewalls[].zones), ou fusionner les zones si rien ne les sépare.',
    en: 'Declare the firewall that separates these zones (firewalls[].zones), or merge the zones if nothing separates them.',
  },
  references: ['NIST SP 800-41r1 §4.1', 'CIS Controls v8 12.2'],
  check: ({ matrix }) =>
    matrix.rows.flatMap((row): RuleHit[] => {
      if (row.kind !== 'network') return [];
      return row.legs.flatMap((leg): RuleHit[] => {
        if (!leg.unenforced) return [];
        const touched = new Set(matrix.firewalls.flatMap((f) => f.zones));
        const why = WHY[leg.unenforced]([leg.zoneFrom, leg.zoneTo].filter((z) => !touched.has(z)));
        const external = zoneKind(matrix, leg.zoneFrom) === 'external' || zoneKind(matrix, leg.zoneTo) === 'external';
        const severity: Severity = external ? 'high' : 'medium';
        const zones = `${zoneText(leg.zoneFrom)} → ${zoneText(leg.zoneTo)}`;
        return [
          {
            row,
            messageId: leg.unenforced,
            severity,
            data: { zones, reason: leg.unenforced },
            message: {
              fr: `${rowName(row, 'fr')} : ${zones} (${servicesText(leg.services)}) n’est appliqué par aucun pare-feu : ${why.fr}`,
              en: `${rowName(row, 'en')}: ${zones} (${servicesText(leg.services)}) is enforced by no firewall: ${why.en}`,
            },
          },
        ];
      });
    }),
});

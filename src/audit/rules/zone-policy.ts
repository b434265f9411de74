import type { Severity } from '../../model/finding.js';
import { policyFor, violations } from '../policy.js';
import { rowName, servicesText } from '../rows.js';
import { defineAuditRule, type RuleHit } from '../types.js';

const ACCESS_TEXT = {
  'allow-all': { fr: 'tout autorisé', en: 'allow all' },
  'block-all': { fr: 'tout bloqué', en: 'block all' },
  'allow-only': { fr: 'autorisé seulement', en: 'allow only' },
  'block-only': { fr: 'bloqué seulement', en: 'block only' },
} as const;

export default defineAuditRule({
  id: 'zone-policy',
  severity: 'high',
  category: 'filtering',
  needs: 'site',
  title: { fr: 'Flux contraire à la politique entre zones', en: 'Flow against the zone-to-zone policy' },
  rationale: {
    fr: 'La politique du site dit quelles zones peuvent communiquer et sur quels services. Un flux qui la contredit demande une dérogation explicite, pas une ouverture discrète.',
    en: 'The site policy says which zones may talk and on which services. A flow that contradicts it needs an explicit exception, not a quiet opening.',
  },
  remediation: {
    fr: 'Faire passer le flux par une zone autorisée (relais, proxy), ou faire évoluer la politique, ou enregistrer une exception justifiée.',
    en: 'Route the flow through an allowed zone (relay, proxy), change the policy, or record a justified suppression.',
  },
  references: [
    'NIST SP 800-41r1 §4.1',
    'CIS Controls v8 12.2',
    'ANSSI Recommandations relatives à l’interconnexion d’un SI à Internet',
  ],
  check: ({ matrix, policy }) => {
    if (policy.length === 0) return [];
    return matrix.rows.flatMap((row): RuleHit[] => {
      if (row.kind !== 'network') return [];
      return row.legs.flatMap((leg): RuleHit[] => {
        if (!leg.zoneFrom || !leg.zoneTo) return [];
        const found = policyFor(policy, leg.zoneFrom, leg.zoneTo);
        if (!found) return [];
        const bad = violations(found.entry, leg.services);
        if (bad.length === 0) return [];
        const what = servicesText(bad);
        const access = ACCESS_TEXT[found.entry.access];
        const allowed = found.entry.services.length ? ` ${found.entry.services.join(' ')}` : '';
        return [
          {
            row,
            messageId: found.entry.access,
            severity: found.entry.severity as Severity,
            data: {
              from: leg.zoneFrom,
              to: leg.zoneTo,
              access: found.entry.access,
              policy: found.index,
              services: what,
            },
            message: {
              fr: `${rowName(row, 'fr')} : ${leg.zoneFrom} → ${leg.zoneTo} ${what} ; politique « ${access.fr}${allowed} » (policy[${found.index}])`,
              en: `${rowName(row, 'en')}: ${leg.zoneFrom} → ${leg.zoneTo} ${what}; policy "${access.en}${allowed}" (policy[${found.index}])`,
            },
          },
        ];
      });
    });
  },
});

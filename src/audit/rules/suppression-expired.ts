import { defineAuditRule } from '../types.js';

/** An exception past its date no longer hides anything, and says so: risk acceptance must be renewed, not forgotten. */
export default defineAuditRule({
  id: 'suppression-expired',
  severity: 'medium',
  category: 'documentation',
  needs: 'site',
  scope: 'site',
  title: { fr: 'Exception d’audit expirée', en: 'Expired audit suppression' },
  rationale: {
    fr: 'Une exception accepte un risque pour une durée donnée. Passée la date, le constat qu’elle couvrait redevient actif et le risque doit être réexaminé par son responsable.',
    en: 'A suppression accepts a risk for a given time. After its date, the finding it covered is active again and its owner must review the risk.',
  },
  remediation: {
    fr: 'Corriger le constat, ou renouveler l’exception avec une nouvelle date et une justification à jour.',
    en: 'Fix the finding, or renew the suppression with a new date and an up-to-date justification.',
  },
  references: ['CIS Controls v8 4.2', 'NIST SP 800-41r1 §5.4'],
  check: ({ suppressions, today }) =>
    suppressions.flatMap((s, index) =>
      s.expires < today
        ? [
            {
              messageId: 'expired',
              sitePath: ['suppressions', index],
              data: { index, expires: s.expires, owner: s.owner },
              message: {
                fr: `suppressions[${index}] (${describe(s)}) a expiré le ${s.expires} (responsable : ${s.owner})`,
                en: `suppressions[${index}] (${describe(s)}) expired on ${s.expires} (owner: ${s.owner})`,
              },
            },
          ]
        : [],
    ),
});

const describe = (s: { rule?: string; flow?: string; key?: string }): string =>
  [s.rule && `rule ${s.rule}`, s.flow && `flow ${s.flow}`, s.key && `key ${s.key}`].filter(Boolean).join(', ');

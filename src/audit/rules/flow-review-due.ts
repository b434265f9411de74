import { rowName } from '../rows.js';
import { defineAuditRule } from '../types.js';

/** A review date passed without a review: lower than an expiry (the opening is still granted), but due. */
export default defineAuditRule({
  id: 'flow-review-due',
  severity: 'low',
  category: 'documentation',
  needs: 'site',
  title: { fr: 'Revue d’un flux en retard', en: 'Flow review overdue' },
  rationale: {
    fr: 'Une date de revue dit quand le responsable d’un flux doit en reconfirmer le besoin. Passée, la revue n’a pas été faite ou pas été notée.',
    en: 'A review date says when a flow’s owner must confirm the need for it again. Once past, the review was not done, or not recorded.',
  },
  remediation: {
    fr: 'Faire revoir le flux par son responsable, puis noter la prochaine date sous metadata[].review (ou refermer le flux).',
    en: 'Have the flow’s owner review it, then record the next date under metadata[].review (or close the flow).',
  },
  references: ['NIST SP 800-41r1 §5.4', 'CIS Controls v8 4.2', 'PCI DSS v4.0 1.2.7'],
  check: ({ matrix, today }) =>
    matrix.rows
      .filter((r) => r.meta?.review !== undefined && r.meta.review < today)
      .map((row) => {
        const review = row.meta?.review as string;
        const owner = row.meta?.owner;
        return {
          row,
          messageId: 'review-due',
          data: { review, owner: owner ?? '', ticket: row.meta?.ticket ?? '' },
          message: {
            fr: `${rowName(row, 'fr')} : revue prévue le ${review}, non faite${owner ? ` (responsable : ${owner})` : ''}`,
            en: `${rowName(row, 'en')}: review due on ${review}, not done${owner ? ` (owner: ${owner})` : ''}`,
          },
        };
      }),
});

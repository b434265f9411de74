import { rowName } from '../rows.js';
import { defineAuditRule } from '../types.js';

/** An opening granted until a date is, after that date, an opening nobody has agreed to keep. */
export default defineAuditRule({
  id: 'flow-expired',
  severity: 'medium',
  category: 'documentation',
  needs: 'site',
  title: { fr: 'Flux ouvert après sa date d’expiration', en: 'Flow open past its expiry date' },
  rationale: {
    fr: 'Une ouverture accordée jusqu’à une date (projet, migration, prestataire) doit être refermée ou renouvelée à cette date. Passée la date, plus personne n’en a validé le besoin.',
    en: 'An opening granted until a date (a project, a migration, a contractor) must be closed or renewed on that date. After it, nobody has confirmed the need any more.',
  },
  remediation: {
    fr: 'Refermer le flux (désactiver l’option, retirer le rôle), ou faire valider le besoin par son responsable et reporter la date sous metadata[].expires.',
    en: 'Close the flow (turn its feature off, unbind the role), or have its owner confirm the need and move the date under metadata[].expires.',
  },
  references: ['NIST SP 800-41r1 §5.4', 'CIS Controls v8 4.2', 'PCI DSS v4.0 1.2.7'],
  check: ({ matrix, today }) =>
    matrix.rows
      .filter((r) => r.meta?.expires !== undefined && r.meta.expires < today)
      .map((row) => {
        const expires = row.meta?.expires as string;
        const owner = row.meta?.owner;
        return {
          row,
          messageId: 'expired',
          data: { expires, owner: owner ?? '', ticket: row.meta?.ticket ?? '' },
          message: {
            fr: `${rowName(row, 'fr')} : ouverture expirée le ${expires}${owner ? ` (responsable : ${owner})` : ''}`,
            en: `${rowName(row, 'en')}: opening expired on ${expires}${owner ? ` (owner: ${owner})` : ''}`,
          },
        };
      }),
});

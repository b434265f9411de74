import { rowName } from '../rows.js';
import { defineAuditRule } from '../types.js';

/** A `reference` row: the document names a flow but gives no port (or points elsewhere). */
export default defineAuditRule({
  id: 'undocumented-port',
  severity: 'low',
  category: 'documentation',
  needs: 'catalog',
  title: { fr: 'Flux sans port documenté', en: 'Flow with no documented port' },
  rationale: {
    fr: 'Le document source cite ce flux sans protocole ni port. Aucune règle n’est générée : il faudra l’établir avec l’éditeur, sinon le flux échouera ou sera ouvert trop largement dans l’urgence.',
    en: 'The source document names this flow without protocol or port. No rule is generated: it must be settled with the vendor, or it will fail, or be opened too widely in a hurry.',
  },
  remediation: {
    fr: 'Obtenir les ports auprès de l’éditeur et compléter le catalogue (services du flux).',
    en: 'Get the ports from the vendor and complete the catalog (the flow’s services).',
  },
  references: ['NIST SP 800-41r1 §5.1', 'CIS Controls v8 4.4'],
  check: ({ matrix }) =>
    matrix.rows
      .filter((r) => r.kind === 'reference')
      .map((row) => ({
        row,
        messageId: 'noPort',
        message: {
          fr: `${rowName(row, 'fr')} : aucun port documenté (${row.purpose.fr})`,
          en: `${rowName(row, 'en')}: no documented port (${row.purpose.en})`,
        },
      })),
});

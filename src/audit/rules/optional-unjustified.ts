import { rowName } from '../rows.js';
import { defineAuditRule } from '../types.js';

/** Every optional opening is attack surface someone chose: the choice must be written down. */
export default defineAuditRule({
  id: 'optional-unjustified',
  severity: 'low',
  category: 'documentation',
  needs: 'site',
  title: { fr: 'Flux optionnel activé sans justification', en: 'Optional flow enabled without justification' },
  rationale: {
    fr: 'Un flux optionnel n’est nécessaire que si l’option sert. Sans justification écrite, personne ne saura plus tard s’il peut être refermé.',
    en: 'An optional flow is needed only if its option is used. Without a written reason, nobody will later know whether it can be closed.',
  },
  remediation: {
    fr: 'Ajouter la raison sous catalogs[].justifications (clé : l’option ou l’id du flux), ou désactiver l’option.',
    en: 'Add the reason under catalogs[].justifications (key: the feature or the flow id), or turn the feature off.',
  },
  references: ['CIS Controls v8 4.8', 'NIST SP 800-41r1 §5.2', 'ANSSI Guide d’hygiène informatique, mesure 19'],
  check: ({ matrix }) =>
    matrix.rows
      .filter((r) => r.level === 'optional' && !r.justification)
      .map((row) => ({
        row,
        messageId: 'unjustified',
        data: { when: row.when ?? '' },
        message: {
          fr: `${rowName(row, 'fr')} : flux optionnel activé${row.when ? ` (option ${row.when})` : ''} sans justification`,
          en: `${rowName(row, 'en')}: optional flow enabled${row.when ? ` (feature ${row.when})` : ''} without justification`,
        },
      })),
});

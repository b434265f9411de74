import { pick } from '../../model/text.js';
import { defineAuditRule, type RuleHit } from '../types.js';

/**
 * Where the source document contradicts itself (catalog notes of kind `contradiction`): the catalog keeps both
 * readings; a person must decide which one the site follows.
 */
export default defineAuditRule({
  id: 'source-contradiction',
  severity: 'low',
  category: 'documentation',
  needs: 'catalog',
  title: {
    fr: 'Le document source se contredit',
    en: 'The source document contradicts itself',
  },
  rationale: {
    fr: 'Le document donne deux réponses incompatibles (un port, un chiffrement, un sens). Le catalogue garde les deux lectures au lieu d’en choisir une en silence ; la règle ouverte doit suivre une décision écrite.',
    en: 'The document gives two incompatible answers (a port, an encryption, a direction). The catalog keeps both readings rather than silently picking one; the rule that is opened must follow a written decision.',
  },
  remediation: {
    fr: 'Vérifier auprès de l’éditeur (ou par un test d’ouverture) quelle lecture est la bonne, puis l’enregistrer en exception avec sa justification.',
    en: 'Check with the vendor (or with a live opening check) which reading holds, then record it as a suppression with its justification.',
  },
  references: ['catalog notes (kind: contradiction)'],
  check: ({ matrix, catalogs }) =>
    catalogs.flatMap((catalog) =>
      catalog.notes
        .filter((n) => n.kind === 'contradiction')
        .flatMap((note): RuleHit[] => {
          const row =
            matrix.rows.find((r) => r.catalog === catalog.id && note.flows.includes(r.flow)) ??
            matrix.rows.find((r) => r.catalog === catalog.id);
          if (!row) return [];
          return [
            {
              row,
              messageId: 'contradiction',
              data: { ref: note.ref, flows: note.flows.join(', ') },
              message: {
                fr: `${note.ref} : ${pick(note.text, 'fr')}`,
                en: `${note.ref}: ${pick(note.text, 'en')}`,
              },
            },
          ];
        }),
    ),
});

import { pick } from '../../model/text.js';
import { rowName } from '../rows.js';
import { defineAuditRule, type RuleHit } from '../types.js';

/** Encryption exists but must be switched on: installations keep defaults, so assume it is off. */
export default defineAuditRule({
  id: 'encryption-not-default',
  severity: 'medium',
  category: 'encryption',
  needs: 'catalog',
  title: { fr: 'Chiffrement possible mais inactif par défaut', en: 'Encryption supported but off by default' },
  rationale: {
    fr: 'Le flux peut être chiffré, mais ne l’est pas sans configuration. Une installation par défaut le laisse en clair.',
    en: 'The flow can be encrypted but is not without configuration. A default installation leaves it in cleartext.',
  },
  remediation: {
    fr: 'Activer le mécanisme indiqué (TLS, IPsec, chiffrement RPC…) et le vérifier avant l’ouverture ; le rendre obligatoire si possible.',
    en: 'Turn on the listed mechanism (TLS, IPsec, RPC encryption…) and check it before opening; make it mandatory where possible.',
  },
  references: ['NIST SP 800-52r2 §3', 'CIS Controls v8 3.10', 'seed 003 (colonne « Chiffré par défaut ? »)'],
  check: ({ matrix }) =>
    matrix.rows.flatMap((row): RuleHit[] => {
      const e = row.encryption;
      if (row.kind === 'trusted-site' || !e || e.supported.length === 0) return [];
      const mechanisms = e.supported.join(', ');
      if (e.byDefault === 'no')
        return [
          {
            row,
            messageId: 'offByDefault',
            data: { mechanisms },
            message: {
              fr: `${rowName(row, 'fr')} : chiffrement possible (${mechanisms}) mais inactif par défaut`,
              en: `${rowName(row, 'en')}: encryption supported (${mechanisms}) but off by default`,
            },
          },
        ];
      if (e.byDefault === 'partial')
        return [
          {
            row,
            messageId: 'partial',
            severity: 'low',
            data: { mechanisms },
            message: {
              fr: `${rowName(row, 'fr')} : chiffrement partiel par défaut (${mechanisms}) — une partie du flux reste en clair${e.note ? ` (${pick(e.note, 'fr')})` : ''}`,
              en: `${rowName(row, 'en')}: only partly encrypted by default (${mechanisms}) — part of the flow stays in cleartext${e.note ? ` (${pick(e.note, 'en')})` : ''}`,
            },
          },
        ];
      return [];
    }),
});

import type { EncryptionMechanism } from '../../model/vocab.js';
import { rowName } from '../rows.js';
import { defineAuditRule, type RuleHit } from '../types.js';

/** Mechanisms that are TLS underneath, so a protocol version applies. */
const TLS_FAMILY: ReadonlySet<EncryptionMechanism> = new Set(['tls', 'mtls', 'ssl', 'https', 'ldaps', 'starttls']);
const MINIMUM = '1.2';

export default defineAuditRule({
  id: 'tls-minimum-version',
  severity: 'high',
  category: 'encryption',
  needs: 'catalog',
  title: { fr: 'Version minimale de TLS inférieure à 1.2', en: 'Minimum TLS version below 1.2' },
  rationale: {
    fr: 'TLS 1.0 et 1.1 sont obsolètes (RFC 8996). Le document Hamilton exige TLS 1.2 au minimum ; une version minimale non précisée laisse la négociation descendre.',
    en: 'TLS 1.0 and 1.1 are deprecated (RFC 8996). The Hamilton document requires TLS 1.2 or later; an unstated minimum lets negotiation fall back.',
  },
  remediation: {
    fr: 'Configurer TLS 1.2 minimum (TLS 1.3 de préférence) sur les deux extrémités et l’indiquer dans le catalogue (encryption.minTls).',
    en: 'Require TLS 1.2 or later (TLS 1.3 preferred) on both ends, and state it in the catalog (encryption.minTls).',
  },
  references: [
    'RFC 8996',
    'NIST SP 800-52r2 §3.1',
    'ANSSI Recommandations de sécurité relatives à TLS (R3)',
    'seed 000 (Hamilton, TLS 1.2+)',
  ],
  check: ({ matrix }) =>
    matrix.rows.flatMap((row): RuleHit[] => {
      const e = row.encryption;
      if (row.kind === 'trusted-site' || !e || !e.supported.some((m) => TLS_FAMILY.has(m))) return [];
      if (e.minTls === undefined)
        return [
          {
            row,
            messageId: 'notStated',
            severity: 'low',
            message: {
              fr: `${rowName(row, 'fr')} : flux TLS sans version minimale indiquée`,
              en: `${rowName(row, 'en')}: TLS flow with no stated minimum version`,
            },
          },
        ];
      if (e.minTls >= MINIMUM) return [];
      return [
        {
          row,
          messageId: 'tooOld',
          data: { minTls: e.minTls },
          message: {
            fr: `${rowName(row, 'fr')} : TLS ${e.minTls} accepté (minimum requis : ${MINIMUM})`,
            en: `${rowName(row, 'en')}: TLS ${e.minTls} accepted (required minimum: ${MINIMUM})`,
          },
        },
      ];
    }),
});

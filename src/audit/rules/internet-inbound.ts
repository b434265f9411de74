import { rowName, servicesText, zoneKind } from '../rows.js';
import { defineAuditRule } from '../types.js';

/** The perimeter (DMZ) exists so that nothing from the Internet lands directly on internal hosts. */
export default defineAuditRule({
  id: 'internet-inbound',
  severity: 'high',
  category: 'exposure',
  needs: 'site',
  title: {
    fr: 'Entrant depuis Internet ailleurs que dans le périmètre',
    en: 'Inbound from the Internet past the perimeter',
  },
  rationale: {
    fr: 'Un flux initié depuis une zone externe doit s’arrêter dans une zone de périmètre (DMZ, relais, reverse proxy). Atteindre directement une zone interne expose ses hôtes à Internet.',
    en: 'A flow initiated from an external zone should end in a perimeter zone (DMZ, relay, reverse proxy). Reaching an internal zone directly exposes its hosts to the Internet.',
  },
  remediation: {
    fr: 'Publier le service par un relais ou un reverse proxy en DMZ, ou placer le rôle dans une zone de périmètre.',
    en: 'Publish the service through a relay or reverse proxy in the DMZ, or place the role in a perimeter zone.',
  },
  references: [
    'NIST SP 800-41r1 §3.1',
    'CIS Controls v8 12.2',
    'ANSSI Recommandations pour l’interconnexion d’un SI à Internet',
  ],
  check: ({ matrix }) =>
    matrix.rows
      .filter(
        (r) =>
          r.kind === 'network' &&
          zoneKind(matrix, r.zoneFrom) === 'external' &&
          zoneKind(matrix, r.zoneTo) === 'internal',
      )
      .map((row) => ({
        row,
        messageId: 'inbound',
        data: { from: row.zoneFrom, to: row.zoneTo },
        message: {
          fr: `${rowName(row, 'fr')} : depuis ${row.zoneFrom} (Internet) directement vers ${row.zoneTo} (${servicesText(row.services)})`,
          en: `${rowName(row, 'en')}: from ${row.zoneFrom} (Internet) straight into ${row.zoneTo} (${servicesText(row.services)})`,
        },
      })),
});

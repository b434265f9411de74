import type { Matrix, MatrixRow } from '../../model/matrix.js';
import { CidrSet } from '../../net/index.js';
import { rowName, servicesText, zoneKind } from '../rows.js';
import { defineAuditRule } from '../types.js';

/** Addresses the Internet cannot route to (RFC 1918, shared address space, IPv6 unique local). */
const PRIVATE = CidrSet.parse(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7']);

/** The row's private destination addresses that no destination translation on its path publishes. */
function unpublished(row: MatrixRow): string[] {
  if (!PRIVATE.ok) return [];
  const translated = new Set(
    row.legs.flatMap((l) => (l.nat ?? []).flatMap((n) => (n.destination ? [n.destination.after] : []))),
  );
  return row.destination.addresses.flatMap((a) => {
    if (a.kind !== 'cidr') return [];
    const one = CidrSet.parse([a.value]);
    if (!one.ok || !PRIVATE.value.contains(one.value)) return [];
    const ip = a.value.replace(/\/(32|128)$/, '');
    return translated.has(ip) ? [] : [ip];
  });
}

/** A site that declares NAT says how the Internet reaches its services: a private address it does not publish is unreachable. */
const declaresNat = (m: Matrix): boolean => m.firewalls.some((f) => (f.nat?.length ?? 0) > 0);

export default defineAuditRule({
  id: 'nat-unpublished',
  severity: 'medium',
  category: 'exposure',
  needs: 'site',
  title: {
    fr: 'Flux depuis Internet vers une adresse privée non publiée',
    en: 'Flow from the Internet to an unpublished private address',
  },
  rationale: {
    fr: 'Dans un site qui déclare de la traduction d’adresses (firewalls[].nat), Internet n’atteint une adresse privée (RFC 1918, RFC 6598, IPv6 locale unique) que par une adresse publique traduite. Un flux depuis une zone externe vers une adresse privée sans traduction sur son chemin ne peut pas fonctionner : il manque une traduction, ou le flux n’a pas lieu d’être.',
    en: 'In a site that declares address translation (firewalls[].nat), the Internet reaches a private address (RFC 1918, RFC 6598, IPv6 unique local) only through a translated public address. A flow from an external zone to a private address with no translation on its path cannot work: a translation is missing, or the flow should not be there.',
  },
  remediation: {
    fr: 'Publier le service : une traduction destination (port forward) ou statique sur le pare-feu qui fait face à Internet, ou retirer le flux.',
    en: 'Publish the service: a destination (port forward) or static translation on the firewall facing the Internet, or remove the flow.',
  },
  references: ['RFC 1918 §3', 'RFC 4193', 'NIST SP 800-41r1 §2.1.3'],
  check: ({ matrix }) => {
    if (!declaresNat(matrix)) return [];
    return matrix.rows
      .filter((r) => r.kind === 'network' && zoneKind(matrix, r.zoneFrom) === 'external')
      .flatMap((row) => {
        const addresses = unpublished(row);
        if (addresses.length === 0) return [];
        const list = addresses.join(', ');
        return [
          {
            row,
            messageId: 'unpublished',
            data: { addresses: list },
            message: {
              fr: `${rowName(row, 'fr')} : depuis ${row.zoneFrom} vers l’adresse privée ${list} sans traduction sur le chemin (${servicesText(row.services)})`,
              en: `${rowName(row, 'en')}: from ${row.zoneFrom} to private address ${list} with no translation on the path (${servicesText(row.services)})`,
            },
          },
        ];
      });
  },
});

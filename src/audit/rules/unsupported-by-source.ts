import { buildTopology } from '../../matrix/topology.js';
import type { Constraint } from '../../model/catalog.js';
import type { Matrix, MatrixRow } from '../../model/matrix.js';
import { pick } from '../../model/text.js';
import { firewallNames, zoneKind } from '../rows.js';
import { defineAuditRule, type RuleHit } from '../types.js';

/** Zones a role is bound in, over every row of the catalog, with one row that shows it. */
function placements(rows: readonly MatrixRow[], role: string): Map<string, MatrixRow> {
  const out = new Map<string, MatrixRow>();
  for (const r of rows) {
    if (r.source.role === role && r.zoneFrom && !out.has(r.zoneFrom)) out.set(r.zoneFrom, r);
    if (r.destination.role === role && r.zoneTo && !out.has(r.zoneTo)) out.set(r.zoneTo, r);
  }
  return out;
}

function firewallBetween(matrix: Matrix, rows: readonly MatrixRow[], c: Constraint): RuleHit[] {
  const [a, b = a] = c.roles as [string, string?];
  const topology = buildTopology(matrix.firewalls);
  const hits: RuleHit[] = [];
  const za = placements(rows, a);
  const zb = placements(rows, b);
  for (const [zoneA, rowA] of za) {
    for (const zoneB of zb.keys()) {
      const hops = topology.path(zoneA, zoneB) ?? [];
      if (hops.length === 0) continue;
      // Attach it to a row between the two roles when there is one, so the report points at a flow.
      const row =
        rows.find(
          (r) =>
            ((r.source.role === a && r.destination.role === b) || (r.source.role === b && r.destination.role === a)) &&
            ((r.zoneFrom === zoneA && r.zoneTo === zoneB) || (r.zoneFrom === zoneB && r.zoneTo === zoneA)),
        ) ?? rowA;
      hits.push({
        row,
        messageId: 'firewallBetween',
        data: { constraint: c.id, roles: `${a}/${b}`, firewalls: firewallNames(hops) },
        message: {
          fr: `${c.ref} : ${a} (${zoneA}) et ${b} (${zoneB}) séparés par ${firewallNames(hops)} — ${pick(c.text, 'fr')}`,
          en: `${c.ref}: ${a} (${zoneA}) and ${b} (${zoneB}) separated by ${firewallNames(hops)} — ${pick(c.text, 'en')}`,
        },
      });
    }
  }
  return hits;
}

function inPerimeter(matrix: Matrix, rows: readonly MatrixRow[], c: Constraint): RuleHit[] {
  return c.roles.flatMap((role) =>
    [...placements(rows, role)]
      .filter(([zone]) => zoneKind(matrix, zone) === 'perimeter')
      .map(([zone, row]) => ({
        row,
        messageId: 'inPerimeter',
        data: { constraint: c.id, role, zone },
        message: {
          fr: `${c.ref} : ${role} placé dans la zone de périmètre ${zone} — ${pick(c.text, 'fr')}`,
          en: `${c.ref}: ${role} placed in the perimeter zone ${zone} — ${pick(c.text, 'en')}`,
        },
      })),
  );
}

/** What the source document itself says is unsupported (catalog `constraints`), checked against the site. */
export default defineAuditRule({
  id: 'unsupported-by-source',
  severity: 'high',
  category: 'support',
  needs: 'site',
  title: {
    fr: 'Topologie non prise en charge par le document source',
    en: 'Topology the source document does not support',
  },
  rationale: {
    fr: 'L’éditeur indique des placements qu’il ne prend pas en charge (pare-feu entre deux rôles, rôle en DMZ). Les ignorer mène à des pannes difficiles à diagnostiquer et à une configuration hors support.',
    en: 'The vendor states placements it does not support (a firewall between two roles, a role in the DMZ). Ignoring them leads to hard-to-diagnose failures and an unsupported configuration.',
  },
  remediation: {
    fr: 'Déplacer les rôles concernés (même zone, hors périmètre) ou obtenir l’accord écrit de l’éditeur et l’enregistrer en exception.',
    en: 'Move the roles concerned (same zone, out of the perimeter), or obtain the vendor’s written agreement and record it as a suppression.',
  },
  references: ['seed 003 (Client Access notes, Important)', 'NIST SP 800-41r1 §4.2'],
  check: ({ matrix, catalogs }) =>
    catalogs.flatMap((catalog) => {
      const rows = matrix.rows.filter((r) => r.catalog === catalog.id);
      return catalog.constraints.flatMap((c) =>
        c.rule === 'no-firewall-between' ? firewallBetween(matrix, rows, c) : inPerimeter(matrix, rows, c),
      );
    }),
});

import type { Severity } from '../model/finding.js';
import type { Matrix, MatrixRow } from '../model/matrix.js';
import { type Breadth, breadthOf, exposureSeverity } from './exposure.js';
import { firewallNames, rowName, servicesText, zoneKind } from './rows.js';
import type { RuleHit } from './types.js';

/**
 * The legs of a row that cross a firewall with an end of the given breadth, as findings: shared by
 * `any-address-across-firewall` (every address) and `broad-exposure` (a /8 or wider, not everything).
 */
export function broadLegs(matrix: Matrix, row: MatrixRow, breadth: Exclude<Breadth, 'narrow'>): RuleHit[] {
  if (row.kind !== 'network') return [];
  return row.legs.flatMap((leg): RuleHit[] => {
    if (leg.hops.length === 0) return [];
    const src = breadthOf(leg.source) === breadth;
    const dst = breadthOf(leg.destination) === breadth;
    if (!src && !dst) return [];
    const side = src && dst ? 'both' : src ? 'source' : 'destination';
    const severity: Severity = exposureSeverity(
      breadth,
      side,
      zoneKind(matrix, leg.zoneFrom),
      zoneKind(matrix, leg.zoneTo),
    );
    const word = breadth === 'all' ? 'any' : 'wide';
    const text =
      side === 'both'
        ? `${word} → ${word}`
        : side === 'source'
          ? `${word} → ${leg.destination.role}`
          : `${leg.source.role} → ${word}`;
    const id =
      breadth === 'all' ? ['anyAny', 'anySource', 'anyDestination'] : ['wideWide', 'wideSource', 'wideDestination'];
    const where = `${firewallNames(leg.hops)} (${leg.zoneFrom} → ${leg.zoneTo})`;
    return [
      {
        row,
        messageId: (side === 'both' ? id[0] : side === 'source' ? id[1] : id[2]) as string,
        severity,
        data: { side: text, firewalls: firewallNames(leg.hops), zones: `${leg.zoneFrom} → ${leg.zoneTo}` },
        message: {
          fr: `${rowName(row, 'fr')} : ${text} (${servicesText(row.services)}) à travers ${where}`,
          en: `${rowName(row, 'en')}: ${text} (${servicesText(row.services)}) through ${where}`,
        },
      },
    ];
  });
}

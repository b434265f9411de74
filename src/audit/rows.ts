import type { Hop, Matrix, MatrixRow, ServiceMatch } from '../model/matrix.js';
import { refIn } from '../model/ref.js';
import type { Zone } from '../model/site.js';
import type { Lang } from '../model/text.js';
import { formatPortSpec } from '../net/index.js';

/** Small shared questions rules ask about rows. */

/** Every firewall the row's traffic crosses, over all its legs (through a proxy: both legs). */
export const hopsOf = (row: MatrixRow): readonly Hop[] => row.legs.flatMap((l) => l.hops);

export const zoneKind = (m: Matrix, zone: string): Zone['kind'] | undefined => m.zones[zone]?.kind;

export const firewallNames = (hops: readonly Hop[]): string => [...new Set(hops.map((h) => h.firewall))].join(', ');

/** `tcp/443 udp/50000-59999 icmp/8` — for messages. */
export const servicesText = (services: readonly ServiceMatch[]): string => services.map(formatPortSpec).join(' ');

/**
 * `catalog/flow (ref) source → destination`: how a message names a row. The roles tell apart the rows of one flow
 * (DNS from the web server and from the SQL server), which would otherwise read as the same finding twice.
 */
export const rowName = (row: MatrixRow, lang: Lang): string =>
  `${row.catalog}/${row.flow} (${refIn(row.ref, lang)}) ${row.source.role} → ${row.destination.role}${published(row)}`;

/**
 * ` [NAT 203.0.113.10:443 → 172.16.10.20:443]` for a row the outside reaches through a destination translation: the
 * address the Internet uses is the one a reader looks for. Empty for every other row.
 */
export function published(row: MatrixRow): string {
  const seen = new Set<string>();
  for (const leg of row.legs)
    for (const n of leg.nat ?? []) {
      const d = n.destination;
      if (!d) continue;
      const at = (ip: string, port: number | undefined) => (port === undefined ? ip : `${ip}:${port}`);
      seen.add(`${at(d.before, d.portBefore)} → ${at(d.after, d.portAfter)}`);
    }
  return seen.size === 0 ? '' : ` [NAT ${[...seen].join(', ')}]`;
}

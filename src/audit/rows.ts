import type { Hop, Matrix, MatrixRow } from '../model/matrix.js';
import type { ZONE_KINDS } from '../model/site.js';

/** Small shared questions rules ask about rows. */

export type ZoneKind = (typeof ZONE_KINDS)[number];

/** Rows that are packets a firewall must let through (not browser settings, not references). */
export const networkRows = (m: Matrix): readonly MatrixRow[] => m.rows.filter((r) => r.kind === 'network');

/** Every firewall the row's traffic crosses, over all its legs (through a proxy: both legs). */
export const hopsOf = (row: MatrixRow): readonly Hop[] => row.legs.flatMap((l) => l.hops);

export const crossesFirewall = (row: MatrixRow): boolean => hopsOf(row).length > 0;

export const zoneKind = (m: Matrix, zone: string): ZoneKind | undefined => m.zones[zone]?.kind;

export const firewallNames = (hops: readonly Hop[]): string => [...new Set(hops.map((h) => h.firewall))].join(', ');

/** `tcp/443`, `udp/50000-59999`, `icmp` — for messages. */
export function servicesText(row: MatrixRow): string {
  return row.services
    .map((s) =>
      s.ports.length === 0
        ? s.protocol
        : `${s.protocol}/${s.ports.map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`)).join(',')}`,
    )
    .join(' ');
}

/** `catalog/flow (ref)`: how a message names a row. */
export const rowName = (row: MatrixRow): string => `${row.catalog}/${row.flow} (${row.ref})`;

export const roles = (row: MatrixRow): string => `${row.source.role} → ${row.destination.role}`;

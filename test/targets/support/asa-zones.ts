import type { Matrix, MatrixRow } from '../../../src/model/matrix.js';
import { endpoint, firewall, hop, matrix, row, service } from '../../fixtures/targets/build.js';

/**
 * One ASA between three zones (inside, dmz, outside), the case where an ACL filtering on ingress alone would open
 * more than a row: the printer keeps each rule to its egress zone, verify asks the same of a row.
 */
export const NAMEIF = { lan: 'inside', dmz: 'dmz', wan: 'outside' } as const;
export type Zone = keyof typeof NAMEIF;

type SiteZone = Matrix['zones'][string];
export const LAN: SiteZone = { kind: 'internal', cidrs: ['10.1.0.0/16', '2001:db8:1::/48'], default: false };
export const DMZ: SiteZone = { kind: 'perimeter', cidrs: ['192.0.2.0/24', '2001:db8:2::/48'], default: false };
export const WAN: SiteZone = { kind: 'external', cidrs: [], default: true };
export const ZONES: Matrix['zones'] = { lan: LAN, dmz: DMZ, wan: WAN };

/** A tcp/443 row from anywhere in `from` to `destination` in `to`, through the ASA `fw`. */
export const flow = (name: string, from: Zone, to: Zone, destination: string[]): MatrixRow =>
  row({
    flow: name,
    from: endpoint(`src-${name}`, ['any']),
    to: endpoint(`dst-${name}`, destination),
    services: service('tcp/443'),
    hops: [hop('fw', from, to, NAMEIF[from], NAMEIF[to])],
  });

/** The rows on the ASA `fw` with its three interfaces, in these zones. */
export const asaSite = (rows: MatrixRow[], zones: Matrix['zones']): Matrix => ({
  ...matrix(rows, [firewall('fw', 'cisco-asa', { ...NAMEIF })]),
  zones,
});

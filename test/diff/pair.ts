import type { Matrix, MatrixRow } from '../../src/model/matrix.js';
import { endpoint, firewall, hop, matrix, row, service } from '../fixtures/targets/build.js';
import { realisticMatrix } from '../fixtures/targets/realistic.js';

/**
 * Two versions of the realistic fixture site with one change of every class:
 * opened (new flow), closed (a flow dropped), widened (more ports), narrowed (fewer sources), weakened (TLS minimum
 * lowered), security (another mechanism added), moved (other zones: a new key, followed by identity), text (purpose).
 */
export function diffPair(): { old: Matrix; new: Matrix } {
  const base = realisticMatrix();
  const secure = (r: MatrixRow): MatrixRow => ({
    ...r,
    auth: { default: ['certificate'], supported: ['certificate'] },
    encryption: { supported: ['tls'], byDefault: 'yes', minTls: '1.2' },
  });
  const rows = base.rows.map((r) => (r.flow === 'admin-web' || r.flow === 'graph' ? secure(r) : r));
  const old: Matrix = { ...base, rows };
  const byFlow = (flow: string) => rows.find((r) => r.flow === flow) as MatrixRow;
  const changed = rows
    .filter((r) => r.flow !== 'ntp')
    .map((r): MatrixRow => {
      switch (r.flow) {
        case 'web-smtp':
          return rebuilt(r, { services: service('tcp/25,465,587', 'smtp') });
        case 'ping':
          return rebuilt(r, { from: endpoint('monitoring', ['10.10.9.9/32'], []) });
        case 'admin-web':
          return { ...r, encryption: { supported: ['tls'], byDefault: 'yes', minTls: '1.0' } };
        case 'graph':
          return { ...r, auth: { default: ['certificate'], supported: ['certificate', 'oauth2'] } };
        case 'web-sql': {
          const moved = row({
            flow: 'web-sql',
            ref: r.ref,
            from: r.source,
            to: r.destination,
            services: r.services,
            hops: [hop('fw', 'dmz', 'lan', 'dmz0', 'lan0')],
          });
          return { ...moved, key: 'fixture.web-sql.moved', zoneFrom: 'dmz', zoneTo: 'lan' };
        }
        case 'ssh-v6':
          return { ...r, purpose: { fr: 'Administration SSH', en: 'SSH administration' } };
        default:
          return r;
      }
    });
  const opened = row({
    flow: 'syslog',
    ref: '§11',
    from: byFlow('web-sql').source,
    to: endpoint('syslog', ['10.20.5.14/32']),
    services: service('udp/514', 'syslog'),
    hops: [hop('fw', 'lan', 'dmz', 'lan0', 'dmz0')],
  });
  return { old, new: { ...old, rows: [...changed, opened] } };
}

/** The row built again with other services or source: its legs (what targets read) follow. */
function rebuilt(r: MatrixRow, change: { services?: MatrixRow['services']; from?: MatrixRow['source'] }): MatrixRow {
  return row({
    flow: r.flow,
    ref: r.ref,
    catalog: r.catalog,
    from: change.from ?? r.source,
    to: r.destination,
    services: change.services ?? r.services,
    hops: r.legs[0]?.hops ?? [],
  });
}

/** A one-row matrix, for class-by-class unit tests. */
export const single = (r: MatrixRow): Matrix => matrix([r], [firewall('fw', 'nftables', { lan: 'lan0', dmz: 'dmz0' })]);

import { describe, expect, it } from 'vitest';
import type { Matrix, MatrixRow } from '../../src/model/matrix.js';
import { loadExample, readCatalog } from '../support/catalogs.js';

/**
 * The two Exchange example sites through the real loader and resolver: which firewall each row crosses follows
 * from where the source puts each role (Edge and Web Application Proxy in the perimeter, everything else inside).
 */
function matrix(site: string): Matrix {
  const example = loadExample(site);
  expect(example.warnings).toEqual([]);
  return example.matrix;
}

const crossed = (row: MatrixRow): string[] => [...new Set(row.legs.flatMap((l) => l.hops.map((h) => h.firewall)))];
const between = (rows: readonly MatrixRow[], from: string, to: string) =>
  rows.filter((r) => r.source.role === from && r.destination.role === to);

describe('exchange-2007 example site', () => {
  const rows = matrix('exchange-2007-site.yaml').rows;
  const catalog = readCatalog('exchange-2007');

  it('crosses only the internal firewall between the organisation and the Edge server', () => {
    const edgeInside = [
      ...between(rows, 'hub-transport', 'edge-transport'),
      ...between(rows, 'edge-transport', 'hub-transport'),
    ];
    expect(edgeInside.map((r) => r.ref).sort()).toEqual([
      'Transport table, row 2',
      'Transport table, row 3',
      'Transport table, row 8',
      'Transport table, row 8',
      'Transport table, row 9',
    ]);
    for (const row of edgeInside) expect(crossed(row), row.ref).toEqual(['fw-internal']);
  });

  it('crosses only the edge firewall between the Edge server and the Internet', () => {
    const internet = rows.filter((r) => r.ref === 'Transport table, row 4');
    expect(internet).toHaveLength(3);
    for (const row of internet) expect(crossed(row), row.flow).toEqual(['fw-edge']);
  });

  it('respects the constraints: no firewall between Client Access and Mailbox, no Client Access in the DMZ', () => {
    const constraint = catalog.constraints.find((c) => c.rule === 'no-firewall-between');
    const [a, b] = constraint?.roles ?? [];
    const pairs = [...between(rows, a ?? '', b ?? ''), ...between(rows, b ?? '', a ?? '')];
    expect(pairs.length).toBeGreaterThan(0);
    for (const row of pairs) expect(crossed(row), row.ref).toEqual([]);
    for (const row of rows.filter((r) => r.source.role === 'client-access')) expect(row.zoneFrom).toBe('lan');
  });

  it('fills the dynamic RPC range with the site parameter and follows its features', () => {
    const rpc = rows.find((r) => r.ref === 'Client Access table, row 10');
    const dynamic = rpc?.services.find((s) => s.name === 'rpc-dynamic');
    expect(dynamic?.ports).toEqual([{ from: 57000, to: 57999 }]);
    const refs = new Set(rows.map((r) => r.ref));
    expect(refs.has('Mailbox notes, paragraph 2')).toBe(true); // cluster heartbeat: mailbox-cluster on
    expect(refs.has('Client Access table, row 4')).toBe(false); // POP3 off
    expect(refs.has('Client Access table, row 9')).toBe(false); // no Exchange 2003 coexistence
  });
});

describe('exchange-hybrid-web-mfa example site', () => {
  const rows = matrix('exchange-hybrid-web-mfa-site.yaml').rows;

  it('lets the Internet reach only the Web Application Proxy, through the edge firewall', () => {
    const inbound = rows.filter((r) => r.source.role === 'external-user');
    expect([...new Set(inbound.map((r) => r.destination.role))]).toEqual(['wap']);
    for (const row of inbound) expect(crossed(row)).toEqual(['fw-edge']);
  });

  it('has the proxy reach AD FS and Exchange through the internal firewall only', () => {
    const fromWap = rows.filter((r) => r.source.role === 'wap');
    expect(fromWap.map((r) => r.destination.role).sort()).toEqual(['adfs', 'exchange-onprem']);
    for (const row of fromWap) expect(crossed(row), row.flow).toEqual(['fw-internal']);
  });

  it('keeps AD FS, Exchange and the directory inside, and sends cloud traffic out through both firewalls', () => {
    for (const row of rows.filter((r) => r.destination.role === 'active-directory')) expect(crossed(row)).toEqual([]);
    const cloud = rows.filter((r) => ['entra-id', 'entra-mfa', 'exchange-online'].includes(r.destination.role));
    expect(cloud.length).toBeGreaterThan(0);
    for (const row of cloud) expect(crossed(row), row.flow).toEqual(['fw-internal', 'fw-edge']);
  });
});

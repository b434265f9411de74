import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../src/catalog/fs.js';
import type { Catalog } from '../../src/model/catalog.js';
import type { Matrix } from '../../src/model/matrix.js';
import type { Site } from '../../src/model/site.js';
import { loadExample, repoRoot } from '../support/catalogs.js';

/**
 * The example site `npm start` builds: it must load and resolve without a single issue, and the matrix it
 * yields must look like the customer site it describes (proxy for the Internet, the two firewalls crossed).
 */
const _sitePath = `${repoRoot}examples/hamilton-site.yaml`;

function load(): { site: Site; catalog: Catalog; matrix: Matrix } {
  const example = loadExample('hamilton-site.yaml');
  expect(example.warnings).toEqual([]);
  return { site: example.site, catalog: example.catalogs.get('hamilton') as Catalog, matrix: example.matrix };
}

// RFC 1918, RFC 5737 and RFC 3849 documentation / private ranges.
const DOC_RANGES = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '192.0.2.0/24',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '2001:db8::/32',
];
const inDocRange = (cidr: string): boolean => {
  const [addr, len] = ipaddr.parseCIDR(cidr);
  return DOC_RANGES.some((r) => {
    const range = ipaddr.parseCIDR(r);
    return addr.kind() === range[0].kind() && len >= range[1] && addr.match(range);
  });
};

describe('hamilton example site', () => {
  it('the catalog loads through the loader without issues', () => {
    const c = loadCatalogFile(`${repoRoot}catalogs/hamilton.yaml`);
    expect(c.ok ? c.warnings : c.issues).toEqual([]);
  });

  const { site, catalog, matrix } = load();
  const use = site.catalogs[0];
  const rowsOf = (flow: string) => matrix.rows.filter((r) => r.flow === flow);

  it('enables exactly the flows whose features the site turns on', () => {
    const on = (id: string) => use?.features[id] ?? catalog.features[id]?.default ?? false;
    // Every `when` in this catalog is a single feature name.
    const expected = catalog.flows.filter((f) => f.when === undefined || on(f.when)).map((f) => f.id);
    expect(new Set(matrix.rows.map((r) => r.flow))).toEqual(new Set(expected));
    expect(rowsOf('sso-cloud')).toEqual([]);
    expect(rowsOf('webhooks')).toEqual([]);
    expect(rowsOf('adfs-onprem').map((r) => r.kind)).toEqual(['reference']);
  });

  it('sends every Internet-bound flow through the DMZ proxy and the edge firewall', () => {
    const toInternet = matrix.rows.filter((r) => r.zoneTo === 'internet');
    expect(toInternet.map((r) => r.flow).sort()).toEqual(
      ['crl-ocsp', 'graph-api', 'graph-auth-admin', 'graph-auth-web', 'sms', 'wifi-guest-portal'].sort(),
    );
    for (const r of toInternet) {
      expect(r.proxy?.port, r.flow).toBe(3128);
      const last = r.legs.at(-1);
      expect(last?.viaProxy).toBe(true);
      expect(last?.hops.map((h) => [h.firewall, h.fromInterface, h.toInterface])).toEqual([
        ['fw-edge', 'eth1', 'eth0'],
      ]);
    }
  });

  it('crosses the internal firewall between the DMZ WEB server and the LAN', () => {
    for (const flow of ['web-sql', 'directory-ldaps', 'smtp-relay']) {
      const [row] = rowsOf(flow);
      expect(row?.zoneFrom).toBe('dmz');
      expect(row?.zoneTo).toBe('lan');
      expect(row?.legs[0]?.hops.map((h) => [h.firewall, h.platform, h.fromInterface, h.toInterface])).toEqual([
        ['fw-internal', 'nftables', 'eth2', 'eth1'],
      ]);
    }
    expect(rowsOf('web-sql')[0]?.services.map((s) => [s.protocol, s.ports])).toEqual([
      ['tcp', [{ from: 1433, to: 1433 }]],
    ]);
    expect(rowsOf('smtp-relay')[0]?.services[0]?.ports).toEqual([{ from: 587, to: 587 }]);
  });

  it('uses only documentation addresses and names', () => {
    const cidrs = Object.values(site.zones).flatMap((z) => z.cidrs);
    const hosts = Object.values(site.hosts).flatMap((h) => (h.address === undefined ? [] : [h.address].flat()));
    for (const a of [...cidrs, ...hosts])
      expect(inDocRange(a.includes('/') ? a : `${a}/${a.includes(':') ? 128 : 32}`), a).toBe(true);
    const names = [
      ...Object.values(site.hosts).flatMap((h) => (h.fqdn ? [h.fqdn] : [])),
      ...Object.values(use?.parameters ?? {}).flatMap((v) => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : [])),
    ];
    for (const n of names) expect(n, n).toMatch(/\.(example|example\.(com|net|org))$/);
  });
});

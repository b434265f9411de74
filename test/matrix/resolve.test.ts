import { describe, expect, it } from 'vitest';
import { listBuiltinCatalogs } from '../../src/catalog/fs.js';
import { resolveCatalog, resolveSite, stableKey } from '../../src/matrix/index.js';
import type { Matrix, MatrixRow } from '../../src/model/matrix.js';
import { readCatalog } from '../support/catalogs.js';
import { must } from '../support/result.js';
import { CATALOG, catalogs, SITE, site } from './fixture.js';

function resolved(siteText = SITE, overrides = {}, catalogText = CATALOG): Matrix {
  const r = resolveSite({ site: site(siteText), catalogs: catalogs(catalogText), overrides });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.code}: ${i.message}`).join('\n'));
  return r.value;
}
const rowsOf = (m: Matrix, flow: string): MatrixRow[] => m.rows.filter((r) => r.flow === flow);

describe('resolveSite', () => {
  it('binds roles to hosts, groups and zones, and places addresses by longest prefix', () => {
    const m = resolved();
    const [clients] = rowsOf(m, 'clients-web');
    expect(clients?.zoneFrom).toBe('lan-users'); // bound to the zone itself
    expect(clients?.zoneTo).toBe('dmz'); // 10.99.0.10 is in 10.99/16 (dmz), not the wider 10/8 (lan)
    expect(clients?.destination.addresses).toEqual([{ kind: 'cidr', family: 4, value: '10.99.0.10/32' }]);
    const db = rowsOf(m, 'web-db');
    expect(db).toHaveLength(1); // db1 and db2 are both in lan, one row
    expect(db[0]?.destination.addresses.map((a) => (a.kind === 'cidr' ? a.value : a.kind))).toEqual([
      '10.1.0.5/32',
      'fd00::5/128',
    ]);
    expect(db[0]?.destination.bindings).toEqual(['db-servers']);
  });

  it('fills parameterised port ranges and lists firewalls crossed with their interfaces', () => {
    const [row] = rowsOf(resolved(), 'web-db');
    expect(row?.services.map((s) => [s.protocol, s.ports])).toEqual([
      ['tcp', [{ from: 1433, to: 1433 }]],
      ['tcp', [{ from: 49152, to: 65535 }]],
    ]);
    expect(row?.legs[0]?.hops).toEqual([
      {
        firewall: 'fw-int',
        platform: 'nftables',
        fromZone: 'dmz',
        toZone: 'lan',
        fromInterface: 'eth1',
        toInterface: 'eth0',
      },
    ]);
    const narrowed = rowsOf(resolved(SITE, { parameters: { rpc_low: '6000', rpc_high: '6010' } }), 'web-db')[0];
    expect(narrowed?.services[1]?.ports).toEqual([{ from: 6000, to: 6010 }]);
  });

  it('evaluates when against catalog defaults, the site and overrides', () => {
    const m = resolved();
    expect(rowsOf(m, 'web-pay')).toHaveLength(1); // FQDN and 203.0.113.0/28 both sit in internet: one row
    expect(rowsOf(m, 'web-pay')[0]?.destination.addresses).toHaveLength(2);
    expect(rowsOf(m, 'web-pay')[0]?.justification).toBe('card payments are a business requirement');
    expect(rowsOf(m, 'web-mobile')).toHaveLength(0);
    expect(rowsOf(m, 'web-cloud')).toHaveLength(1);
    const off = resolved(SITE, { features: { pay: false } });
    expect(rowsOf(off, 'web-pay')).toHaveLength(0);
    expect(rowsOf(off, 'web-cloud')).toHaveLength(0);
  });

  it('selects fixed addresses per parameter value (cloud instance)', () => {
    const world = rowsOf(resolved(), 'web-cloud')[0];
    expect(world?.destination.addresses).toEqual([{ kind: 'cidr', family: 4, value: '198.51.100.0/24' }]);
    const gov = rowsOf(resolved(SITE, { parameters: { 'shop.cloud': 'gov' } }), 'web-cloud')[0];
    expect(gov?.destination.addresses).toEqual([{ kind: 'cidr', family: 4, value: '192.0.2.128/25' }]);
  });

  it('crosses two firewalls from the LAN to the Internet, and splits the path at the proxy', () => {
    const direct = rowsOf(resolved(), 'web-pay')[0];
    expect(direct?.legs).toHaveLength(1);
    expect(direct?.legs[0]?.hops.map((h) => h.firewall)).toEqual(['fw-edge']);
    const withProxy = resolved(`${SITE}proxy: { name: px, host: proxy1, port: 3128, zones: [internet] }\n`);
    const row = rowsOf(withProxy, 'web-pay').find((r) => r.destination.addresses.some((a) => a.kind === 'fqdn'));
    expect(row?.proxy).toEqual({ name: 'px', host: 'proxy1', port: 3128 });
    expect(row?.legs.map((l) => [l.zoneFrom, l.zoneTo, l.services.map((s) => s.ports[0]?.from)])).toEqual([
      ['dmz', 'dmz', [3128]],
      ['dmz', 'internet', [443]],
    ]);
    // UDP is not carried by an HTTP proxy: that flow stays direct.
    expect(rowsOf(withProxy, 'web-cloud')[0]?.proxy).toBeUndefined();
  });

  it('reports an enabled flow whose role is not bound, naming the flow and the role', () => {
    const r = resolveSite({ site: site(SITE.replace('      web: [web1]\n', '')), catalogs: catalogs() });
    if (r.ok) throw new Error('a port without a value resolved');
    const unbound = r.issues.filter((i) => i.code === 'unbound-role');
    expect(unbound.length).toBeGreaterThan(0);
    expect(unbound[0]?.message).toMatch(
      /flow "clients-web" \(row 1\) of catalog "shop" is enabled but role "web" is not bound/,
    );
  });

  it('reports a missing parameter instead of inventing an address', () => {
    const r = resolveSite({
      site: site(),
      catalogs: catalogs(),
      overrides: { features: { mobile: true, pay: false } },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.code)).toContain('missing-parameter');
    const filled = resolved(SITE, { features: { mobile: true }, parameters: { domain: 'contoso.com' } });
    expect(rowsOf(filled, 'web-mobile')[0]?.destination.addresses).toEqual([
      { kind: 'fqdn', value: 'contoso.com.mobile.example.net' },
    ]);
  });

  it('refuses two exclusive options turned on together', () => {
    const r = resolveSite({ site: site(), catalogs: catalogs(), overrides: { features: { 'relay-b': true } } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.code)).toContain('exclusive-features');
  });

  it('keeps row keys stable across runs and port changes, and distinct across identities', () => {
    const a = resolved();
    const b = resolved(SITE, { parameters: { rpc_low: '6000' } });
    expect(a.rows.map((r) => r.key)).toEqual(b.rows.map((r) => r.key));
    expect(new Set(a.rows.map((r) => r.key)).size).toBe(a.rows.length);
    expect(stableKey(['shop', 'web-db', 'web', 'db', 'dmz', 'lan'])).toBe(rowsOf(a, 'web-db')[0]?.key);
    // The function itself must never change (keys follow rows across versions): values recorded when it was written.
    expect(stableKey(['a', 'b'])).toBe('713f42b29d3df3b9');
    expect(stableKey(['shop', 'web-db', 'web', 'db', 'dmz', 'lan'])).toBe('327f423fbc6d75ef');
    expect(stableKey(['a', 'b'])).not.toBe(stableKey(['a', 'c']));
    expect(stableKey(['ab', ''])).not.toBe(stableKey(['a', 'b']));
  });
});

describe('resolveCatalog', () => {
  it('keeps roles as names, shows fixed addresses and turns every feature on', () => {
    const c = catalogs().get('shop');
    if (!c) throw new Error('no catalog');
    const m = must(resolveCatalog(c));
    expect(m.mode).toBe('catalog');
    expect(new Set(m.rows.map((r) => r.flow))).toEqual(new Set(['clients-web', 'web-db', 'web-pay', 'web-mobile']));
    const mobile = m.rows.find((r) => r.flow === 'web-mobile');
    expect(mobile?.destination.addresses).toEqual([{ kind: 'fqdn', value: '<domain>.mobile.example.net' }]);
    expect(m.rows.find((r) => r.flow === 'clients-web')?.source.addresses).toEqual([]);
  });
  it('reports a port whose parameter has no default or example instead of leaving it out of the row', () => {
    const text = CATALOG.replace('rpc_low: { type: port, default: 49152,', 'rpc_low: { type: port,');
    const c = catalogs(text).get('shop');
    if (!c) throw new Error('no catalog');
    const r = resolveCatalog(c);
    if (r.ok) throw new Error('a port without a value resolved');
    expect(r.issues.map((i) => [i.code, i.message])).toEqual([
      ['missing-parameter', `flow "web-db" of catalog "shop": port "tcp/\${rpc_low}-\${rpc_high}" needs "rpc_low"`],
    ]);
  });
  it.each(listBuiltinCatalogs())('resolves built-in catalog %s alone without any issue', (id) => {
    const r = resolveCatalog(readCatalog(id));
    expect(r.ok ? r.warnings : r.issues).toEqual([]);
    expect(r.ok && r.value.rows.length).toBeGreaterThan(0);
  });
});

describe('zone bindings', () => {
  it('binds a role to a zone without prefixes as any address in that zone', () => {
    const m = resolved(SITE.replace('clients: lan-users', 'clients: internet'));
    const row = rowsOf(m, 'clients-web')[0];
    expect(row?.source.addresses).toEqual([{ kind: 'any' }]);
    expect(row?.zoneFrom).toBe('internet');
    expect(row?.legs[0]?.hops.map((h) => h.firewall)).toEqual(['fw-edge']);
  });
});

describe('command-line overrides', () => {
  const issuesOf = (overrides: object) => {
    const r = resolveSite({ site: site(), catalogs: catalogs(), overrides });
    return r.ok ? [] : r.issues;
  };
  it('refuses a feature or parameter no catalog declares, with a suggestion', () => {
    const [feature] = issuesOf({ features: { paymnt: true } });
    expect(feature?.code).toBe('unknown-feature');
    expect(feature?.message).toBe('--feature paymnt: no catalog of the site has a feature "paymnt"');
    const [parameter] = issuesOf({ parameters: { 'shop.domian': 'x.example' } });
    expect(parameter?.code).toBe('unknown-parameter');
    expect(parameter?.hint).toBe('did you mean "shop.domain"?');
  });
  it('checks parameter values against their type and allowed values', () => {
    expect(issuesOf({ parameters: { cloud: 'mars' } }).map((i) => i.code)).toEqual(['invalid-value']);
    expect(issuesOf({ parameters: { rpc_low: '70000' } }).map((i) => i.code)).toEqual(['invalid-port']);
    expect(issuesOf({ parameters: { domain: 'not a name' } }).map((i) => i.code)).toEqual(['invalid-fqdn']);
    expect(issuesOf({ parameters: { rpc_low: '6000' }, features: { 'shop.mobile': false } })).toEqual([]);
  });
});

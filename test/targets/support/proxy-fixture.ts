import fc from 'fast-check';
import type { Matrix, MatrixRow } from '../../../src/model/matrix.js';
import { endpoint, firewall, hop, row, service } from '../../fixtures/targets/build.js';

/** Proxy-target fixtures (PAC and Squid share them): matrices with a site proxy, rows through it and around it. */
export const PROXY = { name: 'proxy-out', host: 'proxy-out', port: 3128, address: '10.20.4.8' } as const;
export const BYPASS = ['*.corp.example', '.intra.example', '192.0.2.0/24', 'bad name!'];

/** The fixture builder leaves `row.proxy` unset: a two-leg row through the proxy gets it here, as the resolver does. */
const markProxied = (r: MatrixRow): MatrixRow =>
  r.legs.length === 2 && r.legs[0]?.viaProxy
    ? { ...r, proxy: { name: PROXY.name, host: PROXY.host, port: PROXY.port } }
    : r;

export function withProxy(rows: readonly MatrixRow[], bypass: readonly string[] = BYPASS): Matrix {
  return {
    mode: 'site',
    site: { id: 'proxy-site', title: 'Proxy site' },
    catalogs: [],
    zones: {
      lan: { kind: 'internal', cidrs: ['10.20.0.0/16', '2001:db8:20::/48'], default: false },
      dmz: { kind: 'perimeter', cidrs: ['10.20.4.0/24'], default: false },
      internet: { kind: 'external', cidrs: [], default: true },
    },
    firewalls: [firewall('fw', 'nftables'), firewall('fw-edge', 'iptables')],
    proxy: {
      name: PROXY.name,
      host: PROXY.host,
      port: PROXY.port,
      address: [{ kind: 'cidr', family: 4, value: `${PROXY.address}/32` }],
      zones: ['internet'],
      bypass,
    },
    rows: rows.map(markProxied),
  };
}

const lanToDmz = hop('fw', 'lan', 'dmz');
const dmzToInternet = hop('fw-edge', 'dmz', 'internet');
const proxyEndpoint = endpoint('outbound-proxy', [`${PROXY.address}/32`], [PROXY.host]);
const via = { via: proxyEndpoint, services: service(`tcp/${PROXY.port}`, 'proxy'), hops: [dmzToInternet] };
const web = endpoint('web', ['10.20.4.10/32', '2001:db8:20::10/128'], ['hamilton-web']);
const clients = endpoint('clients', ['10.20.64.0/18'], ['workstations']);

/** Every kind of destination through the proxy, direct rows (Optimize-style), a conflict, non-web and non-network rows. */
export function proxyMatrix(bypass: readonly string[] = BYPASS): Matrix {
  return withProxy(
    [
      row({
        flow: 'graph',
        ref: 'row 1',
        catalog: 'm365',
        from: web,
        to: endpoint('graph', ['graph.microsoft.com', 'login.microsoftonline.com']),
        services: service('tcp/443', 'https'),
        hops: [lanToDmz],
        proxy: via,
      }),
      row({
        flow: 'portal',
        ref: '§5 "Wi-Fi"',
        from: clients,
        to: endpoint('wifi-portal', ['*.portal.example', '*.eu.portal.example']),
        services: service('tcp/443', 'https'),
        hops: [lanToDmz],
        proxy: via,
      }),
      row({
        flow: 'saas-ranges',
        ref: 'row 4',
        from: clients,
        to: endpoint('saas', ['203.0.113.0/24', '198.51.100.7/32']),
        services: service('tcp/443,8443', 'https'),
        hops: [lanToDmz],
        proxy: via,
      }),
      row({
        flow: 'saas-v6',
        ref: 'row 5',
        from: clients,
        to: endpoint('saas6', ['2001:db8:99::/48']),
        services: service('tcp/443', 'https'),
        hops: [lanToDmz],
        proxy: via,
      }),
      row({
        flow: 'wizard',
        ref: 'row 9',
        from: web,
        to: endpoint('wizard', ['aka.example/hybrid*wizard']),
        services: service('tcp/443', 'https'),
        hops: [lanToDmz],
        proxy: via,
      }),
      row({
        flow: 'crl',
        ref: '§1',
        from: web,
        to: endpoint('public-ca', ['crl.ca.example', 'ocsp.ca.example']),
        services: service('tcp/80', 'http'),
        hops: [lanToDmz],
        proxy: via,
      }),
      row({
        flow: 'anywhere',
        ref: '§2',
        from: web,
        to: endpoint('internet-any', ['any']),
        services: service('tcp/443', 'https'),
        hops: [lanToDmz],
        proxy: via,
      }),
      row({
        flow: 'optimize',
        ref: 'row 11',
        catalog: 'm365',
        from: clients,
        to: endpoint('exchange-online', ['outlook.office365.example', '*.teams.example', '52.112.0.0/14']),
        services: service('tcp/443', 'https'),
        hops: [lanToDmz, dmzToInternet],
      }),
      row({
        flow: 'login-direct',
        ref: 'row 12',
        catalog: 'm365',
        from: clients,
        to: endpoint('entra', ['login.microsoftonline.com']),
        services: service('tcp/443', 'https'),
        hops: [lanToDmz, dmzToInternet],
      }),
      row({
        flow: 'media',
        ref: 'row 13',
        from: clients,
        to: endpoint('media', ['52.120.0.0/14']),
        services: service('udp/3478-3481', 'stun'),
        hops: [lanToDmz, dmzToInternet],
      }),
      row({
        flow: 'sql',
        ref: '§4',
        from: web,
        to: endpoint('sql', ['10.20.10.15/32']),
        services: service('tcp/1433', 'mssql'),
        hops: [lanToDmz],
      }),
      row({
        flow: 'trusted',
        ref: 'row 20',
        kind: 'trusted-site',
        from: clients,
        to: endpoint('portal', ['*.sharepoint.example']),
        services: service('tcp/443'),
        hops: [lanToDmz, dmzToInternet],
      }),
    ],
    bypass,
  );
}

/** Example sites with a proxy, resolved by the real loader and resolver. */
export const PROXY_EXAMPLES = ['hamilton-site', 'm365-additional-endpoints-site', 'exchange-hybrid-web-mfa-site'];

const NAMES = ['a.example', 'b.example', 'c.b.example', 'login.example', 'x-1.example', 'MiXeD.Example'];
const WILDCARDS = ['*.b.example', '*.w.example', '*.example'];
const CIDRS = ['203.0.113.0/24', '203.0.113.9/32', '198.51.100.0/25', '2001:db8:9::/48'];
const DESTINATION = fc.constantFrom(...NAMES, ...WILDCARDS, ...CIDRS, 'any', 'u.example/p*q');
const PORTS = fc.constantFrom('tcp/443', 'tcp/80', 'tcp/80,443', 'tcp/8443', 'tcp/8000-8100', 'udp/443');

/** Random rows through the proxy and around it, over a small vocabulary so that destinations overlap. */
export const arbitraryProxyMatrix = (): fc.Arbitrary<Matrix> =>
  fc
    .array(
      fc.record({
        to: fc.uniqueArray(DESTINATION, { minLength: 1, maxLength: 4 }),
        from: fc.constantFrom(
          ['10.20.64.0/18'],
          ['10.20.4.10/32', '2001:db8:20::10/128'],
          ['any'],
          ['ws.corp.example'],
        ),
        ports: PORTS,
        proxied: fc.boolean(),
      }),
      { minLength: 1, maxLength: 8 },
    )
    .map((rows) =>
      withProxy(
        rows.map((r, i) =>
          row({
            flow: `r${i}`,
            from: endpoint(`src${i}`, r.from),
            to: endpoint(`dst${i}`, r.to),
            services: service(r.ports),
            hops: r.proxied ? [lanToDmz] : [lanToDmz, dmzToInternet],
            ...(r.proxied ? { proxy: via } : {}),
          }),
        ),
      ),
    );

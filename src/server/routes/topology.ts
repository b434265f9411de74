import type { Endpoint } from '../../model/matrix.js';
import { formatPortRange } from '../../net/index.js';
import type { TopologyResponse } from '../api-types.js';
import type { Route } from '../app.js';
import { siteModel } from '../sites.js';

const addressText = (a: Endpoint['addresses'][number]): string =>
  a.kind === 'k8s' ? `k8s:${JSON.stringify(a.selector)}` : a.kind === 'any' ? 'any' : a.value;

/** The site as a graph: zones hold roles, roles hold hosts, firewalls join zones, flows are edges between roles. */
export const topologyRoutes: readonly Route[] = [
  [
    'GET /api/sites/:id/topology',
    async (c) => {
      const { model } = await siteModel(c);
      const { matrix } = model;
      const roles = new Map<string, TopologyResponse['roles'][number]>();
      const hosts = new Map<string, TopologyResponse['hosts'][number]>();
      const edges = new Map<string, TopologyResponse['edges'][number]>();
      const roleOf = (catalog: string, end: Endpoint, zone: string): string => {
        const id = `role:${catalog}/${end.role}@${zone}`;
        if (!roles.has(id))
          roles.set(id, {
            id,
            catalog,
            role: end.role,
            zone: zone || null,
            hosts: end.bindings.map((b) => `host:${b}`),
          });
        for (const b of end.bindings)
          if (!hosts.has(`host:${b}`))
            hosts.set(`host:${b}`, {
              id: `host:${b}`,
              name: b,
              zone: zone || null,
              addresses: end.addresses.map(addressText),
            });
        return id;
      };
      for (const row of matrix.rows) {
        const from = roleOf(row.catalog, row.source, row.zoneFrom);
        const to = roleOf(row.catalog, row.destination, row.zoneTo);
        const id = `edge:${row.catalog}/${row.flow}:${from}->${to}`;
        const ports = row.services
          .map((s) => `${s.protocol}${s.ports.length ? `/${s.ports.map(formatPortRange).join(',')}` : ''}`)
          .join(' ');
        const edge = edges.get(id);
        if (edge) edge.rows++;
        else edges.set(id, { id, from, to, flow: row.flow, catalog: row.catalog, ports, rows: 1 });
      }
      const body: TopologyResponse = {
        zones: Object.entries(matrix.zones).map(([name, zone]) => ({ id: `zone:${name}`, name, cidrs: zone.cidrs })),
        firewalls: matrix.firewalls.map((f) => ({
          id: `fw:${f.name}`,
          name: f.name,
          platform: f.platform,
          zones: [...f.zones],
        })),
        roles: [...roles.values()],
        hosts: [...hosts.values()],
        edges: [...edges.values()],
      };
      return c.json(body);
    },
  ],
];

import type { Endpoint } from '../../model/matrix.js';
import { linesOf } from '../../render/columns.js';
import { portParameters, portsText } from '../../render/ports-text.js';
import type { TopologyResponse } from '../api-types.js';
import type { Route } from '../app.js';
import { langParam } from '../input.js';
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
      const lang = langParam(c);
      // The Ports text of the matrix screen (src/render/ports-text.ts), after the protocol as its Protocol column says it.
      const byId = new Map([...model.catalogs.values()].map((k) => [k.id, k]));
      const parametersOf = portParameters(matrix.catalogs, (k, s) => byId.get(k)?.services[s]?.ports);
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
        const ports = linesOf([row]).map((line) =>
          [line.service?.protocol, portsText(line, lang, parametersOf)].filter(Boolean).join(' '),
        );
        const edge = edges.get(id);
        if (edge) {
          edge.rows++;
          for (const p of ports) if (!edge.ports.includes(p)) edge.ports.push(p);
        } else
          edges.set(id, { id, from, to, flow: row.flow, catalog: row.catalog, ports: [...new Set(ports)], rows: 1 });
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

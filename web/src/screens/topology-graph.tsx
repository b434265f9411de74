import { useEffect, useRef } from 'react';
import type { TopologyResponse } from '../api-types.ts';

/**
 * The drawing: zones as compound nodes holding their roles and hosts, firewalls between the zones they separate,
 * flows as edges; laid out by ELK (layered). Hidden from assistive technology: the tables beside it say the same.
 */
export function TopologyGraph({ topology }: { topology: TopologyResponse }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let destroyed = false;
    let cy: { destroy(): void } | undefined;
    (async () => {
      const [{ default: cytoscape }, { default: elk }] = await Promise.all([
        import('cytoscape'),
        import('cytoscape-elk'),
      ]);
      if (destroyed || !host.current) return;
      cytoscape.use(elk);
      const zoneId = (name: string | null) => topology.zones.find((z) => z.name === name || z.id === name)?.id;
      const nodes = [
        ...topology.zones.map((z) => ({ data: { id: z.id, label: z.name, kind: 'zone' } })),
        ...topology.firewalls.map((f) => ({
          data: { id: f.id, label: `${f.name} (${f.platform})`, kind: 'firewall' },
        })),
        ...topology.roles.map((r) => ({
          data: { id: r.id, label: r.role, kind: 'role', ...(zoneId(r.zone) ? { parent: zoneId(r.zone) } : {}) },
        })),
        ...topology.hosts.map((h) => ({
          data: { id: h.id, label: h.name, kind: 'host', ...(zoneId(h.zone) ? { parent: zoneId(h.zone) } : {}) },
        })),
      ];
      const ids = new Set(nodes.map((n) => n.data.id));
      const edges = [
        ...topology.firewalls.flatMap((f) =>
          f.zones
            .map((z) => zoneId(z))
            .filter((z): z is string => !!z)
            .map((z) => ({ data: { id: `${f.id}->${z}`, source: f.id, target: z, kind: 'separates' } })),
        ),
        ...topology.edges
          .filter((e) => ids.has(e.from) && ids.has(e.to))
          .map((e) => ({ data: { id: e.id, source: e.from, target: e.to, label: e.flow, kind: 'flow' } })),
      ];
      cy = cytoscape({
        container: host.current,
        elements: { nodes, edges },
        layout: { name: 'elk', elk: { algorithm: 'layered', 'elk.direction': 'RIGHT' } } as never,
        style: [
          { selector: 'node', style: { label: 'data(label)', 'font-size': 10, 'text-valign': 'center' } },
          {
            selector: 'node[kind = "zone"]',
            style: { 'background-color': '#eef1f4', 'text-valign': 'top', shape: 'round-rectangle' },
          },
          { selector: 'node[kind = "firewall"]', style: { shape: 'diamond', 'background-color': '#b3261e' } },
          { selector: 'node[kind = "role"]', style: { 'background-color': '#0b57a4', color: '#1a1a1a' } },
          { selector: 'node[kind = "host"]', style: { shape: 'rectangle', 'background-color': '#146c2e' } },
          { selector: 'edge', style: { 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', width: 1 } },
          { selector: 'edge[kind = "separates"]', style: { 'line-style': 'dashed', 'target-arrow-shape': 'none' } },
        ],
      });
    })().catch(() => {});
    return () => {
      destroyed = true;
      cy?.destroy();
    };
  }, [topology]);
  return <div ref={host} className="topology-canvas" aria-hidden="true" data-testid="topology-graph" />;
}

import type { ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import type { TopologyResponse } from '../api-types.ts';
import type { GraphElements } from './topology-elements.ts';

interface Point {
  readonly x: number;
  readonly y: number;
}

/** Where ELK put the nodes (their centres, in cytoscape's model coordinates) and the bends of each edge. */
export interface Layout {
  readonly positions: Record<string, Point>;
  /** Per edge: where it leaves its source, its bends, where it reaches its target. */
  readonly routes: Record<string, readonly Point[]>;
}

/**
 * ELK's options. The zones are vertical bands in the site's order, left to right, each a range of ELK's layers
 * (partitions 0, 2, 4…); what joins two zones (a firewall, a box of flows) sits in the partition between them. A box
 * of flows thus lies between its two ends, whichever way the flows go, and no zone is drawn over another.
 */
const OPTIONS: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.partitioning.activate': 'true',
  // One graph: laid out apart, the unconnected parts (hosts, a zone without flows) would leave their band.
  'elk.separateConnectedComponents': 'false',
  // Ties keep the site's order (its zones, roles and flows), so the drawing reads like the site file.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  // Each node as early as its sources allow: a box of flows just after where its flows leave (a role's flows to
  // itself beside the role), where the default may push a box with nothing after it to the band's far end.
  'elk.layered.layering.strategy': 'LONGEST_PATH_SOURCE',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.spacing.nodeNode': '16',
  'elk.layered.spacing.nodeNodeBetweenLayers': '32',
  'elk.layered.spacing.edgeNodeBetweenLayers': '12',
  // Drawn as ELK routes them: lines bend around the nodes in their way rather than cross them.
  'elk.edgeRouting': 'ORTHOGONAL',
};

/** A zone's partition: even numbers, in the site's order; the odd ones between are for what joins two zones. */
function partitions(topology: TopologyResponse, elements: GraphElements): Map<string, number> {
  const zoneIndex = new Map(topology.zones.map((z, i) => [z.id, i]));
  const zoneOf = (name: string | null): number => topology.zones.findIndex((z) => z.name === name || z.id === name);
  // Outside every zone (a role without a zone): a band of its own, after the last zone.
  const outside = topology.zones.length;
  const between = (a: number, b: number) => (a === b ? 2 * a : 2 * Math.floor((a + b) / 2) + 1);
  const of = new Map<string, number>();
  const zoneOfNode = new Map<string, number>();
  for (const n of elements.nodes) {
    const { id, parent } = n.data as { id: string; parent?: string };
    if (parent !== undefined) zoneOfNode.set(id, zoneIndex.get(parent) ?? outside);
  }
  for (const r of topology.roles) if (!zoneOfNode.has(r.id)) zoneOfNode.set(r.id, outside);
  for (const [id, index] of zoneOfNode) of.set(id, 2 * index);
  for (const z of topology.zones) of.set(z.id, 2 * (zoneIndex.get(z.id) ?? outside));
  for (const f of topology.firewalls) {
    const joined = f.zones.map(zoneOf).filter((i) => i >= 0);
    of.set(f.id, joined.length ? between(Math.min(...joined), Math.max(...joined)) : 2 * outside);
  }
  for (const g of elements.groups.values())
    of.set(g.id, between(zoneOfNode.get(g.from) ?? outside, zoneOfNode.get(g.to) ?? outside));
  return of;
}

/**
 * Where ELK puts each node, flat: zones are not ELK nodes but the bands their content is confined to; cytoscape
 * draws each zone around its content. A zone with nothing in it is laid out as a node of its own.
 */
export async function layout(topology: TopologyResponse, elements: GraphElements): Promise<Layout> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const partition = partitions(topology, elements);
  const parents = new Set(elements.nodes.map((n) => n.data.parent).filter(Boolean));
  const sized = elements.nodes.filter((n) => !parents.has(n.data.id));
  const ids = new Set(sized.map((n) => n.data.id as string));
  const selfGroups = [...elements.groups.values()].filter((g) => g.from === g.to);
  const selfFlowIn = new Set(selfGroups.map((g) => `${g.id}:in`));
  const selfFlowEdges = new Set(selfGroups.flatMap((g) => [`${g.id}:out`, `${g.id}:in`]));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: OPTIONS,
    children: sized.map((n) => ({
      id: n.data.id as string,
      width: Number(n.data.w ?? 60),
      height: Number(n.data.h ?? 22),
      layoutOptions: {
        'elk.partitioning.partition': String(partition.get(n.data.id as string) ?? 2 * topology.zones.length),
      },
    })),
    // The flows' edges only: a firewall's place is its partition, and zones are no ELK nodes. The flows of a role
    // to itself keep their way out only: with both, ELK reads a cycle, breaks it, and may drift the box away.
    edges: elements.edges
      .filter((e) => ids.has(e.data.source) && ids.has(e.data.target) && !selfFlowIn.has(e.data.id as string))
      .map((e) => ({ id: e.data.id as string, sources: [e.data.source], targets: [e.data.target] })),
  };
  const laid = await new ELK().layout(graph);
  const positions: Record<string, Point> = {};
  for (const c of laid.children ?? [])
    positions[c.id] = { x: (c.x ?? 0) + (c.width ?? 0) / 2, y: (c.y ?? 0) + (c.height ?? 0) / 2 };
  const routes: Record<string, Point[]> = {};
  // A role's flows to itself are drawn as two curves side by side (cytoscape's own), not one route and a line over it.
  for (const e of laid.edges ?? [])
    for (const s of e.sections ?? [])
      if (!selfFlowEdges.has(e.id)) routes[e.id] = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint];
  return { positions, routes };
}

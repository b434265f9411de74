import type { EdgeDefinition, NodeDefinition } from 'cytoscape';
import type { TopologyResponse } from '../api-types.ts';

/** The font the drawing writes in; labels are measured with the same one, so every node is as wide as its label. */
export const LABEL_FONT = { family: 'sans-serif', size: 11 } as const;
const PAD_X = 8;
const NODE_HEIGHT = 22;

/** The flows from one role to another, drawn as one labelled node on the way (one per pair, however many flows). */
export interface FlowGroup {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly flows: readonly TopologyResponse['edges'][number][];
}

export interface GraphElements {
  readonly nodes: NodeDefinition[];
  readonly edges: EdgeDefinition[];
  readonly groups: ReadonlyMap<string, FlowGroup>;
}

/** Text width in CSS pixels, measured on a canvas in the drawing's font. */
function measurer(): (text: string) => number {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return (text) => text.length * LABEL_FONT.size * 0.6;
  context.font = `${LABEL_FONT.size}px ${LABEL_FONT.family}`;
  return (text) => context.measureText(text).width;
}

/**
 * Cytoscape elements for a topology. Every label sits inside its own node, sized from the label, so the layout (which
 * knows node sizes, not labels) keeps labels apart by keeping nodes apart. The flows between two roles become one
 * node on the way from one to the other, labelled with the flow or the count: ELK places it like any node, where
 * an edge label would be drawn over whatever lies at the edge's middle.
 */
export function graphElements(topology: TopologyResponse, groupLabel: (count: number) => string): GraphElements {
  const width = measurer();
  const sized = (label: string) => ({ label, w: Math.ceil(width(label)) + 2 * PAD_X, h: NODE_HEIGHT });
  const zoneId = (name: string | null) => topology.zones.find((z) => z.name === name || z.id === name)?.id;
  const inZone = (zone: string | null) => {
    const id = zoneId(zone);
    return id ? { parent: id } : {};
  };
  const parentOf = new Map<string, string | undefined>();
  const leaf = (id: string, label: string, kind: string, zone: string | null) => {
    parentOf.set(id, zoneId(zone));
    return { data: { id, kind, ...sized(label), ...inZone(zone) } };
  };
  const nodes: GraphElements['nodes'] = [
    // Sized too: a zone with nothing in it is drawn as a node of its own.
    ...topology.zones.map((z) => ({ data: { id: z.id, kind: 'zone', ...sized(z.name) } })),
    ...topology.firewalls.map((f) => leaf(f.id, `${f.name} (${f.platform})`, 'firewall', null)),
    ...topology.roles.map((r) => leaf(r.id, r.role, 'role', r.zone)),
    ...topology.hosts.map((h) => leaf(h.id, h.name, 'host', h.zone)),
  ];
  const edges: GraphElements['edges'] = topology.firewalls.flatMap((f) =>
    f.zones
      .map((z) => zoneId(z))
      .filter((z): z is string => z !== undefined)
      .map((z) => ({ data: { id: `${f.id}->${z}`, source: f.id, target: z, kind: 'separates' } })),
  );
  const groups = new Map<string, FlowGroup & { flows: TopologyResponse['edges'][number][] }>();
  for (const e of topology.edges) {
    if (!parentOf.has(e.from) || !parentOf.has(e.to)) continue;
    const id = `flows:${e.from}->${e.to}`;
    const group = groups.get(id) ?? { id, from: e.from, to: e.to, flows: [] };
    group.flows.push(e);
    groups.set(id, group);
  }
  for (const g of groups.values()) {
    const label = g.flows.length === 1 ? (g.flows[0]?.flow ?? '') : groupLabel(g.flows.length);
    // Inside the zone when both ends are in it; between the zones otherwise.
    const zone = parentOf.get(g.from) === parentOf.get(g.to) ? parentOf.get(g.from) : undefined;
    nodes.push({ data: { id: g.id, kind: 'flows', ...sized(label), ...(zone ? { parent: zone } : {}) } });
    edges.push({ data: { id: `${g.id}:out`, source: g.from, target: g.id, kind: 'flow-out', group: g.id } });
    edges.push({ data: { id: `${g.id}:in`, source: g.id, target: g.to, kind: 'flow-in', group: g.id } });
  }
  return { nodes, edges, groups };
}

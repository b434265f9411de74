import type { Endpoint, Matrix } from '../model/matrix.js';
import { type Lang, pick } from '../model/text.js';
import type { RequirementLevel } from '../model/vocab.js';
import { formatPortSpec } from '../net/index.js';
import { address } from './format.js';
import { KIND_LABELS } from './labels.js';

/**
 * The matrix as a graph both diagram formats draw: zones hold role nodes, one edge per row.
 * Ids are generated (`z1`, `n1`) so no name can break a diagram's syntax; names only go in labels.
 */
export interface GraphNode {
  readonly id: string;
  readonly role: string;
  readonly zone: string;
  /** Title first, then addresses (one per line). */
  readonly lines: readonly string[];
}

export interface GraphZone {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly nodes: readonly GraphNode[];
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly level: RequirementLevel;
  readonly dashed: boolean;
}

export interface FlowGraph {
  readonly zones: readonly GraphZone[];
  readonly edges: readonly GraphEdge[];
}

/** At most this many addresses per node label; the rest is counted, so a 30-prefix role stays readable. */
const MAX_ADDRESSES = 3;

function nodeLines(e: Endpoint, lang: Lang): string[] {
  const shown = e.addresses.slice(0, MAX_ADDRESSES).map(address);
  const rest = e.addresses.length - shown.length;
  return [e.title[lang], ...shown, ...(rest > 0 ? [`+${rest}`] : [])];
}

export function flowGraph(matrix: Matrix, lang: Lang): FlowGraph {
  const zoneOrder = new Map<string, GraphNode[]>(Object.keys(matrix.zones).map((z) => [z, []]));
  const nodes = new Map<string, GraphNode>();
  const node = (e: Endpoint, zone: string): string => {
    const key = `${e.role}\u0000${zone}`;
    const found = nodes.get(key);
    if (found) return found.id;
    const created: GraphNode = { id: `n${nodes.size + 1}`, role: e.role, zone, lines: nodeLines(e, lang) };
    nodes.set(key, created);
    const inZone = zoneOrder.get(zone);
    if (inZone) inZone.push(created);
    else zoneOrder.set(zone, [created]);
    return created.id;
  };
  const edges = matrix.rows.map((row): GraphEdge => {
    const specs = row.services.map(formatPortSpec);
    return {
      from: node(row.source, row.zoneFrom),
      to: node(row.destination, row.zoneTo),
      label: specs.length > 0 ? specs.join(', ') : KIND_LABELS[row.kind][lang],
      level: row.level,
      dashed: row.level === 'optional',
    };
  });
  let zoneIndex = 0;
  const zones = [...zoneOrder].map(([name, zoneNodes]): GraphZone => {
    zoneIndex += 1;
    const title = pick(matrix.zones[name]?.title, lang);
    return { id: `z${zoneIndex}`, name, title: title ? `${title} (${name})` : name, nodes: zoneNodes };
  });
  return { zones: zones.filter((z) => z.nodes.length > 0), edges };
}

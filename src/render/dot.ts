import type { Matrix } from '../model/matrix.js';
import { flowGraph } from './graph.js';
import { LEVEL_STROKES } from './labels.js';
import { defineFormat, type RenderOptions } from './types.js';

/** A DOT double-quoted string: backslash and quote escaped, line breaks as `\n` (centred lines). */
export const dotString = (s: string): string =>
  `"${s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r?\n|\r/g, '\\n')}"`;

/** Graphviz: one cluster per zone, role nodes, one edge per row, optional rows dashed, colour by level. */
export function renderDot(matrix: Matrix, options: RenderOptions): string {
  const graph = flowGraph(matrix, options.lang);
  const out = [
    `digraph ${dotString(matrix.site.id)} {`,
    '  rankdir=LR;',
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (const zone of graph.zones) {
    out.push(`  subgraph ${dotString(`cluster_${zone.id}`)} {`);
    out.push(`    label=${dotString(zone.title)};`);
    for (const n of zone.nodes) out.push(`    ${n.id} [label=${dotString(n.lines.join('\n'))}];`);
    out.push('  }');
  }
  for (const e of graph.edges) {
    const style = e.dashed ? ', style=dashed' : '';
    out.push(`  ${e.from} -> ${e.to} [label=${dotString(e.label)}, color="#${LEVEL_STROKES[e.level]}"${style}];`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

export const dot = defineFormat({
  id: 'dot',
  extension: 'dot',
  mediaType: 'text/vnd.graphviz',
  binary: false,
  render: renderDot,
});

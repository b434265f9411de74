import type { Scenario } from '../model/catalog.js';
import type { Matrix } from '../model/matrix.js';
import { type Lang, pick, type Text, type WrittenText } from '../model/text.js';
import { flowGraph } from './graph.js';
import { defineFormat, type RenderOptions } from './types.js';

/**
 * Mermaid text inside `"…"`. Mermaid has no backslash escape: characters that would end the string, start
 * a comment or statement, or be read as HTML become entity codes (`#quot;`), which Mermaid decodes.
 */
const ENTITIES: Record<string, string> = {
  '"': '#quot;',
  '#': '#35;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '|': '#124;',
  ';': '#59;',
  '`': '#96;',
  '%': '#37;',
  '\\': '#92;',
};
export const mermaidText = (s: string): string =>
  s.replace(/[\r\n]+/g, ' ').replace(/["#&<>|;`%\\]/g, (c) => ENTITIES[c] ?? c);

const lines = (ls: readonly string[]): string => ls.map(mermaidText).join('<br/>');

/** `flowchart LR`: zones as subgraphs, roles as nodes, one edge per row; optional rows dashed. */
export function renderMermaid(matrix: Matrix, options: RenderOptions): string {
  const graph = flowGraph(matrix, options.lang);
  const out = ['flowchart LR'];
  for (const zone of graph.zones) {
    out.push(`  subgraph ${zone.id}["${mermaidText(zone.title)}"]`);
    for (const n of zone.nodes) out.push(`    ${n.id}["${lines(n.lines)}"]`);
    out.push('  end');
  }
  for (const e of graph.edges) {
    out.push(`  ${e.from} ${e.dashed ? '-.->' : '-->'}|"${mermaidText(e.label)}"| ${e.to}`);
  }
  return `${out.join('\n')}\n`;
}

/** What a sequence diagram needs from a catalog: role titles. A `Catalog` fits as is. */
export interface RoleTitles {
  readonly roles: Readonly<Record<string, { readonly title: WrittenText }>>;
}

/** `sequenceDiagram` of a scenario: participants are the roles in order of appearance, steps numbered. */
export function renderSequence(scenario: Scenario, catalog: RoleTitles | undefined, lang: Lang): string {
  const ids = new Map<string, string>();
  const out = ['sequenceDiagram', '  autonumber'];
  const participant = (role: string): string => {
    const found = ids.get(role);
    if (found) return found;
    const id = `p${ids.size + 1}`;
    ids.set(role, id);
    out.push(`  participant ${id} as ${mermaidText(pick(catalog?.roles[role]?.title, lang) || role)}`);
    return id;
  };
  for (const step of scenario.steps) {
    participant(step.from);
    participant(step.to);
  }
  for (const step of scenario.steps) {
    const from = ids.get(step.from) as string;
    const to = ids.get(step.to) as string;
    const flow = step.flow ? ` [${step.flow}]` : '';
    out.push(`  ${from}->>${to}: ${mermaidText(pick(step.label, lang))}${flow}`);
  }
  return `${out.join('\n')}\n`;
}

/** Role titles as the matrix knows them (from its rows' endpoints), for scenarios rendered from a matrix. */
export function roleTitlesOf(matrix: Matrix, catalog: string): RoleTitles {
  const roles: Record<string, { title: Text }> = {};
  const state = matrix.catalogs.find((c) => c.id === catalog);
  for (const [id, title] of Object.entries(state?.roleTitles ?? {})) roles[id] = { title };
  for (const row of matrix.rows) {
    if (row.catalog !== catalog) continue;
    for (const leg of row.legs) {
      roles[leg.source.role] ??= { title: leg.source.title };
      roles[leg.destination.role] ??= { title: leg.destination.title };
    }
    roles[row.source.role] ??= { title: row.source.title };
    roles[row.destination.role] ??= { title: row.destination.title };
  }
  return { roles };
}

export const mermaid = defineFormat({
  id: 'mermaid',
  extension: 'mmd',
  mediaType: 'text/vnd.mermaid',
  binary: false,
  render: renderMermaid,
});

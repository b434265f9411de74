import { useEffect, useRef, useState } from 'react';
import type { TopologyResponse } from '../api-types.ts';
import { messages } from '../i18n.ts';
import { type FlowGroup, graphElements, LABEL_FONT } from './topology-elements.ts';

const useT = messages({
  en: {
    flows: '{count} flows',
    between: 'From {from} to {to}:',
    flowPorts: '{flow}: {ports}',
    portsApart: '; ',
    hint: 'Point at or select a box of flows in the drawing to list them here; the tables below list every flow.',
  },
  fr: {
    flows: '{count} flux',
    between: 'De {from} vers {to} :',
    flowPorts: '{flow} : {ports}',
    portsApart: ' ; ',
    hint: 'Pointez ou sélectionnez une boîte de flux du dessin pour les lister ici ; les tableaux ci-dessous listent tous les flux.',
  },
});

/** Room ELK leaves inside a zone: the zone's name is drawn above its content, in the top band. */
const ZONE_PADDING = '[top=44,left=16,bottom=16,right=16]';

const STYLE = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-family': LABEL_FONT.family,
      'font-size': LABEL_FONT.size,
      'text-valign': 'center',
      'text-halign': 'center',
      width: 'data(w)',
      height: 'data(h)',
      shape: 'round-rectangle',
      color: '#1a1a1a',
      'border-width': 1,
    },
  },
  {
    selector: 'node[kind = "zone"]',
    style: {
      'background-color': '#eef1f4',
      'border-color': '#6b7785',
      'text-valign': 'top',
      'text-margin-y': -4,
      'font-weight': 'bold',
      'text-wrap': 'ellipsis',
      padding: '10px',
    },
  },
  {
    selector: 'node[kind = "firewall"]',
    style: { shape: 'cut-rectangle', 'background-color': '#f8d7da', 'border-color': '#b3261e', 'border-width': 2 },
  },
  { selector: 'node[kind = "role"]', style: { 'background-color': '#dbe8f6', 'border-color': '#0b57a4' } },
  {
    selector: 'node[kind = "host"]',
    style: { shape: 'rectangle', 'background-color': '#dcefe0', 'border-color': '#146c2e' },
  },
  {
    selector: 'node[kind = "flows"]',
    style: { 'background-color': '#ffffff', 'border-color': '#8a8a8a', 'border-style': 'dashed' },
  },
  {
    selector: 'edge',
    style: { 'curve-style': 'straight', width: 1, 'line-color': '#8a8a8a', 'target-arrow-color': '#8a8a8a' },
  },
  { selector: 'edge[kind = "flow-in"]', style: { 'target-arrow-shape': 'triangle' } },
  { selector: 'edge[kind = "separates"]', style: { 'line-style': 'dashed', 'line-color': '#b3261e' } },
  { selector: 'node.picked', style: { 'border-width': 3, 'border-color': '#0b57a4' } },
  { selector: 'edge.picked', style: { 'line-color': '#0b57a4', 'target-arrow-color': '#0b57a4', width: 2 } },
];

/**
 * The drawing: zones as compound nodes holding their roles and hosts, firewalls between the zones they separate, the
 * flows between two roles as one box on the way (the flow's name, or how many), laid out by ELK (layered) from the
 * sizes of the labels. Pointing at or selecting a box lists its flows below the drawing. The drawing is hidden from
 * assistive technology: the tables beside it say the same.
 */
export function TopologyGraph({ topology }: { topology: TopologyResponse }) {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const [picked, setPicked] = useState<FlowGroup>();
  // A string, not a function: the drawing is made again when the language changes it, not on every render.
  const flowsText = t('flows');
  useEffect(() => {
    let destroyed = false;
    let cy: { destroy(): void } | undefined;
    (async () => {
      const [{ default: cytoscape }, { default: elk }] = await Promise.all([
        import('cytoscape'),
        import('cytoscape-elk'),
      ]);
      const el = host.current;
      if (destroyed || !el) return;
      cytoscape.use(elk);
      const { nodes, edges, groups } = graphElements(topology, (count) => flowsText.replace('{count}', String(count)));
      const instance = cytoscape({
        container: el,
        elements: { nodes, edges },
        style: STYLE as never,
        autoungrabify: true,
      });
      cy = instance;
      const pick = (id: string | undefined) => {
        instance.elements('.picked').removeClass('picked');
        if (id) instance.elements(`[id = "${id}"], [group = "${id}"]`).addClass('picked');
        setPicked(id ? groups.get(id) : undefined);
      };
      const groupOf = (target: { data(key: string): unknown }) =>
        target.data('kind') === 'flows' ? String(target.data('id')) : (target.data('group') as string | undefined);
      instance.on('mouseover tap', 'node[kind = "flows"], edge[group]', (e) => pick(groupOf(e.target)));
      instance.one('layoutstop', () => {
        // A zone's name is cut to the zone's width rather than drawn over its neighbour.
        instance.nodes('[kind = "zone"]').forEach((z) => {
          z.style('text-max-width', `${z.width()}px`);
        });
        el.dataset.layout = 'done';
      });
      instance
        .layout({
          name: 'elk',
          fit: true,
          padding: 24,
          nodeLayoutOptions: (n: { isParent(): boolean }) => (n.isParent() ? { 'elk.padding': ZONE_PADDING } : {}),
          elk: {
            algorithm: 'layered',
            'elk.direction': 'RIGHT',
            // Edges join roles in different zones: the zones are laid out with their content, not apart from it.
            'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
            'elk.spacing.nodeNode': 16,
            'elk.layered.spacing.nodeNodeBetweenLayers': 32,
            'elk.spacing.componentComponent': 32,
          },
        } as never)
        .run();
    })().catch(() => {});
    return () => {
      destroyed = true;
      cy?.destroy();
    };
  }, [topology, flowsText]);
  const name = (id: string) =>
    topology.roles.find((r) => r.id === id)?.role ?? topology.hosts.find((h) => h.id === id)?.name ?? id;
  return (
    <>
      <div ref={host} className="topology-canvas" aria-hidden="true" data-testid="topology-graph" />
      <div className="topology-details" aria-live="polite" data-testid="topology-details">
        {picked ? (
          <>
            <p>{t('between', { from: name(picked.from), to: name(picked.to) })}</p>
            <ul>
              {picked.flows.map((f) => (
                <li key={f.id}>
                  {/* A Ports text may hold a comma (`parameters rpc_low, rpc_high`): the texts apart by `;`. */}
                  {t('flowPorts', { flow: `${f.catalog}/${f.flow}`, ports: f.ports.join(t('portsApart')) })}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t('hint')}</p>
        )}
      </div>
    </>
  );
}

import type { Core } from 'cytoscape';
import { useEffect, useId, useRef, useState } from 'react';
import type { TopologyResponse } from '../api-types.ts';
import { messages } from '../i18n.ts';
import { type FlowGroup, graphElements, LABEL_FONT } from './topology-elements.ts';
import { layout } from './topology-layout.ts';
import { applyView, FRAME_HEIGHT, segmentsStyle } from './topology-view.ts';

const useT = messages({
  en: {
    flows: '{count} flows',
    between: 'From {from} to {to}:',
    flowPorts: '{flow}: {ports}',
    portsApart: '; ',
    drawing: 'Drawing of the topology',
    fit: 'Whole drawing in the frame',
    hint: 'Point at or select a box of flows in the drawing to list them here; the tables below list every flow.',
  },
  fr: {
    flows: '{count} flux',
    between: 'De {from} vers {to} :',
    flowPorts: '{flow} : {ports}',
    portsApart: ' ; ',
    drawing: 'Dessin de la topologie',
    fit: 'Tout le dessin dans le cadre',
    hint: 'Pointez ou sélectionnez une boîte de flux du dessin pour les lister ici ; les tableaux ci-dessous listent tous les flux.',
  },
});

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
    // Edges ELK routed become segments; the others (a role's flows to itself) curve apart.
    style: { 'curve-style': 'bezier', width: 1, 'line-color': '#8a8a8a', 'target-arrow-color': '#8a8a8a' },
  },
  { selector: 'edge[kind = "flow-in"]', style: { 'target-arrow-shape': 'triangle' } },
  { selector: 'edge[kind = "separates"]', style: { 'line-style': 'dashed', 'line-color': '#b3261e' } },
  { selector: 'node.picked', style: { 'border-width': 3, 'border-color': '#0b57a4' } },
  { selector: 'edge.picked', style: { 'line-color': '#0b57a4', 'target-arrow-color': '#0b57a4', width: 2 } },
];

/**
 * The drawing: zones as compound nodes holding their roles and hosts, firewalls between the zones they separate, the
 * flows between two roles as one box on the way (the flow's name, or how many), laid out by ELK from the sizes of
 * the labels, one band per zone (topology-layout.ts). Labels stay readable: a large drawing scrolls in its frame, and
 * a toggle shows it whole (topology-view.ts). Pointing at or selecting a box lists its flows below the drawing. The
 * drawing is hidden from assistive technology: the tables beside it say the same.
 */
export function TopologyGraph({ topology }: { topology: TopologyResponse }) {
  const t = useT();
  const frame = useRef<HTMLElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const cy = useRef<Core>(undefined);
  const [picked, setPicked] = useState<FlowGroup>();
  const [fitted, setFitted] = useState(false);
  const fittedNow = useRef(fitted);
  fittedNow.current = fitted;
  const detailsId = useId();
  // A string, not a function: the drawing is made again when the language changes it, not on every render.
  const flowsText = t('flows');
  useEffect(() => {
    let destroyed = false;
    const view = () => {
      if (cy.current && frame.current && host.current)
        applyView(cy.current, frame.current, host.current, fittedNow.current);
    };
    (async () => {
      const { default: cytoscape } = await import('cytoscape');
      const elements = graphElements(topology, (count) => flowsText.replace('{count}', String(count)));
      const { positions, routes } = await layout(topology, elements);
      const el = host.current;
      if (destroyed || !el) return;
      const { nodes, edges, groups } = elements;
      const instance = cytoscape({
        container: el,
        elements: { nodes, edges },
        style: STYLE as never,
        layout: { name: 'preset', positions, fit: false } as never,
        autoungrabify: true,
        // The frame scrolls (wheel, scroll bars, keys): the drawing neither zooms nor pans under the pointer.
        userZoomingEnabled: false,
        userPanningEnabled: false,
        boxSelectionEnabled: false,
      });
      cy.current = instance;
      instance.edges().forEach((e) => {
        const route = routes[e.id()];
        if (route) e.style(segmentsStyle(route, e.source().position(), e.target().position()));
      });
      const pick = (id: string | undefined) => {
        instance.elements('.picked').removeClass('picked');
        if (id) instance.elements(`[id = "${id}"], [group = "${id}"]`).addClass('picked');
        setPicked(id ? groups.get(id) : undefined);
      };
      const groupOf = (target: { data(key: string): unknown }) =>
        target.data('kind') === 'flows' ? String(target.data('id')) : (target.data('group') as string | undefined);
      instance.on('mouseover tap', 'node[kind = "flows"], edge[group]', (e) => pick(groupOf(e.target)));
      // A zone's name is cut to the zone's width rather than drawn over its neighbour.
      instance.nodes('[kind = "zone"]').forEach((z) => {
        z.style('text-max-width', `${z.width()}px`);
      });
      view();
      el.dataset.layout = 'done';
    })().catch(() => {});
    window.addEventListener('resize', view);
    return () => {
      destroyed = true;
      window.removeEventListener('resize', view);
      cy.current?.destroy();
      cy.current = undefined;
    };
  }, [topology, flowsText]);
  useEffect(() => {
    if (cy.current && frame.current && host.current) applyView(cy.current, frame.current, host.current, fitted);
  }, [fitted]);
  const name = (id: string) =>
    topology.roles.find((r) => r.id === id)?.role ?? topology.hosts.find((h) => h.id === id)?.name ?? id;
  return (
    <>
      <p>
        <button type="button" aria-pressed={fitted} onClick={() => setFitted((f) => !f)}>
          {t('fit')}
        </button>
      </p>
      <section
        ref={frame}
        className="topology-canvas"
        style={{ height: 'auto', maxHeight: `${FRAME_HEIGHT * 100}vh`, overflow: 'auto' }}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable from the keyboard
        tabIndex={0}
        aria-label={t('drawing')}
        aria-describedby={detailsId}
        data-testid="topology-frame"
      >
        <div ref={host} aria-hidden="true" data-testid="topology-graph" style={{ height: '60vh' }} />
      </section>
      <div id={detailsId} className="topology-details" aria-live="polite" data-testid="topology-details">
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

import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DATABASES, inLang, login, newPage, noBrowser, useWebServer } from './support/index.js';

/** Polls wait for the server, the grid and ELK's layout on a loaded machine (2 cores shared): bounded, but not 1 s. */
const SLOW = { timeout: 30_000 };

// The catalog with every shape of Ports cell (test/web/fixtures/port-shapes.yaml), beside the built-in ones. This
// file runs in a process of its own, so the override reaches only its server.
const root = mkdtempSync(join(tmpdir(), 'fm-topology-ports-'));
cpSync(new URL('../../catalogs', import.meta.url), join(root, 'catalogs'), { recursive: true });
cpSync(new URL('../../examples', import.meta.url), join(root, 'examples'), { recursive: true });
cpSync(new URL('./fixtures/port-shapes.yaml', import.meta.url), join(root, 'catalogs', 'port-shapes.yaml'));
process.env.FLOWMATRIX_CATALOGS = join(root, 'catalogs');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SITE = `id: port-shapes-site
title: Port shapes
catalogs:
  - catalog: port-shapes
    roles: { clients: lan, server: srv }
zones:
  lan: { kind: internal, cidrs: [10.0.0.0/16] }
  dmz: { kind: perimeter, cidrs: [172.16.0.0/24] }
hosts:
  srv: { address: 172.16.0.10 }
firewalls:
  - { name: fw, platform: nftables, zones: [lan, dmz] }
`;

/** The matrix screen's lines as flow → their "protocol ports" texts (the Protocol and Ports cells, side by side). */
async function matrixPorts(page: Page, siteId: number, lang: string): Promise<Map<string, string[]>> {
  await page.goto(`/#/sites/${siteId}/matrix?columns=flow,protocol,ports&lang=${lang}`);
  const rows = page.getByTestId('matrix-scroller').locator('tbody tr');
  await expect.poll(() => rows.count(), SLOW).toBe(6);
  const cells = await rows.evaluateAll((trs) =>
    trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((td) => td.textContent ?? '')),
  );
  const byFlow = new Map<string, string[]>();
  for (const [flow = '', protocol = '', ports = ''] of cells)
    byFlow.set(flow, [...(byFlow.get(flow) ?? []), [protocol, ports].filter(Boolean).join(' ')]);
  return byFlow;
}

/** The topology screen's flow table as flow → its Ports texts (one per line of the cell). */
async function topologyPorts(page: Page, siteId: number, lang: 'en' | 'fr'): Promise<Map<string, string[]>> {
  await page.goto(`/#/sites/${siteId}/topology?lang=${lang}`);
  const table = page.getByRole('table', { name: inLang(lang)('Flux entre eux', 'Flows between them') });
  await table.waitFor(SLOW);
  const cells = await table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((td) => (td as HTMLElement).innerText)),
    );
  // Columns: From, To, Flow (catalog/flow), Ports, Lines.
  return new Map(cells.map((c) => [(c[2] ?? '').replace(/^port-shapes\//, ''), (c[3] ?? '').split('\n')]));
}

/** Points the mouse at the drawing's box of flows from `clients` to `server`; returns the list shown below it. */
async function hoverList(page: Page): Promise<string[]> {
  const graph = page.locator('[data-testid="topology-graph"][data-layout="done"]');
  await graph.waitFor(SLOW);
  const at = await graph.evaluate((el) => {
    type Node = { data(k: string): unknown; renderedPosition(): { x: number; y: number } };
    const cy = (el as unknown as { _cyreg: { cy: { nodes(s: string): Node[] } } })._cyreg.cy;
    const box = [...cy.nodes('[kind = "flows"]')][0];
    const rect = el.getBoundingClientRect();
    const p = box?.renderedPosition() ?? { x: 0, y: 0 };
    return { x: rect.left + p.x, y: rect.top + p.y };
  });
  await page.mouse.move(at.x, at.y);
  const items = page.getByTestId('topology-details').locator('li');
  await expect.poll(() => items.count(), SLOW).toBe(6);
  return items.allTextContents();
}

describe.skipIf(noBrowser())('web: the topology says ports as the matrix does', () => {
  for (const database of DATABASES) {
    describe(database, () => {
      const web = useWebServer(database);

      for (const lang of ['en', 'fr'] as const) {
        const w = inLang(lang);

        it(`ICMP, ESP and reference rows read the same in the matrix, the flow table and the hover list, in ${lang}`, async () => {
          const name = `topology-ports-${lang}`;
          const { id } = await web.api.call<{ id: number }>('POST', '/api/sites', { name, yaml: SITE });
          const { page, problems } = await newPage(web.browser, web.server.url, lang);
          await login(page, 'admin', ADMIN_PASSWORD, lang);
          const matrix = await matrixPorts(page, id, lang);
          const topology = await topologyPorts(page, id, lang);
          expect(topology).toEqual(matrix);
          expect(topology.get('ping')).toEqual(['icmp type 8 (echo-request)']);
          expect(topology.get('icmp-any')).toEqual([w('icmp tous les types', 'icmp all types')]);
          expect(topology.get('ipsec')).toEqual([w('esp sans port', 'esp no ports')]);
          expect(topology.get('elsewhere')).toEqual([w('aucun (Référence)', 'none (Reference)')]);
          expect(topology.get('rpc')).toEqual([
            w('tcp 50000-50100 (paramètres rpc_low, rpc_high)', 'tcp 50000-50100 (parameters rpc_low, rpc_high)'),
          ]);
          // The six flows share one box (clients → server); pointing at it lists them with the same texts.
          const colon = w('\u00a0: ', ': ');
          expect(await hoverList(page)).toEqual(
            [...topology].map(([flow, ports]) => `port-shapes/${flow}${colon}${ports.join(w('\u00a0; ', '; '))}`),
          );
          expect(problems).toEqual([]);
        });
      }
    });
  }
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, axeViolations, DATABASES, login, newPage, noBrowser, useWebServer } from './support/index.js';

/** Polls wait for the server and ELK's layout on a loaded machine (2 cores shared): bounded, but not 1 s. */
const SLOW = { timeout: 30_000 };

/** Two rendered boxes may touch by this much (anti-aliasing, rounding) without counting as an overlap. */
const TOLERANCE_PX = 1;

interface Box {
  readonly name: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/**
 * After the layout: every drawn label's box (nodes, zones, edges) and every leaf node's body, as cytoscape renders
 * them, read from the instance cytoscape registers on its container.
 */
async function drawnBoxes(page: Page): Promise<{ labels: Box[]; bodies: Box[] }> {
  const graph = page.locator('[data-testid="topology-graph"][data-layout="done"]');
  await graph.waitFor(SLOW);
  return graph.evaluate((el) => {
    type Ele = {
      id(): string;
      isNode(): boolean;
      isParent(): boolean;
      pstyle(name: string): { strValue: string };
      renderedBoundingBox(o: object): { x1: number; y1: number; x2: number; y2: number };
    };
    const cy = (el as unknown as { _cyreg: { cy: { elements(): Ele[] } } })._cyreg.cy;
    const only = (labels: boolean) => ({
      includeNodes: !labels,
      includeEdges: false,
      includeLabels: labels,
      includeOverlays: false,
      includeUnderlays: false,
    });
    const elements = [...cy.elements()];
    const box = (e: Ele, labels: boolean) => {
      const { x1, y1, x2, y2 } = e.renderedBoundingBox(only(labels));
      return { name: `${e.id()} "${e.pstyle('label').strValue}"`, x1, y1, x2, y2 };
    };
    return {
      labels: elements.filter((e) => e.pstyle('label').strValue !== '').map((e) => box(e, true)),
      bodies: elements.filter((e) => e.isNode() && !e.isParent()).map((e) => box(e, false)),
    };
  });
}

const overlap = (a: Box, b: Box): boolean =>
  Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > TOLERANCE_PX &&
  Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > TOLERANCE_PX;

/** The element id of a box's name (`role:… "label"` → `role:…`). */
const idOf = (b: Box): string => b.name.slice(0, b.name.indexOf(' "'));

describe.skipIf(noBrowser())('web: the topology drawing keeps its labels apart', () => {
  for (const database of DATABASES) {
    describe(database, () => {
      const web = useWebServer(database);

      for (const site of ['lync-2013-edge-site', 'exchange-2007-site']) {
        it(`no label overlaps another label or another node on ${site}`, async () => {
          const { id } = await web.api.site(site);
          const { page, problems } = await newPage(web.browser, web.server.url);
          await login(page, 'admin', ADMIN_PASSWORD);
          await page.goto(`/#/sites/${id}/topology`);
          const { labels, bodies } = await drawnBoxes(page);
          expect(labels.length).toBeGreaterThan(10);
          const clashes: string[] = [];
          labels.forEach((a, i) => {
            for (const b of labels.slice(i + 1)) if (overlap(a, b)) clashes.push(`${a.name} × ${b.name}`);
            // A node's label lies on its own body; it must not lie on any other node's.
            for (const body of bodies)
              if (idOf(body) !== idOf(a) && overlap(a, body)) clashes.push(`${a.name} on ${body.name}`);
          });
          expect(clashes).toEqual([]);
          expect(await axeViolations(page)).toEqual([]);
          expect(problems).toEqual([]);
        });
      }
    });
  }
});

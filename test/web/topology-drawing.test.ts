import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, axeViolations, DATABASES, login, newPage, noBrowser, useWebServer } from './support/index.js';

/** Polls wait for the server and ELK's layout on a loaded machine (2 cores shared): bounded, but not 1 s. */
const SLOW = { timeout: 30_000 };

/** The smallest label size a reader is asked to read, in CSS pixels. */
const MIN_LABEL_PX = 9;

/** A box of flows lies this close to the line between its two ends, as a share of the drawing's diagonal. */
const MAX_DETOUR = 0.15;
/** And on average (the drawing before ELK's bands: 0.13 on Lync, with boxes up to 0.51 away on Exchange 2007). */
const MEAN_DETOUR = 0.05;

interface View {
  /** Rendered size of the smallest label, in CSS pixels. */
  readonly labelPx: number;
  /** Nodes whose rendered box lies outside the canvas (out of reach of the frame's scrolling). */
  readonly outOfCanvas: string[];
  /** Nodes whose rendered box lies outside the part of the canvas the frame shows now. */
  readonly outOfFrame: string[];
  readonly frame: { scrollTop: number; scrollHeight: number; clientHeight: number };
}

/** What the drawing shows now, read from the cytoscape instance its container holds. */
async function view(page: Page): Promise<View> {
  const graph = page.locator('[data-testid="topology-graph"][data-layout="done"]');
  await graph.waitFor(SLOW);
  return graph.evaluate((el) => {
    type Node = {
      id(): string;
      pstyle(name: string): { pfValue: number };
      renderedBoundingBox(o: object): { x1: number; y1: number; x2: number; y2: number };
    };
    const cy = (el as unknown as { _cyreg: { cy: { zoom(): number; nodes(): Node[] } } })._cyreg.cy;
    const frame = el.parentElement as HTMLElement;
    const canvas = el.getBoundingClientRect();
    const shown = frame.getBoundingClientRect();
    const nodes = [...cy.nodes()];
    const boxes = nodes.map((n) => ({ id: n.id(), ...n.renderedBoundingBox({ includeLabels: true }) }));
    const outside = (left: number, top: number, right: number, bottom: number) =>
      boxes
        .filter((b) => b.x1 + canvas.left < left - 1 || b.y1 + canvas.top < top - 1)
        .concat(boxes.filter((b) => b.x2 + canvas.left > right + 1 || b.y2 + canvas.top > bottom + 1))
        .map((b) => b.id);
    return {
      labelPx: Math.min(...nodes.map((n) => n.pstyle('font-size').pfValue)) * cy.zoom(),
      outOfCanvas: outside(canvas.left, canvas.top, canvas.right, canvas.bottom),
      outOfFrame: outside(shown.left, shown.top, shown.left + frame.clientWidth, shown.top + frame.clientHeight),
      frame: { scrollTop: frame.scrollTop, scrollHeight: frame.scrollHeight, clientHeight: frame.clientHeight },
    };
  });
}

/**
 * Per box of flows: its centre's distance to the segment between the centres of its two ends (to the role itself
 * for a role's flows to itself), as a share of the drawing's diagonal, in model coordinates (the zoom cancels out).
 */
async function detours(page: Page): Promise<Record<string, number>> {
  const graph = page.locator('[data-testid="topology-graph"][data-layout="done"]');
  await graph.waitFor(SLOW);
  return graph.evaluate((el) => {
    type P = { x: number; y: number };
    type Ele = { id(): string; position(): P; source(): Ele; target(): Ele };
    type Cy = {
      $id(id: string): Ele;
      nodes(s: string): Ele[];
      elements(): { boundingBox(): { w: number; h: number } };
    };
    const cy = (el as unknown as { _cyreg: { cy: Cy } })._cyreg.cy;
    const { w, h } = cy.elements().boundingBox();
    const out: Record<string, number> = {};
    for (const box of cy.nodes('[kind = "flows"]')) {
      const a = cy.$id(`${box.id()}:out`).source().position();
      const b = cy.$id(`${box.id()}:in`).target().position();
      const p = box.position();
      const [dx, dy] = [b.x - a.x, b.y - a.y];
      const t = dx || dy ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy))) : 0;
      out[box.id()] = Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)) / Math.hypot(w, h);
    }
    return out;
  });
}

describe.skipIf(noBrowser())('web: the topology drawing is readable and its boxes sit between their ends', () => {
  for (const database of DATABASES) {
    describe(database, () => {
      const web = useWebServer(database);

      it('Lync: labels at a readable size, every node within reach by scrolling, the whole drawing on demand', async () => {
        const { id } = await web.api.site('lync-2013-edge-site');
        const { page, problems } = await newPage(web.browser, web.server.url, 'fr');
        await login(page, 'admin', ADMIN_PASSWORD, 'fr');
        await page.goto(`/#/sites/${id}/topology?lang=fr`);
        const readable = await view(page);
        expect(readable.labelPx).toBeGreaterThanOrEqual(MIN_LABEL_PX);
        expect(readable.outOfCanvas).toEqual([]);
        // Taller than its frame at this size: the keyboard scrolls the frame to the rest.
        expect(readable.frame.scrollHeight).toBeGreaterThan(readable.frame.clientHeight);
        await page.getByRole('region', { name: 'Dessin de la topologie' }).focus();
        await page.keyboard.press('End');
        await expect.poll(async () => (await view(page)).frame.scrollTop, SLOW).toBeGreaterThan(0);
        // The toggle, with the keyboard: the whole drawing in the frame, then back to the readable size.
        const fit = page.getByRole('button', { name: 'Tout le dessin dans le cadre' });
        await fit.focus();
        await page.keyboard.press('Enter');
        await expect.poll(async () => fit.getAttribute('aria-pressed'), SLOW).toBe('true');
        const whole = await view(page);
        expect(whole.outOfFrame).toEqual([]);
        expect(whole.frame.scrollHeight).toBeLessThanOrEqual(whole.frame.clientHeight + 1);
        await page.keyboard.press('Space');
        await expect.poll(async () => (await view(page)).labelPx, SLOW).toBeGreaterThanOrEqual(MIN_LABEL_PX);
        expect(await axeViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
      });

      for (const site of ['exchange-2007-site', 'lync-2013-edge-site']) {
        it(`${site}: every box of flows lies near the line between its two ends`, async () => {
          const { id } = await web.api.site(site);
          const { page, problems } = await newPage(web.browser, web.server.url);
          await login(page, 'admin', ADMIN_PASSWORD);
          await page.goto(`/#/sites/${id}/topology`);
          const found = await detours(page);
          const values = Object.values(found);
          expect(values.length).toBeGreaterThan(10);
          const far = Object.entries(found)
            .filter(([, d]) => d > MAX_DETOUR)
            .map(([box, d]) => `${box}: ${d.toFixed(2)}`);
          expect(far).toEqual([]);
          expect(values.reduce((a, b) => a + b, 0) / values.length).toBeLessThanOrEqual(MEAN_DETOUR);
          expect(problems).toEqual([]);
        });
      }
    });
  }
});

import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, axeViolations, DATABASES, login, newPage, noBrowser, useWebServer } from './support/index.js';

/** Polls wait for the server and the grid on a loaded machine (2 cores shared): bounded, but not 1 s. */
const SLOW = { timeout: 15_000 };

describe.skipIf(noBrowser())('web: matrix grid, zones, topology and catalogs', () => {
  for (const database of DATABASES) {
    describe(database, () => {
      const web = useWebServer(database);
      const hamilton = async () => {
        const sites = await web.api.call<{ id: number; name: string }[]>('GET', '/api/sites');
        return sites.find((s) => s.name === 'hamilton-site')?.id as number;
      };

      it('filters and sorts with the keyboard, keeps the state in the URL, exports exactly what is shown', async () => {
        const id = await hamilton();
        const { page, problems } = await newPage(web.browser, web.server.url);
        await login(page, 'admin', ADMIN_PASSWORD);
        await page.goto(`/#/sites/${id}/matrix`);
        const count = page.getByTestId('matrix-count');
        await expect.poll(async () => (await count.textContent()) ?? '', SLOW).toMatch(/^\d+ rows$/);
        const all = Number(((await count.textContent()) ?? '').replace(/\D/g, ''));
        // Sort by the destination zone, descending: two presses of its header button.
        const sortButton = page.getByRole('button', { name: /Sort by Destination zone/ });
        await sortButton.focus();
        await page.keyboard.press('Enter');
        await expect.poll(() => page.url(), SLOW).toContain('sort=zone_to%3Aasc');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.url(), SLOW).toContain('sort=zone_to%3Adesc');
        expect(await page.getByRole('columnheader', { name: /Destination zone/ }).getAttribute('aria-sort')).toBe(
          'descending',
        );
        await page.getByLabel('Filter column').selectOption('zone_to');
        await page.getByLabel('contains').focus();
        await page.keyboard.type('internet');
        await page.keyboard.press('Enter');
        await expect.poll(async () => (await count.textContent()) ?? '', SLOW).toMatch(/ of /);
        expect(page.url()).toContain('filter%5Bzone_to%5D=internet');
        const shown = Number(((await count.textContent()) ?? '').split(' of ')[0]?.replace(/\D/g, ''));
        expect(shown).toBeGreaterThan(0);
        expect(shown).toBeLessThan(all);
        // The export link carries the same query: its CSV has exactly the rows shown.
        const csvHref = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
        const csv = await page.evaluate(async (u) => (await fetch(u as string)).text(), csvHref);
        expect(csv.trim().split('\r\n').length - 1).toBe(shown);
        expect(csvHref).toContain('filter%5Bzone_to%5D=internet');
        // Reload: the filter is still there (the URL holds it).
        await page.reload();
        await expect.poll(async () => (await count.textContent()) ?? '', SLOW).toMatch(new RegExp(`^${shown} of`));
        // Save the view, clear the filter, open the view again.
        await page.getByLabel('View name').fill('to the Internet');
        await page.keyboard.press('Enter');
        await page.getByRole('button', { name: 'Open view to the Internet' }).waitFor();
        await page.getByRole('button', { name: /Remove filter/ }).click();
        await expect.poll(async () => (await count.textContent()) ?? '', SLOW).toMatch(/^\d+ rows$/);
        await page.getByRole('button', { name: 'Open view to the Internet' }).click();
        await expect.poll(async () => (await count.textContent()) ?? '', SLOW).toMatch(new RegExp(`^${shown} of`));
        expect(await axeViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
      });

      it('zones: counts and a click through to the filtered rows; topology and catalogs as tables, in French', async () => {
        const id = await hamilton();
        const { page, problems } = await newPage(web.browser, web.server.url, 'fr');
        await login(page, 'admin', ADMIN_PASSWORD, 'fr');
        await page.goto(`/#/sites/${id}/zones?lang=fr`);
        const link = page.getByRole('link', { name: /lignes de lan vers dmz/ });
        await link.focus();
        await page.keyboard.press('Enter');
        await expect.poll(() => page.url(), SLOW).toContain('filter%5Bzone_from%5D=lan');
        const count = page.getByTestId('matrix-count');
        await expect.poll(async () => (await count.textContent()) ?? '', SLOW).toMatch(/sur/);
        await page.goto(`/#/sites/${id}/topology?lang=fr`);
        await page.getByRole('table', { name: /Zones, leurs pare-feux/ }).waitFor();
        // The drawing (cytoscape + ELK) is there beside its table twin.
        await page.getByTestId('topology-graph').locator('canvas').first().waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.goto('/#/catalogs/hamilton?lang=fr&tab=features');
        await page.getByRole('table', { name: 'Fonctionnalités' }).waitFor();
        expect(await page.getByRole('rowheader', { name: 'webhooks' }).count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);
        // Scenarios as sequence diagrams (an SVG per scenario, its steps as a list beside it).
        await page.goto('/#/catalogs/exchange-hybrid-web-mfa?lang=fr&tab=scenarios');
        await page.locator('.sequence svg').first().waitFor();
        expect(await page.locator('.sequence svg line[marker-end]').count()).toBeGreaterThan(0);
        expect(await axeViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
      });
    });
  }
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '../../src/server/api-types.js';
import { ADMIN_PASSWORD, inLang, login, newPage, noBrowser, useWebServer } from './support/index.js';

/**
 * The change log in the user's words: its actions and entities were the store's codes on French screens (`login`,
 * `create`, `change 1`), and the entity filter a text box wanting those English codes (a French user typing
 * `demande` found nothing, without being told why).
 */
describe.skipIf(noBrowser())('web: the change log in the user’s language', () => {
  const web = useWebServer('pglite');
  let change: number;
  beforeAll(async () => {
    const site = await web.api.site('hamilton-site');
    const { yaml } = await web.api.call<Site>('GET', `/api/sites/${site.id}`);
    ({ id: change } = await web.api.call<{ id: number }>('POST', '/api/changes', {
      siteId: site.id,
      title: 'x',
      yaml,
    }));
  });

  for (const lang of ['fr', 'en'] as const) {
    const w = inLang(lang);
    it(`names actions and entities, and filters by a named entity (${lang})`, async () => {
      const { page, problems } = await newPage(web.browser, web.server.url, lang);
      await login(page, 'admin', ADMIN_PASSWORD, lang);
      await page.goto(`/#/admin?section=log&lang=${lang}`);
      const rows = page.locator('tbody tr');
      await rows.first().waitFor();
      const cells = async () =>
        rows.evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('td')].slice(2, 4).map((td) => (td as HTMLElement).innerText.trim())),
        );
      const all = await cells();
      expect(all).toContainEqual([w('connexion', 'sign-in'), w('session 1', 'session 1')]);
      expect(all).toContainEqual([
        w('création', 'create'),
        w(`demande de changement ${change}`, `change request ${change}`),
      ]);

      await page.getByLabel(w('Objet', 'Entity')).selectOption({ label: w('demande de changement', 'change request') });
      await page.getByRole('button', { name: w('Filtrer', 'Filter') }).click();
      await expect
        .poll(cells)
        .toEqual([[w('création', 'create'), w(`demande de changement ${change}`, `change request ${change}`)]]);
      expect(problems).toEqual([]);
    });
  }
});

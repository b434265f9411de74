import { describe, expect, it } from 'vitest';
import type { SiteSummary } from '../../src/server/api-types.js';
import { ADMIN_PASSWORD, login, newPage, noBrowser, useWebServer } from './support/index.js';

/** How every other screen writes a date and time (`7 déc. 2026, 21:13` / `7 Dec 2026, 21:13`). */
const when = (iso: string, lang: 'fr' | 'en') =>
  new Date(iso).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The sites list dated each site in the browser's locale, not the app's language (an English-set browser showed
 * `07/12/2026, 21:13:50` on the French screen), unlike every other screen; now as they do, in the chosen language.
 */
describe.skipIf(noBrowser())('web: the sites list dates in the user’s language', () => {
  const web = useWebServer('pglite');

  for (const lang of ['fr', 'en'] as const) {
    it(`in ${lang}, whatever the browser's locale`, async () => {
      // The browser set to the other language: the app's choice must win.
      const { page, problems } = await newPage(web.browser, web.server.url, lang === 'fr' ? 'en' : 'fr');
      await login(page, 'admin', ADMIN_PASSWORD, lang);
      const sites = await web.api.call<SiteSummary[]>('GET', '/api/sites');
      const site = sites.find((s) => s.name === 'hamilton-site') as SiteSummary;
      const row = page.getByRole('row', { name: /^hamilton-site / });
      expect(await row.getByRole('cell').last().innerText()).toBe(`${when(site.updatedAt, lang)} — system`);
      expect(problems).toEqual([]);
    });
  }
});

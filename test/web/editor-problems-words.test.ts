import { beforeAll, describe, expect, it } from 'vitest';
import type { SiteSummary } from '../../src/server/api-types.js';
import { ADMIN_PASSWORD, inLang, login, newPage, noBrowser, useWebServer } from './support/index.js';

const SLOW = { timeout: 15_000 };

/**
 * The site editor's problems in the screen's words: the severity badge of each problem (it showed the API's
 * `error` on French screens), the count with plural agreement (it showed `1 problème(s)`), and the problem itself
 * (the API sends it in both languages; a French screen showed the English).
 */
describe.skipIf(noBrowser())('web: the editor names its problems in the user’s language', () => {
  const web = useWebServer('pglite');
  let site: SiteSummary;
  beforeAll(async () => {
    site = await web.api.site('hamilton-site');
  });

  for (const lang of ['fr', 'en'] as const) {
    const w = inLang(lang);
    it(`an unknown key is one ${w('erreur', 'error')}, counted in ${lang}`, async () => {
      const { page, problems } = await newPage(web.browser, web.server.url, lang);
      await login(page, 'admin', ADMIN_PASSWORD, lang);
      await page.goto(`/#/sites/${site.id}?lang=${lang}`);
      await page.getByText(`✓ ${w('valide', 'valid')}`).waitFor(SLOW);
      await page.locator('.cm-content').click();
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('nonsense: 1');
      const issues = page.getByTestId('issues').locator('li');
      await expect.poll(() => issues.count(), SLOW).toBe(1);
      expect(await issues.first().locator('.badge').innerText()).toBe(`✗ ${w('erreur', 'error')}`);
      await page.locator('.badge', { hasText: new RegExp(`^✗ ${w('1 problème', '1 problem')}$`) }).waitFor(SLOW);
      const said = (await issues.first().innerText()).replaceAll('\u00a0', ' ');
      expect(said).toContain(
        w(
          'clé inconnue "nonsense" dans le document — clés possibles :',
          'unknown key "nonsense" in the document — allowed keys:',
        ),
      );
      if (lang === 'fr') expect(said).not.toMatch(/unknown|allowed/);
      expect(problems).toEqual([]);
    });
  }
});

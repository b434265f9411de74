import { describe, expect, it } from 'vitest';
import { axeViolations, DATABASES, login, newPage, noBrowser, useWebServer } from './support/index.js';

describe.skipIf(noBrowser())('web: sign in, the shell and the sites', () => {
  for (const database of DATABASES) {
    describe(database, () => {
      const web = useWebServer(database);

      it('signs in with the keyboard, lists the example sites, switches language, and is axe-clean', async () => {
        const { page, problems } = await newPage(web.browser, web.server.url);
        await login(page, 'admin', 'correct horse battery staple 42');
        expect(await page.getByRole('link', { name: /hamilton-site/ }).count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);
        await page.getByRole('button', { name: 'FR' }).click();
        await page.getByRole('link', { name: 'Catalogues' }).waitFor();
        expect(page.url()).toContain('lang=fr');
        expect(await page.getAttribute('html', 'lang')).toBe('fr');
        expect(await axeViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
      });
    });
  }
});

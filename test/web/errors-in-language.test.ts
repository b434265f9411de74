import { beforeAll, describe, expect, it } from 'vitest';
import type { SiteSummary } from '../../src/server/api-types.js';
import { ADMIN_PASSWORD, inLang, login, newPage, noBrowser, useWebServer } from './support/index.js';

/**
 * The API's errors as the screens show them: in the screen's language (a French sign-in said 'wrong user name or
 * password'), without command-line advice (an unknown configuration format said 'name it with --format'), and each
 * configuration problem at its file and line (it showed '1: —').
 */
describe.skipIf(noBrowser())('web: errors in the user’s language, at their place', () => {
  const web = useWebServer('pglite');
  let site: SiteSummary;
  beforeAll(async () => {
    site = await web.api.site('hamilton-site');
  });

  it('a wrong password on the French sign-in page', async () => {
    const { page } = await newPage(web.browser, web.server.url, 'fr');
    await page.goto('/#/login?lang=fr');
    await page.getByLabel("Nom d'utilisateur").fill('admin');
    await page.getByLabel('Mot de passe').fill('not the password at all');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toBe('Erreur\u00a0: nom d’utilisateur ou mot de passe incorrect');
  });

  for (const lang of ['fr', 'en'] as const) {
    const w = inLang(lang);
    it(`a configuration verify cannot read (${lang})`, async () => {
      const { page, problems } = await newPage(web.browser, web.server.url, lang);
      await login(page, 'admin', ADMIN_PASSWORD, lang);
      await page.goto(`/#/sites/${site.id}/verify?lang=${lang}`);
      const pasted = page.getByLabel(w('Ou collez la configuration', 'Or paste the configuration'));
      const verify = page.getByRole('button', { name: w('Vérifier', 'Verify'), exact: true });
      const alert = page.getByRole('alert');

      await pasted.fill('hello world\n');
      await verify.click();
      await alert.waitFor();
      expect((await alert.innerText()).split('\n').filter(Boolean)).toEqual([
        w(
          'Erreur\u00a0: le format de la configuration ne se déduit pas du fichier',
          'Error: the configuration’s format cannot be told from the file',
        ),
        w(
          'Conseil\u00a0: choisissez-le dans « Format de la configuration »',
          'Hint: choose it under “Configuration format”',
        ),
      ]);

      await page.getByLabel(w('Format de la configuration', 'Configuration format')).selectOption('iptables');
      await pasted.fill('*filter\n-A FORWARD -p tcp --dport 99999 -j ACCEPT\nCOMMIT\n');
      await verify.click();
      await alert.getByRole('listitem').waitFor();
      // The reader's own words stay the API's (English); the place is the pasted text's line 2.
      expect(await alert.getByRole('listitem').innerText()).toMatch(/^\S+:2 — "99999" is not a port or port range/);
      expect(await alert.innerText()).toContain(
        w('Erreur\u00a0: la configuration ne se lit pas', 'Error: the configuration does not parse'),
      );
      expect(problems).toEqual([]);
    });
  }
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { SiteSummary } from '../../src/server/api-types.js';
import { ADMIN_PASSWORD, inLang, login, newPage, noBrowser, useWebServer } from './support/index.js';

/**
 * The rules screen lists the site's outbound proxy beside its firewalls (its PAC file and Squid configuration): it
 * showed as `outbound-proxy ()` and was headed `Firewall outbound-proxy`; it is named a proxy, in both languages.
 */
describe.skipIf(noBrowser())('web: the outbound proxy on the rules screen', () => {
  const web = useWebServer('pglite');
  let site: SiteSummary;
  beforeAll(async () => {
    site = await web.api.site('hamilton-site');
  });

  for (const lang of ['fr', 'en'] as const) {
    const w = inLang(lang);
    it(`is listed and headed as the proxy it is (${lang})`, async () => {
      const { page, problems } = await newPage(web.browser, web.server.url, lang);
      await login(page, 'admin', ADMIN_PASSWORD, lang);
      await page.goto(`/#/sites/${site.id}/rules?lang=${lang}`);
      const list = page.getByRole('navigation', { name: w('Pare-feux et cibles', 'Firewalls and targets') });
      await list.getByRole('button').first().waitFor();
      expect(await list.getByRole('button').allInnerTexts()).toEqual([
        'fw-internal (nftables)',
        'fw-edge (iptables)',
        `outbound-proxy (${w('proxy sortant', 'outbound proxy')})`,
      ]);
      await list.getByRole('button', { name: /^outbound-proxy/ }).click();
      await page
        .getByRole('heading', { level: 2, name: `Proxy outbound-proxy · ${w('Cible', 'Target')} pac` })
        .waitFor();
      await page.locator('code', { hasText: /^outbound-proxy\.pac$/ }).waitFor();
      expect(problems).toEqual([]);
    });
  }
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Site, SiteSummary } from '../../src/server/api-types.js';
import { ADMIN_PASSWORD, inLang, login, newPage, noBrowser, useWebServer } from './support/index.js';

/**
 * A change request and the site's runs in the screen's words: a run's kind was the API's `verify` on French screens
 * (`Exécution 1 : verify de fw-edge`), the proposed text said `1 lignes ajoutées`, and the Transitions heading of a
 * fresh draft stood over nothing.
 */
describe.skipIf(noBrowser())('web: a change request in the user’s language', () => {
  const web = useWebServer('pglite');
  let site: SiteSummary;
  let change: number;
  let run: number;
  beforeAll(async () => {
    site = await web.api.site('hamilton-site');
    ({ runId: run } = await web.api.call<{ runId: number }>('POST', `/api/sites/${site.id}/verify`, {
      firewall: 'fw-edge',
      format: 'iptables',
      files: [{ name: 'edge.rules', text: '*filter\n:FORWARD DROP [0:0]\nCOMMIT\n' }],
    }));
    const { yaml } = await web.api.call<Site>('GET', `/api/sites/${site.id}`);
    ({ id: change } = await web.api.call<{ id: number }>('POST', '/api/changes', {
      siteId: site.id,
      title: 'Contrôle d’accès',
      yaml: yaml.replace('access-control: false', 'access-control: true'),
    }));
  });

  for (const lang of ['fr', 'en'] as const) {
    const w = inLang(lang);
    it(`names runs, counts lines and says there is no transition yet (${lang})`, async () => {
      const { page, problems } = await newPage(web.browser, web.server.url, lang);
      await login(page, 'admin', ADMIN_PASSWORD, lang);
      await page.goto(`/#/changes/${change}?lang=${lang}`);
      const option = page.getByLabel(w('Exécution à joindre', 'Run to attach')).locator('option');
      await option.first().waitFor({ state: 'attached' });
      expect(await option.first().innerText()).toMatch(
        new RegExp(
          `^${w(`Exécution ${run}\u00a0: vérification de fw-edge, `, `Run ${run}: verification of fw-edge, `)}`,
        ),
      );
      await page.getByText(w('Aucune transition pour l’instant.', 'No transition yet.')).waitFor();
      await page.getByText(w('1 ligne ajoutée, 1 retirée', '1 line added, 1 removed'), { exact: true }).waitFor();

      await page.goto(`/#/sites/${site.id}/verify?lang=${lang}`);
      await page.getByRole('tab', { name: w('Exécutions passées', 'Past runs') }).click();
      const kind = page
        .getByRole('row', { name: new RegExp(`^${run} `) })
        .getByRole('cell')
        .nth(1);
      expect(await kind.innerText()).toBe(w('vérification', 'verification'));
      expect(problems).toEqual([]);
    });
  }
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Site, SiteSummary } from '../../src/server/api-types.js';
import { ADMIN_PASSWORD, ApiClient, inLang, login, newPage, noBrowser, useWebServer } from './support/index.js';

const APPROVER_PASSWORD = 'approver password 2026';

/**
 * A change request written on a version of the site that another edit has since passed: implementing it is refused
 * (409, it would undo that edit), and the screen said so only in the API's English ('the site changed since version
 * 1 … merge your change into the current text and save again', though a request's text cannot be edited). It now
 * says why in the user's language and offers a new request from the current text.
 */
describe.skipIf(noBrowser())('web: a change request overtaken by another edit of its site', () => {
  const web = useWebServer('pglite');
  let site: SiteSummary;
  let approver: ApiClient;
  beforeAll(async () => {
    site = await web.api.site('hamilton-site');
    await web.api.call('POST', '/api/users', { username: 'alice', password: APPROVER_PASSWORD, role: 'approver' });
    approver = await ApiClient.login(web.server.url, 'alice', APPROVER_PASSWORD);
  });

  for (const lang of ['fr', 'en'] as const) {
    const w = inLang(lang);
    it(`says why it cannot be implemented and offers a new request (${lang})`, async () => {
      const before = await web.api.call<Site>('GET', `/api/sites/${site.id}`);
      const { id } = await web.api.call<{ id: number }>('POST', '/api/changes', {
        siteId: site.id,
        title: `Relais ${lang}`,
        yaml: `${before.yaml}\n# relay ${lang}\n`,
      });
      await web.api.call('POST', `/api/changes/${id}/transition`, { to: 'submitted' });
      await approver.call('POST', `/api/changes/${id}/transition`, { to: 'approved' });

      const { page, problems } = await newPage(web.browser, web.server.url, lang);
      await login(page, 'admin', ADMIN_PASSWORD, lang);
      await page.goto(`/#/changes/${id}?lang=${lang}`);
      const implement = page.getByRole('button', { name: w('Marquer mise en œuvre', 'Mark implemented') });
      await implement.waitFor();
      // Someone else saves the site while the page is open.
      await web.api.call('PUT', `/api/sites/${site.id}`, {
        yaml: `${before.yaml}\n# other edit ${lang}\n`,
        baseVersion: before.version,
      });
      await implement.click();
      const stale = page.getByTestId('stale-change');
      await stale.waitFor();
      expect(await stale.innerText()).toContain(
        w(
          `porte sur la version ${before.version} du site, qui est depuis passé à la version ${before.version + 1}\u00a0: la mettre en œuvre déferait ces changements`,
          `written on version ${before.version} of the site, which is now at version ${before.version + 1}: implementing it would undo those changes`,
        ),
      );
      expect(await page.getByText('merge your change into the current text').count()).toBe(0);
      const again = await web.api.call<{ state: string }>('GET', `/api/changes/${id}`);
      expect(again.state).toBe('approved');

      await stale.getByRole('link').click();
      const select = page.getByLabel('Site', { exact: true });
      await select.waitFor();
      expect(await select.inputValue()).toBe(String(site.id));
      expect(problems).toEqual([]);
    });
  }
});

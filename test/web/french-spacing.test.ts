import { beforeAll, describe, expect, it } from 'vitest';
import type { Site, SiteSummary } from '../../src/server/api-types.js';
import { ADMIN_PASSWORD, login, newPage, noBrowser, useWebServer } from './support/index.js';

/** A plain space before `:` `;` `!` `?` (the sign may start a line); French wants a no-break one. */
const PLAIN_SPACE_BEFORE_SIGN = / [:;!?](?=\s|$)/;
/** A sign glued to the word before it, as English writes it. */
const GLUED_COLON = /[\p{L})]:(?=\s)/u;

/**
 * French screens put a no-break space before `:` `;` `!` `?`, in their own texts (typed with a plain space) and
 * where a screen joins a word and a value (`Site : hamilton`, `Demandeur : admin`; they read `Site: hamilton`).
 */
describe.skipIf(noBrowser())('web: French typography on the screens', () => {
  const web = useWebServer('pglite');
  let site: SiteSummary;
  let change: number;
  beforeAll(async () => {
    site = await web.api.site('hamilton-site');
    const { yaml } = await web.api.call<Site>('GET', `/api/sites/${site.id}`);
    ({ id: change } = await web.api.call<{ id: number }>('POST', '/api/changes', {
      siteId: site.id,
      title: 'Ouvrir le relais',
      yaml,
    }));
  });

  it('the sign-in page, the zones, the history and a change request', async () => {
    const { page, problems } = await newPage(web.browser, web.server.url, 'fr');
    await page.goto('/#/login?lang=fr');
    await page.getByText(/^Flowmatrix\u00a0: la matrice de flux/).waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(PLAIN_SPACE_BEFORE_SIGN);
    await login(page, 'admin', ADMIN_PASSWORD, 'fr');

    const screens: [string, string][] = [
      [`/sites/${site.id}/zones`, '(colonnes)\u00a0; violations'],
      [`/sites/${site.id}/history`, 'pour l’instant\u00a0: rien à comparer'],
      [`/changes/${change}`, 'Site\u00a0: hamilton-site'],
    ];
    for (const [path, expected] of screens) {
      await page.goto(`/#${path}?lang=fr`);
      await page.getByText(expected).first().waitFor();
      const text = await page.locator('main').innerText();
      expect(text, path).not.toMatch(PLAIN_SPACE_BEFORE_SIGN);
      expect(text, path).not.toMatch(GLUED_COLON);
    }
    expect(problems).toEqual([]);
  });
});

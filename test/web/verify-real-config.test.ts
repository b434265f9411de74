import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SiteSummary } from '../../src/server/api-types.js';
import { fixturesDir, fixturesRequirement } from '../support/fixtures.js';
import { missing } from '../support/system.js';
import { ADMIN_PASSWORD, inLang, login, newPage, noBrowser, useWebServer } from './support/index.js';

/** A real home router's iptables-save (shared fixtures, read in place): fw-edge of the Hamilton example. */
const config = () => join(fixturesDir(), 'firewalls/iptables/home_user.iptables-save');

/**
 * A real firewall configuration uploaded on the verify screen answers what `flowmatrix verify --lang fr|en` answers
 * for the same site (0 permitted, 0 partly permitted, 6 denied, 0 indeterminate: the site's DMZ addresses come in by
 * eth1, the router's Internet side, where its raw table's anti-spoofing chain drops private sources — walked as the
 * kernel walks it), with each row's reference in the screen's language (`§1 ligne 3` in French, as the CLI writes it).
 */
describe.skipIf(noBrowser() || missing(fixturesRequirement))('web: verify a real configuration', () => {
  const web = useWebServer('pglite');
  let site: SiteSummary;
  beforeAll(async () => {
    site = await web.api.site('hamilton-site');
  });

  for (const lang of ['fr', 'en'] as const) {
    const w = inLang(lang);
    it(`shows the CLI's verdicts and the rows' references in ${lang}`, async () => {
      const { page, problems } = await newPage(web.browser, web.server.url, lang);
      await login(page, 'admin', ADMIN_PASSWORD, lang);
      await page.goto(`/#/sites/${site.id}/verify?lang=${lang}`);
      await page.getByLabel(w('Pare-feu', 'Firewall'), { exact: true }).selectOption('fw-edge');
      await page.locator('input[type=file]').setInputFiles(config());
      await page.getByRole('button', { name: w('Vérifier', 'Verify'), exact: true }).click();
      const counts = page.locator('.fm-counts li');
      await counts.first().waitFor();
      // French sets a no-break space before the colon (the sign never starts a line); English none.
      const colon = w('\u00a0:', ':');
      expect(await counts.allInnerTexts()).toEqual([
        w(`✓ autorisé${colon} 0`, `✓ permitted${colon} 0`),
        w(`◐ autorisé en partie${colon} 0`, `◐ partly permitted${colon} 0`),
        w(`✗ refusé${colon} 6`, `✗ denied${colon} 6`),
        w(`? indéterminé${colon} 0`, `? indeterminate${colon} 0`),
      ]);
      const rows = await page.locator('tr[data-verdict] td:nth-child(2)').allInnerTexts();
      expect(rows).toContain(w('hamilton/crl-ocsp (§1 ligne 3 (CRL/OCSP))', 'hamilton/crl-ocsp (§1 row 3 (CRL/OCSP))'));
      if (lang === 'fr') expect(rows.filter((r) => /\brow\b/.test(r))).toEqual([]);
      expect(problems).toEqual([]);
    });
  }
});

import { setTimeout as sleep } from 'node:timers/promises';
import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '../../src/server/api-types.js';
import { HOSTILE_MARK, hostileHamilton, hostileName } from './hostile-site.js';
import { ADMIN_PASSWORD, axeViolations, DATABASES, login, newPage, noBrowser, useWebServer } from './support/index.js';

const HOSTILE = hostileName('name');

/** The text of `where` once it holds a hostile name (lists load late; bounded), else as it stands. */
async function textOf(where: Locator): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const text = (await where.textContent()) ?? '';
    if (text.includes(HOSTILE_MARK)) return text;
    await sleep(200);
  }
  return (await where.textContent()) ?? '';
}

/**
 * Every screen, in English and in French, over a site whose name, DMZ zone, WEB host, description, suppression,
 * change request and comment are hostile (markup, quotes, `{{…}}`, right-to-left text, a newline, a long word): no
 * script runs (no dialog, no page error, no element made from the names), the names show as text, the layout holds
 * (no page-wide horizontal scroll), every state badge has a mark besides its colour, and axe-core finds no serious
 * or critical violation.
 */
describe.skipIf(noBrowser())('web: every screen, hostile names, axe-core, in English and French', () => {
  for (const database of DATABASES) {
    describe(database, () => {
      const web = useWebServer(database);
      let siteId = 0;
      let changeId = 0;
      beforeAll(async () => {
        ({ id: siteId } = await web.api.call<{ id: number }>('POST', '/api/sites', {
          name: HOSTILE,
          yaml: hostileHamilton(),
        }));
        await web.api.call('POST', `/api/sites/${siteId}/suppressions`, {
          rule: 'cleartext-flow',
          justification: HOSTILE,
          owner: HOSTILE,
          expires: '2099-01-01',
        });
        const site = await web.api.call<Site>('GET', `/api/sites/${siteId}`);
        ({ id: changeId } = await web.api.call<{ id: number }>('POST', '/api/changes', {
          siteId,
          title: HOSTILE,
          description: HOSTILE,
          yaml: `${site.yaml}\n# ${HOSTILE.replace(/\n/g, ' ')}\n`,
        }));
        await web.api.call('POST', `/api/changes/${changeId}/comments`, { text: HOSTILE });
      });

      // Three groups of [path, shows a hostile name], each one test per language (each within the test timeout).
      const groups = (): Record<string, [string, boolean][]> => ({
        'sign-in, sites, editor, matrix, zones, topology': [
          ['/sites', true],
          ['/sites/new', false],
          [`/sites/${siteId}`, true],
          [`/sites/${siteId}/matrix`, true],
          [`/sites/${siteId}/zones`, true],
          [`/sites/${siteId}/topology`, true],
        ],
        'audit, rules, verify, history': [
          [`/sites/${siteId}/audit`, true],
          [`/sites/${siteId}/rules?firewall=fw-internal`, false],
          [`/sites/${siteId}/verify`, false],
          [`/sites/${siteId}/history`, true],
        ],
        'catalogs, change requests, administration': [
          ['/catalogs', false],
          ['/catalogs/hamilton', false],
          ['/catalogs/hamilton?tab=features', false],
          ['/catalogs/exchange-hybrid-web-mfa?tab=scenarios', false],
          ['/catalogs/hamilton/history', false],
          ['/changes', true],
          ['/changes/new', false],
          [`/changes/${changeId}`, true],
          ['/admin?section=users', false],
          ['/admin?section=tokens', false],
          ['/admin?section=log', true],
        ],
      });

      for (const lang of ['en', 'fr'] as const) {
        for (const group of Object.keys(groups())) {
          it(`${group}: names as text, no sideways scroll, badges with a mark, axe-clean (${lang})`, async () => {
            const { page, problems } = await newPage(web.browser, web.server.url, lang);
            if (group.startsWith('sign-in')) {
              // The sign-in page first (no session yet).
              await page.goto(`/#/login?lang=${lang}`);
              await page.locator('main h1').first().waitFor();
              expect.soft(await axeViolations(page), '/login').toEqual([]);
            }
            await login(page, 'admin', ADMIN_PASSWORD, lang);
            for (const [path, showsName] of groups()[group] ?? []) {
              await page.goto(`/#${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
              await page.locator('main h1').first().waitFor();
              await page.waitForLoadState('networkidle');
              if (path.endsWith('/audit')) await page.getByRole('checkbox').first().check();
              if (path.endsWith('/history') && path.startsWith('/sites')) {
                await page.getByRole('button', { name: /Compare|Comparer/ }).click();
                await page.locator('[data-report="diff"]').waitFor();
              }
              // textContent: the log keeps before/after in a closed <details>, still text. Polled: lists load late.
              if (showsName) expect.soft(await textOf(page.locator('main')), path).toContain(HOSTILE_MARK);
              expect.soft(await page.locator('main img, main script').count(), path).toBe(0);
              const overflow = await page.evaluate(
                () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
              );
              expect.soft(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(1);
              expect.soft(await axeViolations(page), path).toEqual([]);
              // State is never told by colour alone: every badge carries a mark (✓ ✗ ▲ …) and a word.
              const badges = await page.locator('main .badge').allTextContents();
              expect
                .soft(
                  badges.filter((b) => !/[^\p{L}\p{N}\s]/u.test(b) || !/\p{L}{2}/u.test(b)),
                  path,
                )
                .toEqual([]);
            }
            expect(problems).toEqual([]);
            await page.context().close();
          });
        }
      }
    });
  }
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeSummary, RulesResponse, SiteSummary } from '../../src/server/api-types.js';
import { arrowSelect, tabTo } from './keyboard.js';
import {
  ADMIN_PASSWORD,
  ApiClient,
  axeViolations,
  DATABASES,
  login,
  newPage,
  noBrowser,
  useWebServer,
} from './support/index.js';

const PASSWORD = 'a long enough test password 7';

/**
 * The journeys of issue 15 on the ui-2 screens: an admin sets up the team in the Administration screen (users,
 * roles, a token shown once, the log with before/after); a change request is filed, submitted and approved with the
 * keyboard alone (in French, then English), then implemented with a verify run attached and verified.
 */
describe.skipIf(noBrowser())('web: administration and the change-request journey', () => {
  for (const database of DATABASES) {
    describe(database, () => {
      const web = useWebServer(database);
      let site: SiteSummary;
      beforeAll(async () => {
        const sites = await web.api.call<SiteSummary[]>('GET', '/api/sites');
        site = sites.find((s) => s.name === 'hamilton-site') as SiteSummary;
      });

      it('administration: users and roles, a token shown once (it works, then revoked it does not), the log', async () => {
        const { page, problems } = await newPage(web.browser, web.server.url);
        await login(page, 'admin', ADMIN_PASSWORD);
        await page.goto('/#/admin?lang=en&section=users');
        await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
        for (const [username, role] of [
          ['rita', 'requester'],
          ['alex', 'approver'],
          ['ines', 'viewer'],
        ] as const) {
          await page.getByLabel('User name').fill(username);
          await page.getByLabel('Password').fill(PASSWORD);
          await page.getByLabel('Role', { exact: true }).selectOption(role);
          await page.getByRole('button', { name: 'Create' }).click();
          await page.getByText(`User ${username} created.`).waitFor();
        }
        // A role changed in the table (ines becomes implementer), then shown as saved.
        await page.getByLabel('Role of ines').selectOption('implementer');
        await page.getByText('ines saved.').waitFor();
        await page.getByRole('button', { name: 'Disable rita' }).click();
        await page.locator('tr[data-user="rita"]').getByText('disabled').first().waitFor();
        await page.getByRole('button', { name: 'Enable rita' }).click();
        await page.getByRole('button', { name: 'Disable rita' }).waitFor();
        expect(await axeViolations(page)).toEqual([]);

        await page.getByRole('tab', { name: 'API tokens' }).click();
        await page.getByLabel('Token name (what uses it)').fill('ci-export');
        await page.getByLabel('Expires in (days, 1 to 365)').fill('7');
        await page.getByRole('button', { name: 'Create' }).click();
        const secret = (await page.locator('[data-token="secret"]').textContent()) ?? '';
        expect(secret.length).toBeGreaterThan(20);
        await page.getByText('Copy this token now: it is shown once and never again.').waitFor();
        const read = await fetch(`${web.server.url}/api/sites`, { headers: { authorization: `Bearer ${secret}` } });
        expect(read.status).toBe(200);
        expect(await axeViolations(page)).toEqual([]);
        await page.reload();
        await page.getByRole('cell', { name: 'ci-export', exact: true }).waitFor();
        expect(await page.locator('[data-token="secret"]').count()).toBe(0);
        await page.getByRole('button', { name: 'Revoke ci-export' }).click();
        await page.getByText('Token ci-export revoked.').waitFor();
        const refused = await fetch(`${web.server.url}/api/sites`, { headers: { authorization: `Bearer ${secret}` } });
        expect(refused.status).toBe(401);

        await page.getByRole('tab', { name: 'Change log' }).click();
        await page.getByLabel('Entity').selectOption('user');
        await page.getByRole('button', { name: 'Filter' }).click();
        // The role change of ines: an `edit` of a user whose before holds the old role.
        const ines = page
          .locator('tr', { hasText: 'edit' })
          .filter({ has: page.locator('pre', { hasText: '"role": "viewer"' }) })
          .first();
        await ines.getByText('Before and after').click();
        expect(await ines.locator('pre').first().textContent()).toContain('"role": "viewer"');
        expect(await ines.locator('pre').last().textContent()).toContain('"role": "implementer"');
        expect(page.url()).toContain('entity=user');
        expect(await axeViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
        await page.context().close();
      });

      it('files and approves a change with the keyboard alone (FR, then EN); implemented with a verify run; verified', async () => {
        // The requester, in French, keyboard only.
        const rita = await newPage(web.browser, web.server.url, 'fr');
        const p = rita.page;
        await login(p, 'rita', PASSWORD, 'fr');
        await tabTo(p, p.getByRole('link', { name: 'Demandes de changement' }));
        await p.keyboard.press('Enter');
        await p.getByRole('heading', { level: 1, name: 'Demandes de changement' }).waitFor();
        await tabTo(p, p.getByRole('link', { name: 'Nouvelle demande de changement' }));
        await p.keyboard.press('Enter');
        await p.getByRole('heading', { level: 1, name: 'Nouvelle demande de changement' }).waitFor();
        const siteSelect = p.getByLabel('Site', { exact: true });
        await tabTo(p, siteSelect);
        await arrowSelect(p, siteSelect, String(site.id));
        const yaml = p.getByLabel('Fichier de site proposé (YAML)');
        await expect.poll(() => yaml.inputValue()).toContain('hamilton-example');
        await tabTo(p, p.getByLabel('Titre'));
        await p.keyboard.type('Ouvrir la supervision <b>SMS</b>');
        await p.keyboard.press('Tab');
        await p.keyboard.type('Demandé par l’accueil.');
        await tabTo(p, yaml);
        await p.keyboard.press('ControlOrMeta+End');
        await p.keyboard.type('\n# requested by reception\n');
        await tabTo(p, p.getByRole('button', { name: 'Créer en brouillon' }));
        await p.keyboard.press('Enter');
        const title = p.getByRole('heading', { level: 1, name: /Ouvrir la supervision <b>SMS<\/b>/ });
        await title.waitFor();
        expect(await p.locator('b').count()).toBe(0);
        expect(await axeViolations(p)).toEqual([]);
        await tabTo(p, p.getByRole('button', { name: 'Soumettre pour approbation' }));
        await p.keyboard.press('Enter');
        await p.getByText('La demande est maintenant : soumise.').waitFor();
        // Nobody approves their own request: no Approve button for the requester, and the screen says why.
        expect(await p.getByRole('button', { name: 'Approuver' }).count()).toBe(0);
        await p.getByText('Vous avez déposé cette demande : un autre approbateur doit l’approuver.').waitFor();
        const changeUrl = p.url().replace(/\?.*$/, '');
        const changeId = /\/changes\/(\d+)/.exec(changeUrl)?.[1] as string;
        expect(rita.problems).toEqual([]);
        await p.context().close();

        // The approver, in English, keyboard only: finds it among the submitted ones, comments, approves.
        const alex = await newPage(web.browser, web.server.url, 'en');
        const a = alex.page;
        await login(a, 'alex', PASSWORD, 'en');
        await a.goto('/#/changes?lang=en&state=submitted');
        await a.getByRole('heading', { level: 1, name: 'Change requests' }).waitFor();
        await tabTo(a, a.getByRole('link', { name: 'Ouvrir la supervision <b>SMS</b>' }));
        await a.keyboard.press('Enter');
        await a.getByRole('heading', { level: 1, name: /Ouvrir la supervision/ }).waitFor();
        await tabTo(a, a.getByLabel('Add a comment'));
        await a.keyboard.type('Fine for the reception desks.');
        await a.keyboard.press('Tab');
        await a.keyboard.press('Enter');
        await a.getByText('Fine for the reception desks.').waitFor();
        await tabTo(a, a.getByRole('button', { name: 'Approve' }));
        await a.keyboard.press('Enter');
        await a.getByText('The request is now approved.').waitFor();
        expect(await axeViolations(a)).toEqual([]);
        expect(alex.problems).toEqual([]);
        await a.context().close();

        // The implementer runs verify (the generated rules as deployed), attaches the run, implements, verifies.
        const inesApi = await ApiClient.login(web.server.url, 'ines', PASSWORD);
        const rules = await inesApi.call<RulesResponse>('GET', `/api/sites/${site.id}/rules/fw-internal/nftables`);
        const run = await inesApi.call<{ runId: number }>('POST', `/api/sites/${site.id}/verify`, {
          firewall: 'fw-internal',
          format: 'nft',
          files: [{ name: 'fw-internal.nft', text: rules.text }],
        });
        const ines = await newPage(web.browser, web.server.url, 'en');
        const i = ines.page;
        await login(i, 'ines', PASSWORD, 'en');
        await i.goto(`/#/changes/${changeId}?lang=en`);
        await i.getByRole('heading', { level: 1, name: /Ouvrir la supervision/ }).waitFor();
        expect(await i.getByRole('button', { name: 'Mark verified' }).count()).toBe(0);
        await i.getByLabel('Run to attach').selectOption(String(run.runId));
        await i.getByRole('button', { name: 'Attach' }).click();
        await i.locator(`li[data-run="${run.runId}"]`).waitFor();
        await i.locator(`li[data-run="${run.runId}"]`).getByRole('button', { name: /Show/ }).click();
        await i.locator('tr[data-verdict="permitted"]').first().waitFor();
        await i.getByRole('button', { name: 'Mark implemented' }).click();
        await i.getByText('The request is now implemented.').waitFor();
        await i.getByRole('button', { name: 'Mark verified' }).click();
        await i.getByText('The request is now verified.').waitFor();
        // The message shows before the change is reloaded: wait for the step indicator to follow.
        await i.locator('[aria-current="step"]', { hasText: 'verified' }).waitFor();
        expect(await axeViolations(i)).toEqual([]);
        expect(ines.problems).toEqual([]);
        await i.context().close();

        const verified = await web.api.call<ChangeSummary[]>('GET', '/api/changes?state=verified');
        expect(verified.map((c) => String(c.id))).toContain(changeId);
        const versions = await web.api.call<{ message: string }[]>('GET', `/api/sites/${site.id}/versions`);
        expect(versions.map((v) => v.message)).toContain(
          `change request #${changeId}: Ouvrir la supervision <b>SMS</b>`,
        );
      });
    });
  }
});

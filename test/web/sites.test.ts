import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, DATABASES, login, newPage, noBrowser, useWebServer } from './support/index.js';

/** Polls wait for the server and the grid on a loaded machine (2 cores shared): bounded, but not 1 s. */
const SLOW = { timeout: 15_000 };

const siteIdByName = async (api: { call<T>(m: string, p: string): Promise<T> }, name: string) => {
  const sites = await api.call<{ id: number; name: string }[]>('GET', '/api/sites');
  const site = sites.find((s) => s.name === name);
  if (!site) throw new Error(`no site ${name}`);
  return site.id;
};

/** The editor's text (CodeMirror keeps it in its state; the DOM holds only the lines on screen). */
const editorText = (page: Page) =>
  page.evaluate(() => {
    const lines = [...document.querySelectorAll('.cm-content .cm-line')].map((l) => l.textContent ?? '');
    return lines.join('\n');
  });

describe.skipIf(noBrowser())('web: sign in, the shell and the sites', () => {
  for (const database of DATABASES) {
    describe(database, () => {
      const web = useWebServer(database);

      it('signs in with the keyboard, lists the example sites, switches language, and is axe-clean', async () => {
        const { page, problems } = await newPage(web.browser, web.server.url);
        await login(page, 'admin', 'correct horse battery staple 42');
        // The list arrives after the shell: wait for the link before counting it.
        await page
          .getByRole('link', { name: /hamilton-site/ })
          .first()
          .waitFor();
        expect(await page.getByRole('link', { name: /hamilton-site/ }).count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);
        await page.getByRole('button', { name: 'FR' }).click();
        await page.getByRole('link', { name: 'Catalogues' }).waitFor();
        expect(page.url()).toContain('lang=fr');
        expect(await page.getAttribute('html', 'lang')).toBe('fr');
        expect(await axeViolations(page)).toEqual([]);
        // A wrong password is refused with the server's message, on the page.
        await page.getByRole('button', { name: 'Se déconnecter' }).click();
        await page.getByLabel("Nom d'utilisateur").fill('admin');
        await page.getByLabel('Mot de passe').fill('wrong');
        await page.keyboard.press('Enter');
        await page.getByRole('alert').waitFor();
        expect(problems).toEqual([]);
        // The switch saved French for the user; the next tests start in English again.
        await web.api.call('PATCH', '/api/me', { locale: 'en' });
      });

      it('creates a site with the keyboard; the editor validates as you type and undoes', async () => {
        const { page, problems } = await newPage(web.browser, web.server.url);
        await login(page, 'admin', 'correct horse battery staple 42');
        await page.getByRole('link', { name: 'New site' }).focus();
        await page.keyboard.press('Enter');
        await page.getByLabel(/Site id/).focus();
        await page.keyboard.type('journey-site');
        await page.keyboard.press('Tab');
        await page.keyboard.type('hamilton');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { level: 1, name: 'Site journey-site' }).waitFor();
        // The starter validates (every role the catalog does not place is bound to the lan zone).
        await page.getByText('✓ valid').waitFor();
        // Typing a wrong value: the CLI's check, at its line and column, in the list and the gutter.
        await page.locator('.cm-content').click();
        await page.keyboard.press('ControlOrMeta+End');
        await page.keyboard.type('zzunknown: 12');
        const issues = page.getByTestId('issues');
        await expect
          .poll(async () => (await issues.textContent()) ?? '', { timeout: 10_000 })
          .toMatch(/\d+:\d+ — .*zzunknown/);
        expect(await page.locator('.cm-lint-marker-error').count()).toBeGreaterThan(0);
        // Undo (the editor's own history) takes it back, and the problem goes with it.
        for (let i = 0; i < 10 && /zzunknown/.test(await editorText(page)); i++)
          await page.keyboard.press('ControlOrMeta+z');
        expect(await editorText(page)).not.toMatch(/zzunknown/);
        await page.getByText('✓ valid').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
      });

      it('the editor flags an option its firewall’s target does not know, with the CLI’s did-you-mean', async () => {
        const id = await siteIdByName(web.api, 'exchange-2007-site');
        const { page, problems } = await newPage(web.browser, web.server.url);
        await login(page, 'admin', 'correct horse battery staple 42');
        await page.goto(`/#/sites/${id}`);
        await page.getByText('✓ valid').waitFor(SLOW);
        // The editor holds only the lines on screen: go down to the nftables firewall's platform with the keyboard.
        const { yaml } = await web.api.call<{ yaml: string }>('GET', `/api/sites/${id}`);
        const line = yaml.split('\n').findIndex((l) => l.trim() === 'platform: nftables');
        expect(line).toBeGreaterThan(0);
        await page.locator('.cm-content').click();
        await page.keyboard.press('ControlOrMeta+Home');
        for (let i = 0; i < line; i++) await page.keyboard.press('ArrowDown');
        await page.keyboard.press('End');
        await page.keyboard.press('Enter');
        await page.keyboard.type('options: { counter: true }');
        const issues = page.getByTestId('issues');
        await expect
          .poll(async () => (await issues.textContent()) ?? '', SLOW)
          .toMatch(/\d+:\d+ — unknown option "counter" for target nftables — did you mean "counters"\?/);
        expect(await page.locator('.cm-lint-marker-error').count()).toBeGreaterThan(0);
        expect(problems).toEqual([]);
      });

      it('enables a feature in the form, sees the YAML follow, saves, and finds the new rows in the matrix', async () => {
        const id = await siteIdByName(web.api, 'hamilton-site');
        const before = await web.api.call<{ total: number }>('GET', `/api/sites/${id}/matrix?limit=0`);
        const { page, problems } = await newPage(web.browser, web.server.url);
        await login(page, 'admin', 'correct horse battery staple 42');
        await page.goto(`/#/sites/${id}`);
        const box = page.getByRole('checkbox', { name: /access-control/ });
        await box.focus();
        await page.keyboard.press('Space');
        await expect.poll(() => editorText(page), SLOW).toMatch(/access-control: true/);
        // A YAML edit refreshes the form: the box is ticked because the text says so.
        expect(await box.isChecked()).toBe(true);
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByText(/saved \(version 2\)/).waitFor();
        await page.getByRole('link', { name: 'Matrix', exact: true }).click();
        const count = page.getByTestId('matrix-count');
        await expect.poll(async () => (await count.textContent()) ?? '', SLOW).toMatch(/\d+ rows/);
        const shown = Number(((await count.textContent()) ?? '').replace(/\D/g, ''));
        expect(shown).toBeGreaterThan(before.total);
        expect(problems).toEqual([]);
      });

      it('a second writer is told and shown the diff (409), never overwriting silently', async () => {
        const id = await siteIdByName(web.api, 'lync-2013-edge-site');
        const { page, problems } = await newPage(web.browser, web.server.url);
        await login(page, 'admin', 'correct horse battery staple 42');
        await page.goto(`/#/sites/${id}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.locator('.cm-content').waitFor();
        const site = await web.api.call<{ yaml: string; version: number }>('GET', `/api/sites/${id}`);
        await web.api.call('PUT', `/api/sites/${id}`, {
          yaml: `# edited elsewhere\n${site.yaml}`,
          baseVersion: site.version,
        });
        await page.locator('.cm-content').click();
        await page.keyboard.press('ControlOrMeta+Home');
        await page.keyboard.type('# mine\n');
        await page.getByRole('button', { name: 'Save' }).click();
        const alert = page.getByRole('alert').filter({ hasText: 'Someone saved this site before you' });
        await alert.waitFor();
        expect(await page.getByTestId('conflict-diff').textContent()).toContain('+ # edited elsewhere');
        await page.getByRole('button', { name: 'Save mine over theirs' }).click();
        await page.getByText(/saved \(version 3\)/).waitFor();
        expect(problems).toEqual([]);
      });

      it('renders hostile names from YAML as text: no script runs, forms and editor intact', async () => {
        const hostile = '<img src=x onerror=alert(1)>';
        const yaml = [
          'id: hostile',
          `title: "${hostile}"`,
          'catalogs:',
          '  - catalog: lync-2013-edge',
          '    roles:',
          `      edge-access: "${hostile}"`,
          ...[
            'edge-webconf',
            'edge-av',
            'edge-internal',
            'front-end',
            'director',
            'survivable-branch',
            'reverse-proxy',
          ].map((r) => `      ${r}: "<script>alert(2)</script>"`),
          'zones:',
          '  "<script>alert(2)</script>":',
          '    kind: internal',
          '    cidrs: [10.0.0.0/8]',
          '  internet: { kind: external, default: true }',
          'hosts:',
          `  "${hostile}": { address: 10.0.0.1 }`,
          '',
        ].join('\n');
        const created = await web.api.call<{ id: number }>('POST', '/api/sites', { name: hostile, yaml });
        const { page, problems } = await newPage(web.browser, web.server.url);
        await login(page, 'admin', 'correct horse battery staple 42');
        // The list arrives after the shell: wait for the link before counting it.
        await page.getByRole('link', { name: hostile }).first().waitFor();
        expect(await page.getByRole('link', { name: hostile }).count()).toBe(1);
        await page.goto(`/#/sites/${created.id}`);
        await page.getByRole('group', { name: '<script>alert(2)</script>' }).waitFor();
        await page.getByRole('group', { name: hostile }).waitFor();
        expect(await page.locator('main img, main script').count()).toBe(0);
        expect(problems).toEqual([]);
      });
    });
  }
});

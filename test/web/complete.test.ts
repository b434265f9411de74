import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { MatrixResponse, RulesResponse, SiteSummary } from '../../src/server/api-types.js';
import { storeCatalogUpdate } from '../server/catalog-update.js';
import { hostileHamilton } from './hostile-site.js';
import { arrowSelect, tabTo } from './keyboard.js';
import {
  ADMIN_PASSWORD,
  axeViolations,
  DATABASES,
  inLang,
  login,
  newPage,
  noBrowser,
  useWebServer,
} from './support/index.js';
import { sqlProbeReport } from './support/probe-report.js';

/** Polls wait for the server and the grid on a loaded machine (2 cores shared): bounded, but not 1 s. */
const SLOW = { timeout: 15_000 };

/** The editor's text (CodeMirror keeps it in its state; the DOM holds the lines on screen, all of them here). */
const editorText = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.cm-content .cm-line')].map((l) => l.textContent ?? '').join('\n'),
  );

const countOf = async (page: Page): Promise<number> =>
  Number(
    (((await page.getByTestId('matrix-count').textContent()) ?? '').split(/ of | sur /)[0] ?? '').replace(/\D/g, ''),
  );

/**
 * The main journeys with the keyboard alone, in French and in English (create a site, enable a feature, see
 * the new rows, choose columns and export exactly them to CSV and XLSX, generate and download rules), the YAML
 * editor and the forms in step both ways, and the history of a catalog with the diff of two versions.
 */
describe.skipIf(noBrowser())('web: the main journeys, keyboard only, in both languages', () => {
  for (const database of DATABASES) {
    describe(database, () => {
      const web = useWebServer(database);
      const siteId = async (name: string) =>
        (await web.api.call<SiteSummary[]>('GET', '/api/sites')).find((x) => x.name === name)?.id as number;

      for (const lang of ['fr', 'en'] as const) {
        const w = inLang(lang);
        it(`creates a site, enables a feature, sees the new rows, exports the chosen columns, adds a firewall, downloads and copies its rules (${lang})`, async () => {
          const { page, problems } = await newPage(web.browser, web.server.url, lang);
          await login(page, 'admin', ADMIN_PASSWORD, lang);
          const siteName = `kb-${lang}`;
          // Create the site from the list, Tab and Enter only.
          await tabTo(page, page.getByRole('link', { name: w('Nouveau site', 'New site') }));
          await page.keyboard.press('Enter');
          await tabTo(page, page.getByLabel(w('Identifiant du site', 'Site id'), { exact: false }));
          await page.keyboard.type(siteName);
          await page.keyboard.press('Tab');
          await page.keyboard.type('hamilton');
          await tabTo(page, page.getByRole('button', { name: w('Créer le site', 'Create the site') }));
          await page.keyboard.press('Enter');
          await page.getByRole('heading', { level: 1, name: `Site ${siteName}` }).waitFor();
          await page.getByText(`✓ ${w('valide', 'valid')}`).waitFor();
          const site = (await web.api.call<SiteSummary[]>('GET', '/api/sites')).find((s) => s.name === siteName);
          expect(site).toBeDefined();
          const before = await web.api.call<MatrixResponse>('GET', `/api/sites/${site?.id}/matrix?limit=0`);

          // Enable a feature in the form (Space), save (Enter on the button): the YAML followed, the rows grew.
          const box = page.getByRole('checkbox', { name: /\bsms\b/ });
          expect(await box.isChecked()).toBe(false);
          await tabTo(page, box, 300);
          await page.keyboard.press('Space');
          await expect.poll(() => editorText(page), SLOW).toMatch(/sms: true/);
          // A firewall between the two zones, added in the form (its name, then Enter).
          await tabTo(page, page.getByLabel(w('Nom du nouveau pare-feu', 'New firewall name')), 400);
          await page.keyboard.type('fw-kb');
          await page.keyboard.press('Enter');
          await page.getByRole('group', { name: 'fw-kb' }).waitFor();
          await tabTo(page, page.getByRole('button', { name: w('Enregistrer', 'Save') }), 400);
          await page.keyboard.press('Enter');
          await page.getByText(w('enregistré (version 2)', 'saved (version 2)')).waitFor();
          await tabTo(page, page.getByRole('link', { name: w('Matrice', 'Matrix'), exact: true }));
          await page.keyboard.press('Enter');
          await expect.poll(() => countOf(page), SLOW).toBeGreaterThan(before.total);
          const total = await countOf(page);

          // Choose columns with the keyboard: two columns off; the URL holds the choice.
          const columns = before.columns;
          const [, off1, off2] = columns;
          if (!off1 || !off2) throw new Error('the matrix has fewer than three columns');
          const headersBefore = await page.getByRole('columnheader').count();
          await tabTo(page, page.locator('summary', { hasText: w('Colonnes', 'Columns') }));
          await page.keyboard.press('Enter');
          for (const col of [off1, off2]) {
            const colBox = page.getByRole('checkbox', { name: (await labelOf(col.key)) ?? col.label, exact: true });
            await tabTo(page, colBox);
            await page.keyboard.press('Space');
            await expect.poll(() => page.url(), SLOW).toContain('columns=');
          }
          const kept = columns.filter((c) => c !== off1 && c !== off2).map((c) => c.key);
          await expect.poll(() => decodeURIComponent(page.url()), SLOW).toContain(`columns=${kept.join(',')}`);
          await expect.poll(() => page.getByRole('columnheader').count(), SLOW).toBe(headersBefore - 2);

          // Export: the link followed with Enter downloads exactly the rows and columns shown, CSV and XLSX.
          for (const format of ['CSV', 'Excel (XLSX)']) {
            await tabTo(page, page.getByRole('link', { name: format, exact: true }));
            const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
            const bytes = readFileSync(await download.path());
            if (format === 'CSV') {
              const lines = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes).trim().split('\r\n');
              expect(lines[0]?.split(lang === 'fr' ? ';' : ',')).toEqual(kept);
              expect(lines.length - 1).toBe(total);
            } else {
              const ExcelJS = (await import('exceljs')).default;
              const book = new ExcelJS.Workbook();
              await book.xlsx.load(
                bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
              );
              const sheet = book.worksheets[0];
              expect(sheet?.rowCount).toBe(total + 1);
              expect(sheet?.getRow(1).cellCount).toBe(kept.length);
            }
          }

          // Generate: the rules of a firewall, chosen and downloaded with the keyboard.
          await tabTo(page, page.getByRole('link', { name: w('Règles', 'Rules'), exact: true }));
          await page.keyboard.press('Enter');
          await tabTo(page, page.getByRole('button', { name: /fw-kb/ }));
          await page.keyboard.press('Enter');
          const rules = await web.api.call<RulesResponse>(
            'GET',
            `/api/sites/${site?.id}/rules/fw-kb/nftables?lang=${lang}`,
          );
          const link = page.getByRole('link', {
            name: new RegExp(`${w('Télécharger', 'Download')} ${rules.filename}`),
          });
          await tabTo(page, link);
          const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
          expect(readFileSync(await download.path(), 'utf8')).toBe(rules.text);
          // Copy: the same text lands on the clipboard, and the screen says so.
          await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.server.url });
          await tabTo(page, page.getByRole('button', { name: w('Copier', 'Copy'), exact: true }));
          await page.keyboard.press('Enter');
          await page
            .getByRole('status')
            .filter({ hasText: w('Copié', 'Copied') })
            .waitFor();
          expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(rules.text);
          expect(problems).toEqual([]);
          await page.context().close();

          async function labelOf(key: string): Promise<string | undefined> {
            const localized = await web.api.call<MatrixResponse>(
              'GET',
              `/api/sites/${site?.id}/matrix?limit=0&lang=${lang}`,
            );
            return localized.columns.find((c) => c.key === key)?.label;
          }
        });
      }

      it('keeps the YAML editor and the forms in step, both ways', async () => {
        const sites = await web.api.call<SiteSummary[]>('GET', '/api/sites');
        const id = sites.find((s) => s.name === 'exchange-2007-site')?.id;
        const { page, problems } = await newPage(web.browser, web.server.url);
        await login(page, 'admin', ADMIN_PASSWORD);
        await page.goto(`/#/sites/${id}`);
        await page.locator('.cm-content').waitFor();
        const site = await web.api.call<{ yaml: string; version: number }>('GET', `/api/sites/${id}`);
        const zone = /^zones:\n {2}([\w.-]+):/m.exec(site.yaml)?.[1];
        expect(zone).toBeDefined();
        // YAML → forms: a new zone typed into the editor appears as its own group of fields.
        await page.locator('.cm-content').click();
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.insertText(
          site.yaml.replace(/^zones:\n/m, 'zones:\n  typed-zone:\n    kind: internal\n    cidrs: [192.0.2.0/24]\n'),
        );
        await page.getByRole('group', { name: 'typed-zone' }).waitFor();
        expect(await page.getByLabel('Addresses of zone typed-zone (CIDR, comma separated)').inputValue()).toBe(
          '192.0.2.0/24',
        );
        // Forms → YAML: the addresses changed in the form are written into the text (the editor's text is saved).
        const cidrs = page.getByLabel(`Addresses of zone ${zone} (CIDR, comma separated)`);
        await cidrs.focus();
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type('198.51.100.0/24');
        await page.keyboard.press('Enter');
        // A parameter, a new host with its address, a new group holding it: each field commits on Enter.
        const commit = async (label: string, value: string) => {
          await page.getByLabel(label, { exact: true }).focus();
          await page.keyboard.press('ControlOrMeta+A');
          await page.keyboard.type(value);
          await page.keyboard.press('Enter');
        };
        await commit('Dynamic RPC range start (rpc_dynamic_low)', '57500');
        await commit('New host name', 'kb-host');
        await commit('Addresses of host kb-host', '192.0.2.7');
        await commit('New group name', 'kb-group');
        await commit('Members of group kb-group', 'kb-host');
        await expect.poll(() => editorText(page), SLOW).toContain('rpc_dynamic_low: 57500');
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByText(`saved (version ${site.version + 1})`).waitFor();
        const saved = await web.api.call<{ yaml: string }>('GET', `/api/sites/${id}`);
        const doc = parse(saved.yaml);
        expect(doc.catalogs[0].parameters.rpc_dynamic_low).toBe(57500);
        expect([doc.hosts['kb-host'].address].flat()).toEqual(['192.0.2.7']);
        expect(doc.groups['kb-group']).toEqual(['kb-host']);
        expect(saved.yaml).toMatch(/typed-zone:\n {4}kind: internal\n {4}cidrs: \[ ?192\.0\.2\.0\/24 ?\]/);
        expect(saved.yaml).toMatch(new RegExp(`\\n  ${zone}:\\n(    .*\\n)*?    cidrs: (\\[ ?)?198\\.51\\.100\\.0/24`));
        expect(problems).toEqual([]);
        await page.context().close();
      });

      it('attaches an imported probe report to a change request as evidence, keyboard only (in French)', async () => {
        const sites = await web.api.call<SiteSummary[]>('GET', '/api/sites');
        const site = sites.find((x) => x.name === 'hamilton-site') as SiteSummary;
        const current = await web.api.call<{ yaml: string }>('GET', `/api/sites/${site.id}`);
        const report = sqlProbeReport('PASS');
        const run = await web.api.call<{ runId: number }>('POST', `/api/sites/${site.id}/probe-reports`, { report });
        const change = await web.api.call<{ id: number }>('POST', '/api/changes', {
          siteId: site.id,
          title: 'Sonde SQL',
          description: 'Preuve par sonde',
          yaml: current.yaml,
        });
        const { page, problems } = await newPage(web.browser, web.server.url, 'fr');
        await login(page, 'admin', ADMIN_PASSWORD, 'fr');
        await page.goto(`/#/changes/${change.id}?lang=fr`);
        await page.getByRole('heading', { level: 1, name: /Sonde SQL/ }).waitFor();
        const select = page.getByLabel('Exécution à joindre');
        await tabTo(page, select);
        await arrowSelect(page, select, String(run.runId));
        await tabTo(page, page.getByRole('button', { name: 'Joindre', exact: true }));
        await page.keyboard.press('Enter');
        const item = page.locator(`li[data-run="${run.runId}"]`);
        await item.waitFor();
        // The run's kind in French words (it was the API's 'probe').
        expect(await item.textContent()).toContain('(rapport de sondes)');
        await tabTo(page, item.getByRole('button'));
        await page.keyboard.press('Enter');
        await page.locator('tr[data-status="PASS"]').first().waitFor();
        expect(await page.locator('tr[data-status="PASS"]').first().textContent()).toContain('connexion établie');
        expect(await axeViolations(page)).toEqual([]);
        const saved = await web.api.call<{ evidence: { runId: number; kind: string }[] }>(
          'GET',
          `/api/changes/${change.id}`,
        );
        expect(saved.evidence).toContainEqual(expect.objectContaining({ runId: run.runId, kind: 'probe' }));
        expect(problems).toEqual([]);
        await page.context().close();
      });

      it('suppresses an audit finding with the keyboard alone, written back into the site (in French)', async () => {
        const sites = await web.api.call<SiteSummary[]>('GET', '/api/sites');
        const site = sites.find((x) => x.name === 'exchange-2007-site') as SiteSummary;
        const before = await web.api.call<{ version: number }>('GET', `/api/sites/${site.id}`);
        const { page, problems } = await newPage(web.browser, web.server.url, 'fr');
        await login(page, 'admin', ADMIN_PASSWORD, 'fr');
        await page.goto(`/#/sites/${site.id}/audit?lang=fr`);
        await page.getByRole('heading', { level: 1, name: 'Constats d’audit' }).waitFor();
        const row = page.locator('tr[data-finding]').first();
        const rule = (await row.locator('code').first().textContent()) ?? '';
        await tabTo(page, row.getByRole('button', { name: 'Suspendre…' }));
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: `Suspendre ${rule}` }).waitFor();
        // The form takes the focus where the user types next: the justification.
        expect(await page.getByLabel('Justification').evaluate((el) => el === document.activeElement)).toBe(true);
        await page.keyboard.type('Accepté par le CAB jusqu’au remplacement');
        await tabTo(page, page.getByRole('button', { name: 'Enregistrer la suspension' }));
        await page.keyboard.press('Enter');
        await page.getByText(`Suspension écrite dans le site, version ${before.version + 1}.`).waitFor();
        const saved = await web.api.call<{ yaml: string }>('GET', `/api/sites/${site.id}`);
        expect(saved.yaml).toContain('justification: Accepté par le CAB jusqu’au remplacement');
        expect(saved.yaml).toContain(`rule: ${rule}`);
        expect(problems).toEqual([]);
        await page.context().close();
      });

      it('compares two versions that are not neighbours, picked with the arrow keys (site history)', async () => {
        // Its own site, three versions: each later one adds a line.
        const { yaml } = await web.api.call<{ yaml: string }>('GET', `/api/sites/${await siteId('hamilton-site')}`);
        const site = await web.api.call<{ id: number }>('POST', '/api/sites', { name: 'three-versions', yaml });
        let text = yaml;
        for (const [version, line] of [
          [1, '# second'],
          [2, '# third'],
        ] as const) {
          text = `${text}${line}\n`;
          await web.api.call('PUT', `/api/sites/${site.id}`, { yaml: text, baseVersion: version });
        }
        const latest = 3;
        const { page, problems } = await newPage(web.browser, web.server.url);
        await login(page, 'admin', ADMIN_PASSWORD);
        await page.goto(`/#/sites/${site.id}/history`);
        // "From" starts on the version before the latest; the arrow keys move it down the list to version 1.
        await tabTo(page, page.getByLabel(`Compare from version ${latest - 1}`));
        for (let i = 0; i < latest - 2; i++) await page.keyboard.press('ArrowDown');
        expect(await page.getByLabel('Compare from version 1').isChecked()).toBe(true);
        await tabTo(page, page.getByRole('button', { name: 'Compare' }));
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: `Version 1 → version ${latest}` }).waitFor();
        expect(page.url()).toContain(`from=1&to=${latest}`);
        // Tabs as WAI-ARIA has them: Tab reaches the selected one, the arrows move to the next.
        await tabTo(page, page.getByRole('tab', { name: 'Matrix rows' }));
        await page.keyboard.press('ArrowRight');
        await page.locator('[data-op="add"]').first().waitFor();
        const added = (await page.locator('[data-op="add"]').allTextContents()).join('\n');
        // Both later versions are in the one diff.
        expect(added).toContain('# second');
        expect(added).toContain('# third');
        expect(problems).toEqual([]);
        await page.context().close();
      });

      it('tells a viewer why they cannot create or save a site, instead of offering what the server refuses', async () => {
        await web.api.call('POST', '/api/users', {
          username: 'vera',
          password: 'a long viewer password 1',
          role: 'viewer',
        });
        const id = await siteId('hamilton-site');
        for (const lang of ['en', 'fr'] as const) {
          const { page, problems } = await newPage(web.browser, web.server.url, lang);
          await login(page, 'vera', 'a long viewer password 1', lang);
          await page.getByText(lang === 'fr' ? /Vous pouvez lire les sites/ : /You can read the sites/).waitFor();
          expect(await page.getByRole('link', { name: lang === 'fr' ? 'Nouveau site' : 'New site' }).count()).toBe(0);
          await page.goto(`/#/sites/${id}?lang=${lang}`);
          await page.getByText(lang === 'fr' ? /^Lecture seule/ : /^Read only/).waitFor();
          expect(await page.getByRole('button', { name: lang === 'fr' ? 'Enregistrer' : 'Save' }).count()).toBe(0);
          expect(await axeViolations(page)).toEqual([]);
          expect(problems).toEqual([]);
          await page.context().close();
        }
      });

      it('fits a narrow screen (390 px): wide tables scroll in their own box, keep their role, axe-clean', async () => {
        // Long names from YAML make the tables wide (the hostile Hamilton: its DMZ and WEB host names).
        const { id } = await web.api.call<{ id: number }>('POST', '/api/sites', {
          name: 'narrow',
          yaml: hostileHamilton(),
        });
        const { page, problems } = await newPage(web.browser, web.server.url);
        await page.setViewportSize({ width: 390, height: 800 });
        await login(page, 'admin', ADMIN_PASSWORD);
        for (const path of [`/sites/${id}`, `/sites/${id}/zones`, `/sites/${id}/audit`, '/catalogs/hamilton']) {
          await page.goto(`/#${path}`);
          await page.locator('main h1').first().waitFor();
          await page.waitForLoadState('networkidle');
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect.soft(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(1);
          // A page's tables come with its data, after the heading: wait for the first (a loaded CI machine took longer
          // than networkidle, and the count read 0 once), then count.
          if (!path.endsWith(`/sites/${id}`)) {
            await page.getByRole('table').first().waitFor({ timeout: 15_000 });
            expect.soft(await page.getByRole('table').count(), path).toBeGreaterThan(0);
          }
          expect.soft(await axeViolations(page), path).toEqual([]);
        }
        expect(problems).toEqual([]);
        await page.context().close();
      });

      it('shows the history of a catalog and the diff of two versions, rows and text (in French)', async () => {
        await storeCatalogUpdate(web.server.store);
        const { page, problems } = await newPage(web.browser, web.server.url, 'fr');
        await login(page, 'admin', ADMIN_PASSWORD, 'fr');
        await page.goto('/#/catalogs/hamilton?lang=fr');
        await tabTo(page, page.getByRole('link', { name: /Historique de ce catalogue/ }));
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { level: 1, name: 'Historique de hamilton' }).waitFor();
        expect(await page.getByLabel('Comparer depuis la version 1').isChecked()).toBe(true);
        expect(await page.getByLabel('Comparer avec la version 2').isChecked()).toBe(true);
        await tabTo(page, page.getByRole('button', { name: 'Comparer' }));
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: 'Version 1 → version 2' }).waitFor();
        await page.locator('[data-report="diff"] tbody tr').first().waitFor();
        expect(await page.locator('[data-report="diff"]').textContent()).toContain('1434');
        expect(await axeViolations(page)).toEqual([]);
        await page.getByRole('tab', { name: 'Texte YAML' }).click();
        await page.locator('[data-op="del"]').first().waitFor();
        expect(await page.locator('[data-op="del"]').allTextContents()).toEqual([expect.stringContaining('tcp/1433')]);
        expect(await page.locator('[data-op="add"]').allTextContents()).toEqual([expect.stringContaining('tcp/1434')]);
        expect(await axeViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
        await page.context().close();
      });
    });
  }
});

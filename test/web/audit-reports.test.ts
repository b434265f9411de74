import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditResponse, RulesResponse, Site, SiteSummary, VersionEntry } from '../../src/server/api-types.js';
import { axeViolations, DATABASES, login, newPage, noBrowser, useWebServer } from './support/index.js';
import { sqlProbeReport } from './support/probe-report.js';

/**
 * The audit, rules, verify + probe and history screens over the seeded Hamilton example: one server and one
 * Chromium for the file, in English and in French, axe-clean on every screen.
 */
describe.skipIf(noBrowser())('web: audit, rules, verify and probe, history', () => {
  for (const database of DATABASES) {
    describe(database, () => {
      const web = useWebServer(database);
      let site: SiteSummary;
      beforeAll(async () => {
        const sites = await web.api.call<SiteSummary[]>('GET', '/api/sites');
        site = sites.find((s) => s.name === 'hamilton-site') as SiteSummary;
        expect(site).toBeDefined();
      });

      it('audit: filters by severity and text, groups by rule, suppresses a finding into a new site version', async () => {
        const { findings } = await web.api.call<AuditResponse>('GET', `/api/sites/${site.id}/audit?lang=en`);
        const active = findings.filter((f) => !f.suppressed);
        const target = active.find((f) => f.flow) ?? active[0];
        expect(target).toBeDefined();
        if (!target) return;
        const { page, problems } = await newPage(web.browser, web.server.url);
        await login(page, 'admin', 'correct horse battery staple 42');
        await page.goto(`/#/sites/${site.id}/audit?lang=en`);
        await page.getByRole('heading', { level: 1, name: 'Audit findings' }).waitFor();
        await page.getByText(`${active.length} of ${findings.length} findings shown`).waitFor();

        await page.getByLabel('Severity').selectOption(target.severity);
        const sameSeverity = active.filter((f) => f.severity === target.severity).length;
        await page.getByText(`${sameSeverity} of ${findings.length} findings shown`).waitFor();
        const shownSeverities = await page
          .locator('tr[data-finding] .fm-sev')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
        expect(new Set(shownSeverities)).toEqual(new Set([target.severity]));
        await page.getByLabel('Severity').selectOption('');
        await page.getByLabel('Search').fill(target.rule);
        await page.getByLabel('Group by').selectOption('rule');
        await page.getByRole('heading', { level: 2, name: new RegExp(`^${target.rule} \\(`) }).waitFor();
        expect(await axeViolations(page)).toEqual([]);

        const row = page.locator(`tr[data-finding="${target.id}"]`);
        await row.getByRole('button', { name: /Suppress/ }).click();
        await page.getByRole('heading', { name: `Suppress ${target.rule}` }).waitFor();
        await page.getByLabel('Justification').fill('Accepted by the CAB until the relay is replaced');
        await page.getByLabel('Expires on').fill('2099-12-31');
        expect(await page.getByLabel('Owner').inputValue()).toBe('admin');
        await page.getByRole('button', { name: 'Save suppression' }).click();
        await page.getByText(`Suppression written into the site as version ${site.version + 1}.`).waitFor();

        const saved = await web.api.call<Site>('GET', `/api/sites/${site.id}`);
        expect(saved.version).toBe(site.version + 1);
        expect(saved.yaml).toContain('justification: Accepted by the CAB until the relay is replaced');
        expect(saved.yaml).toContain(`rule: ${target.rule}`);
        // Suppressed findings leave the default view and come back, marked in words, on request.
        await expect.poll(() => row.count()).toBe(0);
        await page.getByLabel('Show suppressed findings').check();
        await expect.poll(() => row.textContent()).toContain('suppressed by admin until 2099-12-31');
        expect(problems).toEqual([]);
        await page.context().close();
      });

      it('rules (in French): numbered text, the download is the text, the target’s findings', async () => {
        const { page, problems } = await newPage(web.browser, web.server.url, 'fr');
        await login(page, 'admin', 'correct horse battery staple 42', 'fr');
        await page.goto(`/#/sites/${site.id}/rules?lang=fr&firewall=fw-internal`);
        await page.getByRole('heading', { level: 1, name: 'Règles générées' }).waitFor();
        expect(await page.getByRole('button', { name: /fw-internal/ }).getAttribute('aria-pressed')).toBe('true');
        expect(await page.getByLabel('Cible', { exact: true }).inputValue()).toBe('nftables');
        const api = await web.api.call<RulesResponse>(
          'GET',
          `/api/sites/${site.id}/rules/fw-internal/nftables?lang=fr`,
        );
        const code = page.getByRole('region', { name: `Règles de ${api.filename}, avec numéros de ligne` });
        await code.waitFor();
        const lines = api.text.replace(/\n$/, '').split('\n');
        expect(await code.locator('.fm-line').count()).toBe(lines.length);
        // The gutter holds the number (outside the selection), then the line as generated.
        expect(await code.locator('.fm-line').last().textContent()).toBe(`${lines.length}${lines.at(-1)}\n`);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: new RegExp(`Télécharger ${api.filename}`) }).click(),
        ]);
        expect(download.suggestedFilename()).toBe(api.filename);
        expect(readFileSync(await download.path(), 'utf8')).toBe(api.text);
        await page.getByRole('heading', { level: 3, name: 'Constats de cette cible' }).waitFor();
        expect(await axeViolations(page)).toEqual([]);
        // Another target for the same firewall, chosen from the list.
        await page.getByLabel('Cible', { exact: true }).selectOption('iptables');
        await page.getByRole('region', { name: /Règles de .*iptables|Règles de fw-internal/ }).waitFor();
        expect(problems).toEqual([]);
        await page.context().close();
      });

      it('verify: the generated rules pasted back are permitted row by row, with file:line; a probe report imported', async () => {
        const rules = await web.api.call<RulesResponse>('GET', `/api/sites/${site.id}/rules/fw-internal/nftables`);
        const { page, problems } = await newPage(web.browser, web.server.url);
        await login(page, 'admin', 'correct horse battery staple 42');
        await page.goto(`/#/sites/${site.id}/verify?lang=en`);
        await page.getByRole('heading', { level: 1, name: 'Verify and probe' }).waitFor();
        await page.getByLabel('Firewall', { exact: true }).selectOption('fw-internal');
        await page.getByLabel('Configuration format').selectOption('nft');
        await page.getByLabel('Or paste the configuration').fill(rules.text);
        await page.getByRole('button', { name: 'Verify', exact: true }).click();
        await page.getByRole('heading', { name: 'Matrix rows' }).waitFor();
        const verdicts = await page
          .locator('tr[data-verdict]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-verdict')));
        expect(verdicts.length).toBeGreaterThan(0);
        expect(new Set(verdicts)).toEqual(new Set(['permitted']));
        // The deciding rule is named by file and line, with its text.
        expect(await page.locator('tr[data-verdict] td:nth-child(3) code').first().textContent()).toMatch(
          /^pasted\.conf:\d+$/,
        );
        await page.getByText(/Stored as run \d+\./).waitFor();
        expect(await axeViolations(page)).toEqual([]);

        const report = sqlProbeReport('FAIL');
        const file = join(tmpdir(), `probe-${process.pid}.json`);
        writeFileSync(file, JSON.stringify(report));
        await page.getByRole('tab', { name: 'Import a probe report' }).click();
        await page.getByLabel(/Probe report/).setInputFiles(file);
        await page.getByRole('button', { name: 'Import' }).click();
        const failed = page.locator('tr[data-status="FAIL"]');
        await failed.waitFor();
        expect(await failed.textContent()).toContain('connection refused');
        expect(await failed.textContent()).toContain('WEB to SQL');
        expect(await axeViolations(page)).toEqual([]);

        await page.getByRole('tab', { name: 'Past runs' }).click();
        await page.getByRole('button', { name: /Open/ }).first().waitFor();
        expect(await page.getByRole('button', { name: /Open/ }).count()).toBe(2);
        await page.getByRole('button', { name: /Open/ }).first().click();
        await page.locator('tr[data-status="FAIL"]').waitFor();
        expect(problems).toEqual([]);
        await page.context().close();
      });

      it('history: two versions compared, matrix rows by class and the YAML text', async () => {
        const current = await web.api.call<Site>('GET', `/api/sites/${site.id}`);
        const yaml = current.yaml.replace('      sms: true', '      sms: false');
        expect(yaml).not.toBe(current.yaml);
        await web.api.call('PUT', `/api/sites/${site.id}`, { yaml, baseVersion: current.version, message: 'no SMS' });
        const versions = await web.api.call<VersionEntry[]>('GET', `/api/sites/${site.id}/versions`);
        const latest = Math.max(...versions.map((v) => v.version));

        const { page, problems } = await newPage(web.browser, web.server.url, 'fr');
        await login(page, 'admin', 'correct horse battery staple 42', 'fr');
        await page.goto(`/#/sites/${site.id}/history?lang=fr`);
        await page.getByRole('heading', { level: 1, name: `Historique de ${site.name}` }).waitFor();
        expect(await page.getByLabel(`Comparer avec la version ${latest}`).isChecked()).toBe(true);
        expect(await page.getByLabel(`Comparer depuis la version ${latest - 1}`).isChecked()).toBe(true);
        await page.getByRole('button', { name: 'Comparer' }).click();
        await page.getByRole('heading', { name: `Version ${latest - 1} → version ${latest}` }).waitFor();
        await page.locator('li[data-class="closed"]').waitFor();
        expect(await page.locator('tr[data-class="closed"]').count()).toBeGreaterThan(0);
        expect(page.url()).toContain(`from=${latest - 1}`);
        expect(await axeViolations(page)).toEqual([]);
        await page.getByRole('tab', { name: 'Texte YAML' }).click();
        const del = page.locator('[data-op="del"]');
        await del.first().waitFor();
        expect(await del.allTextContents()).toEqual([expect.stringContaining('sms: true')]);
        expect(await page.locator('[data-op="add"]').allTextContents()).toEqual([
          expect.stringContaining('sms: false'),
        ]);
        expect(await axeViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
        await page.context().close();
      });
    });
  }
});

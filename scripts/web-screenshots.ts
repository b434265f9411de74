/**
 * `npx tsx scripts/web-screenshots.ts`: screenshots of the main screens into `docs/screenshots/*.png`, taken in
 * Debian's Chromium from the real server over a fresh embedded database seeded with the example sites.
 */
import { mkdirSync } from 'node:fs';
import { launchChromium, login, newPage } from '../test/web/support/browser.js';
import { ApiClient } from '../test/web/support/index.js';
import { ADMIN_PASSWORD, startServer } from '../test/web/support/server.js';

const out = new URL('../docs/screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launchChromium();
try {
  const api = await ApiClient.login(server.url, 'admin', ADMIN_PASSWORD);
  const sites = await api.call<{ id: number; name: string }[]>('GET', '/api/sites');
  const id = sites.find((s) => s.name === 'hamilton-site')?.id;
  // A second version (SMS off), a change request with a comment, and a verify run, so those screens have content.
  const site = await api.call<{ yaml: string; version: number }>('GET', `/api/sites/${id}`);
  const noSms = site.yaml.replace('      sms: true', '      sms: false');
  await api.call('PUT', `/api/sites/${id}`, { yaml: noSms, baseVersion: site.version, message: 'SMS module off' });
  const change = await api.call<{ id: number }>('POST', '/api/changes', {
    siteId: id,
    title: 'Turn the SMS module back on for the reception desks',
    description: 'Visitors get their badge code by SMS again.',
    yaml: site.yaml,
  });
  await api.call('POST', `/api/changes/${change.id}/transition`, { to: 'submitted' });
  await api.call('POST', `/api/changes/${change.id}/comments`, { text: 'Provider contract renewed in March.' });
  const rules = await api.call<{ text: string }>('GET', `/api/sites/${id}/rules/fw-internal/nftables`);
  const run = await api.call<{ runId: number }>('POST', `/api/sites/${id}/verify`, {
    firewall: 'fw-internal',
    format: 'nft',
    files: [{ name: 'fw-internal.nft', text: rules.text }],
  });
  await api.call('POST', `/api/changes/${change.id}/evidence`, { runId: run.runId });
  const { page } = await newPage(browser, server.url);
  await page.setViewportSize({ width: 1280, height: 800 });
  await login(page, 'admin', ADMIN_PASSWORD);
  // Before the shot: what a user would do to get there (the verify screen's past run, opened).
  const before: Record<string, () => Promise<void>> = {
    verify: async () => {
      await page.getByRole('tab', { name: 'Past runs' }).click();
      await page.getByRole('button', { name: /Open/ }).first().click();
    },
  };
  const shots: [string, string, string][] = [
    ['sites', '/#/sites', 'h1'],
    ['site-editor', `/#/sites/${id}`, '.cm-content'],
    ['matrix', `/#/sites/${id}/matrix?sort=zone_to:asc`, '.grid-table tbody td'],
    ['zones', `/#/sites/${id}/zones`, 'table'],
    ['topology', `/#/sites/${id}/topology`, 'table'],
    ['catalog', '/#/catalogs/hamilton?tab=features&lang=fr', 'table'],
    ['audit', `/#/sites/${id}/audit`, 'tr[data-finding]'],
    ['rules', `/#/sites/${id}/rules?firewall=fw-internal`, '.fm-line'],
    ['verify', `/#/sites/${id}/verify`, 'tr[data-verdict]'],
    ['history', `/#/sites/${id}/history?from=${site.version}&to=${site.version + 1}`, '[data-report="diff"]'],
    ['changes', '/#/changes', 'table'],
    ['change-request', `/#/changes/${change.id}`, '[aria-current="step"]'],
    ['admin', '/#/admin?section=log&lang=fr', 'table'],
  ];
  for (const [name, url, ready] of shots) {
    await page.goto(url);
    await page.locator('main h1').first().waitFor();
    await before[name]?.();
    await page.locator(ready).first().waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${out}${name}.png` });
    console.log(`docs/screenshots/${name}.png`);
  }
} finally {
  await browser.close();
  await server.close();
}

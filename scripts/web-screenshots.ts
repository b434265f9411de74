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
  const { page } = await newPage(browser, server.url);
  await page.setViewportSize({ width: 1280, height: 800 });
  await login(page, 'admin', ADMIN_PASSWORD);
  const shots: [string, string, string][] = [
    ['sites', '/#/sites', 'h1'],
    ['site-editor', `/#/sites/${id}`, '.cm-content'],
    ['matrix', `/#/sites/${id}/matrix?sort=zone_to:asc`, '.grid-table tbody td'],
    ['zones', `/#/sites/${id}/zones`, 'table'],
    ['topology', `/#/sites/${id}/topology`, 'table'],
    ['catalog', '/#/catalogs/hamilton?tab=features&lang=fr', 'table'],
  ];
  for (const [name, url, ready] of shots) {
    await page.goto(url);
    await page.locator(ready).first().waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${out}${name}.png` });
    console.log(`docs/screenshots/${name}.png`);
  }
} finally {
  await browser.close();
  await server.close();
}

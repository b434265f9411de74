/**
 * `npx tsx bench/web-grid.bench.ts [--flows 100000] [--postgres]`: the matrix grid in Chromium over a synthetic site
 * of 100k flows (bench/synthetic.ts), served by the real server in-process (PGlite; PostgreSQL with `--postgres`, in
 * a fresh schema of FLOWMATRIX_TEST_DATABASE_URL). Measures the site's save and its first grid page (the server
 * checks the text, stores it, then builds the grid's table), then in the browser: the first rows on screen after
 * opening the matrix, and a filter applied (Enter in the filter field → the filtered rows on screen). Targets:
 * < 1 s and < 100 ms.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { launchChromium, login, newPage } from '../test/web/support/browser.js';
import { ApiClient } from '../test/web/support/index.js';
import { ADMIN_PASSWORD, startServer } from '../test/web/support/server.js';
import { syntheticFiles } from './synthetic.js';

const args = process.argv.slice(2);
const flowsAt = args.indexOf('--flows');
const flows = flowsAt >= 0 ? Number(args[flowsAt + 1]) : 100_000;
const database = args.includes('--postgres') ? 'postgres' : 'pglite';
if (database === 'postgres' && !process.env.FLOWMATRIX_TEST_DATABASE_URL)
  throw new Error('--postgres: set FLOWMATRIX_TEST_DATABASE_URL=postgres://…');
const runs = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const files = syntheticFiles(flows);
// The synthetic catalog joins the built-in ones (the server validates sites against those): a catalogs folder of
// its own, given by FLOWMATRIX_CATALOGS, before the server starts and seeds.
const catalogs = mkdtempSync(join(tmpdir(), 'fm-bench-catalogs-'));
writeFileSync(join(catalogs, 'synthetic.yaml'), files.catalog);
process.env.FLOWMATRIX_CATALOGS = catalogs;
const server = await startServer(database);
const browser = await launchChromium();
try {
  const api = await ApiClient.login(server.url, 'admin', ADMIN_PASSWORD);
  let t = performance.now();
  const site = await api.call<{ id: number }>('POST', '/api/sites', {
    name: 'synthetic',
    yaml: files.site.replace('catalog: ./synthetic.yaml', 'catalog: synthetic'),
  });
  const saved = performance.now() - t;
  t = performance.now();
  const { total } = await api.call<{ total: number }>('GET', `/api/sites/${site.id}/matrix?limit=1`);
  const firstPage = performance.now() - t;
  console.log(
    `${database}, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(
        ' ',
      )}; site of ${flows} flows: ${total} matrix lines; saved (checked, stored) in ${saved.toFixed(0)} ms, first grid page (the table built) ${firstPage.toFixed(0)} ms after`,
  );

  const { page } = await newPage(browser, server.url);
  await login(page, 'admin', ADMIN_PASSWORD);
  const first: number[] = [];
  const filter: number[] = [];
  const serverMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.goto(`/#/sites`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    t = performance.now();
    await page.evaluate((id) => {
      window.location.hash = `#/sites/${id}/matrix`;
    }, site.id);
    await page.waitForFunction(() => {
      const cell = document.querySelector('.grid-table tbody tr td');
      return cell?.textContent && !cell.textContent.includes('…');
    });
    first.push(performance.now() - t);
    await page.getByLabel('Filter column').selectOption({ index: 2 });
    await page.getByLabel('contains').fill(`${i + 1}`);
    const before = await page.getByTestId('matrix-count').textContent();
    // Timed inside the page: from the key press to the new count and rows painted.
    // A string, not a function: tsx would wrap a function's inner helpers in a `__name` the page does not have.
    const ms = (await page.evaluate(`(async (prev) => {
      const input = document.activeElement;
      const start = performance.now();
      input.closest('form').requestSubmit();
      await new Promise((resolve) => {
        const check = () => {
          const text = document.querySelector('[data-testid="matrix-count"]')?.textContent;
          const cell = document.querySelector('.grid-table tbody tr td')?.textContent ?? '';
          if (text !== prev && !cell.includes('…')) requestAnimationFrame(() => resolve());
          else requestAnimationFrame(check);
        };
        check();
      });
      return performance.now() - start;
    })(${JSON.stringify(before)})`)) as number;
    filter.push(ms);
    // The server's part of it: the Server-Timing of the last matrix request (table, select, page).
    serverMs.push(
      (await page.evaluate(`(() => {
        const last = performance.getEntriesByType('resource').filter((e) => e.name.includes('/matrix?')).pop();
        return last ? last.serverTiming.reduce((sum, t) => sum + t.duration, 0) : NaN;
      })()`)) as number,
    );
    await page.getByLabel('contains').focus();
  }
  console.log(
    `first rows on screen: median ${median(first).toFixed(0)} ms (${first.map((x) => x.toFixed(0)).join(', ')})`,
  );
  console.log(`filter applied: median ${median(filter).toFixed(0)} ms (${filter.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(
    `of which the server (Server-Timing: table lookup, select, page): median ${median(serverMs).toFixed(0)} ms (${serverMs.map((x) => x.toFixed(0)).join(', ')}); load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await browser.close();
  await server.close();
  rmSync(catalogs, { recursive: true, force: true });
}

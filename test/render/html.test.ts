import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/render/html/index.js';
import { missing, requirements } from '../support/system.js';
import { findings, matrix } from './fixtures/matrix.js';
import { expectGolden } from './golden.js';

const page = renderHtml(matrix, { lang: 'fr', findings });

describe('html text', () => {
  it('matches the golden files', () => {
    expectGolden('matrix.fr.html', page);
    expectGolden('matrix.en.html', renderHtml(matrix, { lang: 'en' }));
  });
  it('escapes every text and loads nothing from outside', () => {
    const scripts = page.match(/<script\b/g) ?? [];
    expect(scripts).toHaveLength(1);
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; réservations');
    expect(page).toContain('aucune règle &lt;générée&gt;');
    expect(page).not.toMatch(/\b(src|href)=/);
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).toContain('<html lang="fr">');
  });
});

const chromiumMissing = missing(requirements.chromium);

describe.skipIf(chromiumMissing)('html in Chromium', () => {
  it('sorts on a header click, filters by text and by column, requests nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowmatrix-html-'));
    const file = join(dir, 'matrix.html');
    writeFileSync(file, page);
    const url = pathToFileURL(file).href;
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    try {
      const context = await browser.newContext();
      const requests: string[] = [];
      await context.route('**/*', (route) => {
        const target = route.request().url();
        if (target === url) return route.continue();
        requests.push(target);
        return route.abort();
      });
      const tab = await context.newPage();
      const errors: string[] = [];
      const dialogs: string[] = [];
      tab.on('pageerror', (e) => errors.push(String(e)));
      tab.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await tab.goto(url);

      const visible = () => tab.locator('#matrix tbody tr:not([hidden])').count();
      /** Visible cell texts of the column whose header has `data-id` = id, in display order. */
      const column = (id: string) =>
        tab.$$eval(
          '#matrix tbody tr:not([hidden])',
          (rows, name) => {
            const headers = [...document.querySelectorAll('#matrix thead th')];
            const index = headers.findIndex((h) => h.getAttribute('data-id') === name);
            return rows.map((r) => (r as HTMLTableRowElement).cells[index]?.textContent ?? '');
          },
          id,
        );

      const total = await visible();
      expect(total).toBe(13);
      expect(await tab.locator('#shown').textContent()).toBe('13');

      const before = await column('ports');
      await tab.click('#matrix thead th[data-id="ports"]');
      const ascending = await column('ports');
      expect(ascending).not.toEqual(before);
      const numbers = ascending.filter((p) => p !== '').map((p) => Number(p.split('-')[0]));
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      await tab.click('#matrix thead th[data-id="ports"]');
      const descending = await column('ports');
      expect(descending).toEqual([...ascending].reverse());

      await tab.fill('#filter', 'Edge [accès]');
      expect(await visible()).toBe(6);
      expect(await tab.locator('#shown').textContent()).toBe('6');
      await tab.selectOption('select[data-id="protocol"]', 'udp');
      expect(await visible()).toBe(2);
      await tab.fill('#filter', '');
      await tab.selectOption('select[data-id="protocol"]', '');
      await tab.selectOption('select[data-id="requirement"]', 'Optionnel');
      expect(await visible()).toBe(4);
      expect(new Set(await column('requirement'))).toEqual(new Set(['Optionnel']));

      expect(
        await tab
          .locator('#matrix tbody tr.lvl-mandatory td')
          .first()
          .evaluate((td) => getComputedStyle(td).backgroundColor),
      ).toBe('rgb(248, 215, 218)');
      expect(errors).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([]);
      // The page's CSP refuses even a script-made request; a blank page proves the recorder does see them.
      await tab.evaluate(() => {
        new Image().src = 'http://192.0.2.1/from-page.png';
      });
      const blank = await context.newPage();
      await blank.evaluate(() => fetch('http://192.0.2.1/from-blank').catch(() => undefined));
      expect(requests).toEqual(['http://192.0.2.1/from-blank']);
    } finally {
      await browser.close();
    }
  });
});

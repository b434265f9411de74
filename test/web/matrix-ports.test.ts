import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DATABASES, inLang, login, newPage, noBrowser, useWebServer } from './support/index.js';

/** Polls wait for the server and the grid on a loaded machine (2 cores shared): bounded, but not 1 s. */
const SLOW = { timeout: 15_000 };

// The built-in catalogs plus one with every shape of Ports cell (ICMP, ESP, a reference row, a parameter range); the
// server seeds the example sites from the folder beside them. This file runs in a process of its own, so the override
// reaches only its server.
const root = mkdtempSync(join(tmpdir(), 'fm-ports-'));
cpSync(new URL('../../catalogs', import.meta.url), join(root, 'catalogs'), { recursive: true });
cpSync(new URL('../../examples', import.meta.url), join(root, 'examples'), { recursive: true });
cpSync(new URL('./fixtures/port-shapes.yaml', import.meta.url), join(root, 'catalogs', 'port-shapes.yaml'));
process.env.FLOWMATRIX_CATALOGS = join(root, 'catalogs');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SITE = `id: port-shapes-site
title: Port shapes
catalogs:
  - catalog: port-shapes
    roles: { clients: lan, server: srv }
zones:
  lan: { kind: internal, cidrs: [10.0.0.0/16] }
  dmz: { kind: perimeter, cidrs: [172.16.0.0/24] }
hosts:
  srv: { address: 172.16.0.10 }
firewalls:
  - { name: fw, platform: nftables, zones: [lan, dmz] }
`;

/** The grid's rows as [flow, Ports cell] once every row has loaded (the page asks for these two columns only). */
async function flowPorts(page: Page, path: string): Promise<[string, string][]> {
  await page.goto(path);
  const rows = page.getByTestId('matrix-scroller').locator('tbody tr');
  await expect.poll(() => rows.count(), SLOW).toBeGreaterThan(0);
  await expect
    .poll(
      () =>
        page
          .getByTestId('matrix-scroller')
          .getByText(/^(loading|chargement)…$/)
          .count(),
      SLOW,
    )
    .toBe(0);
  return rows.evaluateAll((trs) =>
    trs.map((tr) => {
      const [flow, ports] = [...(tr as HTMLTableRowElement).cells].map((td) => td.textContent ?? '');
      return [flow ?? '', ports ?? ''] as [string, string];
    }),
  );
}

const portsOf = (rows: [string, string][], flow: string): string =>
  rows.find(([f]) => f === flow)?.[1] ?? `(no row for ${flow})`;

describe.skipIf(noBrowser())('web: every Ports cell of the matrix says something', () => {
  for (const database of DATABASES) {
    describe(database, () => {
      const web = useWebServer(database);

      for (const lang of ['en', 'fr'] as const) {
        const w = inLang(lang);

        it(`ICMP, ESP, reference rows and parameter ranges, in ${lang}`, async () => {
          const name = `port-shapes-${lang}`;
          const { id } = await web.api.call<{ id: number }>('POST', '/api/sites', { name, yaml: SITE });
          const { page, problems } = await newPage(web.browser, web.server.url, lang);
          await login(page, 'admin', ADMIN_PASSWORD, lang);
          const cells = await flowPorts(page, `/#/sites/${id}/matrix?columns=flow,ports&lang=${lang}`);
          expect(cells.length).toBe(6);
          expect(cells.filter(([, text]) => text.trim() === '')).toEqual([]);
          expect(portsOf(cells, 'web')).toBe('443');
          expect(portsOf(cells, 'rpc')).toBe(
            w('50000-50100 (paramètres rpc_low, rpc_high)', '50000-50100 (parameters rpc_low, rpc_high)'),
          );
          expect(portsOf(cells, 'ping')).toBe('type 8 (echo-request)');
          expect(portsOf(cells, 'icmp-any')).toBe(w('tous les types', 'all types'));
          expect(portsOf(cells, 'ipsec')).toBe(w('sans port', 'no ports'));
          expect(portsOf(cells, 'elsewhere')).toBe(w('aucun (Référence)', 'none (Reference)'));
          expect(problems).toEqual([]);
        });
      }

      it('no empty Ports cell on the example sites (reference rows and trusted sites included)', async () => {
        const { page, problems } = await newPage(web.browser, web.server.url);
        await login(page, 'admin', ADMIN_PASSWORD);
        for (const site of ['m365-additional-endpoints-site', 'lync-2013-edge-site', 'hamilton-site']) {
          const { id } = await web.api.site(site);
          const cells = await flowPorts(page, `/#/sites/${id}/matrix?columns=flow,ports`);
          expect(cells.length).toBeGreaterThan(0);
          expect(cells.filter(([, text]) => text.trim() === '').map(([flow]) => `${site}: ${flow}`)).toEqual([]);
        }
        expect(problems).toEqual([]);
      });
    });
  }
});

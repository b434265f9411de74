import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { m365Catalog } from '../../../src/import/m365/catalog.js';
import { parseFeed } from '../../../src/import/m365/feed.js';
import { toYaml } from '../../../src/import/yaml.js';
import { generate } from '../../../src/targets/index.js';
import { loadSite, m365Dir, tempDir } from '../../import/support.js';
import { missing, requirements } from '../../support/system.js';
import { badPacLines, pacEvaluator } from './evaluate.js';

const PROXIED = 'PROXY 10.1.0.8:3128';

/** The feed imported as `flowmatrix import m365` does, used by a site whose LAN goes out through a proxy. */
function siteWith(feedText: string, file: string) {
  const feed = parseFeed(feedText, file);
  if (feed.issues.some((i) => i.severity === 'error')) throw new Error(feed.issues.map((i) => i.message).join('\n'));
  const { catalog } = m365Catalog(feed.sets, { instance: 'worldwide', document: file, tenant: 'contoso' });
  const dir = tempDir('pac-m365');
  writeFileSync(join(dir, 'm365.yaml'), toYaml(catalog, ['test'], 'catalog'));
  writeFileSync(
    join(dir, 'site.yaml'),
    [
      'id: m365-pac',
      'title: M365 PAC test',
      'catalogs:',
      '  - catalog: ./m365.yaml',
      '    roles: { clients: lan }',
      'zones:',
      '  lan: { kind: internal, cidrs: [10.0.0.0/16] }',
      '  dmz: { kind: perimeter, cidrs: [10.1.0.0/24] }',
      '  internet: { kind: external, default: true }',
      'hosts:',
      '  proxy-host: { address: 10.1.0.8 }',
      'proxy: { name: web-proxy, host: proxy-host, port: 3128, zones: [internet] }',
      '',
    ].join('\n'),
  );
  return loadSite(join(dir, 'site.yaml'));
}

function pac(matrix: ReturnType<typeof siteWith>, options: Record<string, unknown>) {
  const r = generate(matrix, { target: 'pac', options });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  const content = r.value.artifacts[0]?.content ?? '';
  expect(badPacLines(content)).toEqual([]);
  return { content, findings: r.value.findings };
}

describe.skipIf(missing(requirements.fixtures))('pac option m365Type: Get-PacFile’s Type 1 / Type 2', () => {
  const file = 'endpoints-worldwide-2025-12-01.terraform-provider-microsoft365.json';
  const matrix = () => siteWith(readFileSync(join(m365Dir(), file), 'utf8'), file);

  it('the importer writes each set’s category in its ref', () => {
    const m = matrix();
    expect(m.rows.find((r) => r.flow === 'set-1')?.ref).toBe('endpoint set 1 (Optimize)');
    expect(m.rows.find((r) => r.flow === 'set-12')?.ref).toBe('endpoint set 12 (Allow)');
  });

  it('sends a name of each category where Get-PacFile would, in a real PAC evaluator', async () => {
    const m = matrix();
    const none = await pacEvaluator(pac(m, {}).content);
    const type1 = await pacEvaluator(pac(m, { m365Type: 1 }).content);
    const type2 = await pacEvaluator(pac(m, { m365Type: 2 }).content);
    // [url, category, no option (the matrix: TCP+UDP sets direct, TCP 80/443 sets through the proxy), Type 1, Type 2]
    const cases: [string, string, string, string, string][] = [
      ['https://outlook.office.com/mail', 'Optimize (set 1)', 'DIRECT', 'DIRECT', 'DIRECT'],
      ['https://contoso.sharepoint.com/', 'Optimize (set 31, wildcard)', 'DIRECT', 'DIRECT', 'DIRECT'],
      ['https://13.107.6.152/', 'Optimize (set 1, IPv4 range)', 'DIRECT', 'DIRECT', 'DIRECT'],
      ['https://x.teams.microsoft.com/', 'Allow (set 12, TCP and UDP)', 'DIRECT', PROXIED, 'DIRECT'],
      ['https://eur.protection.outlook.com/', 'Allow (set 9)', PROXIED, PROXIED, 'DIRECT'],
      // MEM (set 163, Allow) is an area the documentation does not list: off by default, so not in the PAC.
      ['https://manage.microsoft.com/', 'Allow (set 163, feature off)', PROXIED, PROXIED, PROXIED],
      ['https://office.live.com/', 'Allow (set 46)', PROXIED, PROXIED, 'DIRECT'],
      ['https://aka.ms/', 'Default (set 17)', PROXIED, PROXIED, PROXIED],
      ['https://crl.microsoft.com/x.crl', 'Default (set 84)', PROXIED, PROXIED, PROXIED],
      ['https://www.example.org/', 'not Microsoft 365', PROXIED, PROXIED, PROXIED],
    ];
    for (const [url, category, n, t1, t2] of cases) {
      expect([url, category, await none(url)]).toEqual([url, category, n]);
      expect([url, category, await type1(url)]).toEqual([url, category, t1]);
      expect([url, category, await type2(url)]).toEqual([url, category, t2]);
    }
  });

  it('says which rows the option sends around the proxy the matrix routes them through', () => {
    const m = matrix();
    const rerouted = (type: number, to: string) =>
      pac(m, { m365Type: type })
        .findings.filter((f) => f.rule === `target:pac:m365-${to}`)
        .map((f) => f.message.en.replace(/^Flow (set-\d+) .*$/, '$1'));
    // Type 1: set 12 (Allow, TCP and UDP: direct in the matrix) goes to the proxy; no web-only Optimize set exists.
    // So do the mail Allow sets 2 and 10 (Get-PacFile reads no port), and the Default sets 47 and 184 (TCP and UDP)
    // under both types.
    expect(rerouted(1, 'proxied')).toEqual(['set-2', 'set-10', 'set-12', 'set-47', 'set-184']);
    expect(rerouted(1, 'direct')).toEqual([]);
    // Type 2: the web-only Allow sets of the areas that are on leave the proxy.
    expect(rerouted(2, 'direct')).toEqual(['set-9', 'set-46', 'set-56', 'set-64']);
    expect(rerouted(2, 'proxied')).toEqual(['set-47', 'set-184']);
  });

  it('a name of a proxied category under a DIRECT wildcard is tested first, as Get-PacFile does', async () => {
    const sets = JSON.stringify([
      {
        id: 31,
        serviceArea: 'SharePoint',
        urls: ['*.sharepoint.com'],
        tcpPorts: '443',
        expressRoute: true,
        category: 'Optimize',
        required: true,
      },
      {
        id: 40,
        serviceArea: 'SharePoint',
        urls: ['files.sharepoint.com', 'www.sharepoint.com'],
        tcpPorts: '443',
        expressRoute: false,
        category: 'Default',
        required: true,
      },
      {
        id: 41,
        serviceArea: 'SharePoint',
        urls: ['www.sharepoint.com'],
        tcpPorts: '443',
        expressRoute: false,
        category: 'Optimize',
        required: true,
      },
    ]);
    const { content } = pac(siteWith(sets, 'hand-made.json'), { m365Type: 1 });
    const find = await pacEvaluator(content);
    expect(await find('https://files.sharepoint.com/')).toBe(PROXIED);
    // Listed in an Optimize set too: the highest category wins.
    expect(await find('https://www.sharepoint.com/')).toBe('DIRECT');
    expect(await find('https://contoso.sharepoint.com/')).toBe('DIRECT');
  });

  it('refuses a type Get-PacFile does not have', () => {
    const r = generate(matrix(), { target: 'pac', options: { m365Type: 3 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.message).toContain('m365Type 3 is not a Get-PacFile type');
  });
});

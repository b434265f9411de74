import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../src/catalog/fs.js';
import { m365Catalog } from '../../src/import/m365/catalog.js';
import { parseFeed } from '../../src/import/m365/feed.js';
import { effectiveCategories, overlaps } from '../../src/import/m365/overlaps.js';
import { readUrl, TENANT_TEMPLATE as T } from '../../src/import/m365/urls.js';
import type { Catalog } from '../../src/model/catalog.js';
import { formatIssue } from '../../src/model/issues.js';
import { run } from '../cli/run.js';
import { missing, requirements } from '../support/system.js';
import { feedFiles, loadSite, m365Dir, tempDir } from './support.js';

/** Sets and IPv4 / IPv6 entries (duplicates between sets counted) per file, from the fixtures' README. */
const README_COUNTS: Record<string, { sets: number; v4: number; v6: number }> = {
  'endpoints-worldwide-2021-10-11.nebula.json': { sets: 107, v4: 90, v6: 204 },
  'endpoints-worldwide-ipv6.nebula.json': { sets: 107, v4: 90, v6: 204 },
  'endpoints-worldwide-2024-04-24.axisO365App.json': { sets: 72, v4: 56, v6: 77 },
  'endpoints-worldwide-ipv4-crlf.cloud-ips.json': { sets: 63, v4: 51, v6: 0 },
  'endpoints-worldwide-2025-11-14.terraform-provider-microsoft365.json': { sets: 64, v4: 51, v6: 78 },
  'endpoints-worldwide-2025-12-01.terraform-provider-microsoft365.json': { sets: 79, v4: 132, v6: 78 },
  'endpoints-china-2025-11-14.terraform-provider-microsoft365.json': { sets: 21, v4: 72, v6: 29 },
  'endpoints-china-2025-12-01.terraform-provider-microsoft365.json': { sets: 22, v4: 86, v6: 31 },
  'endpoints-usgovdod-2025-11-14.terraform-provider-microsoft365.json': { sets: 24, v4: 24, v6: 12 },
  'endpoints-usgovdod-2025-12-01.terraform-provider-microsoft365.json': { sets: 25, v4: 24, v6: 12 },
  'endpoints-usgovgcchigh-2025-11-14.terraform-provider-microsoft365.json': { sets: 26, v4: 25, v6: 15 },
};

const instanceOf = (file: string): string =>
  file.includes('china')
    ? 'china'
    : file.includes('usgovdod')
      ? 'usgov-dod'
      : file.includes('gcchigh')
        ? 'usgov-gcchigh'
        : 'worldwide';

const feed = (file: string) => {
  const r = parseFeed(readFileSync(join(m365Dir(), file), 'utf8'), file);
  if (r.issues.length) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.sets;
};

const flow = (c: Catalog, id: string) => c.flows.find((f) => f.id === id);

describe.skipIf(missing(requirements.fixtures))('import m365: the real answers of the service', () => {
  it('has a count for every fixture file', () => {
    expect(feedFiles()).toEqual(Object.keys(README_COUNTS).sort());
  });

  for (const file of Object.keys(README_COUNTS))
    it(`${file} imports into a catalog validate accepts, with every set and range`, async () => {
      const out = join(tempDir('m365'), 'catalog.yaml');
      const r = await run(['import', 'm365', join(m365Dir(), file), '--instance', instanceOf(file), '-o', out]);
      expect(r.code, r.err).toBe(0);
      const v = await run(['validate', out]);
      expect(v.code, v.err).toBe(0);
      const loaded = loadCatalogFile(out);
      if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
      const catalog = loaded.value;
      const expected = README_COUNTS[file] as { sets: number; v4: number; v6: number };
      const setIds = new Set(catalog.flows.map((f) => f.ref));
      expect(setIds.size).toBe(expected.sets);
      const ips = Object.entries(catalog.roles)
        .filter(([id]) => /^set-\d+$/.test(id))
        .flatMap(([, role]) => role.addresses ?? [])
        .filter((a) => /^[\d.]+\/\d+$|:/.test(a));
      expect(ips.filter((a) => !a.includes(':')).length).toBe(expected.v4);
      expect(ips.filter((a) => a.includes(':')).length).toBe(expected.v6);
      // Every URL of the feed is an address of its set's role, a tenant template, or a verbatim pattern row.
      for (const set of feed(file))
        for (const url of set.urls) {
          const reading = readUrl(url);
          if (reading.kind === 'pattern')
            expect(catalog.roles[`set-${set.id}-patterns`]?.description?.en).toContain(url);
          else expect(catalog.roles[`set-${set.id}`]?.addresses).toContain(reading.address);
        }
    });

  it('tells the instance by the answer’s URLs when --instance is not given, and warns when it is contradicted', async () => {
    for (const file of Object.keys(README_COUNTS)) {
      const r = await run(['import', 'm365', join(m365Dir(), file)]);
      expect(r.code, file).toBe(0);
      expect(r.out, file).toContain(`(instance ${instanceOf(file)}).`);
      expect(r.err, file).not.toMatch(/instance/);
    }
    const china = join(m365Dir(), 'endpoints-china-2025-12-01.terraform-provider-microsoft365.json');
    const forced = await run(['import', 'm365', china, '--instance', 'worldwide']);
    expect(forced.out).toContain('(instance worldwide).');
    expect(forced.err).toMatch(
      /warning: --instance worldwide, but the answer looks like china's: \d+ of its \d+ URLs end in \.cn/,
    );
  });

  it('reads port lists as the service writes them: "143, 587, 993, 995", "443,80", "" and UDP-only sets', () => {
    const cloud = m365Catalog(feed('endpoints-worldwide-ipv4-crlf.cloud-ips.json'), {
      instance: 'worldwide',
      document: 'x.json',
    }).catalog;
    expect(flow(cloud, 'set-2')?.services).toEqual(['tcp/143,587,993,995']);
    expect(flow(cloud, 'set-47')?.services[0]).toBe('tcp/80,443');
    expect(flow(cloud, 'set-47')?.notes?.en).toContain('tcpPorts "443,80"');
    expect(flow(cloud, 'set-2')?.notes?.en).toContain('tcpPorts "143, 587, 993, 995"');
    const china = m365Catalog(feed('endpoints-china-2025-11-14.terraform-provider-microsoft365.json'), {
      instance: 'china',
      document: 'x.json',
    }).catalog;
    expect(flow(china, 'set-3')?.services).toEqual(['udp/3478-3481']);
    expect(flow(china, 'set-26')?.services.some((s) => s.startsWith('udp'))).toBe(false);
    const mem = m365Catalog(feed('endpoints-worldwide-2025-12-01.terraform-provider-microsoft365.json'), {
      instance: 'worldwide',
      document: 'x.json',
    });
    expect(flow(mem.catalog, 'set-165')?.services).toEqual(['udp/123']);
    const gcc = m365Catalog(feed('endpoints-usgovgcchigh-2025-11-14.terraform-provider-microsoft365.json'), {
      instance: 'usgov-gcchigh',
      document: 'x.json',
    }).catalog;
    expect(flow(gcc, 'set-31')?.services).toEqual(['tcp/80,443']);
  });

  it('maps required to the level, keeps category and ExpressRoute in the label, and says where each derived fact comes from', () => {
    const c = m365Catalog(feed('endpoints-worldwide-2025-11-14.terraform-provider-microsoft365.json'), {
      instance: 'worldwide',
      document: 'x.json',
    }).catalog;
    const sets = feed('endpoints-worldwide-2025-11-14.terraform-provider-microsoft365.json');
    for (const set of sets) {
      const f = flow(c, `set-${set.id}`);
      if (!f) continue;
      expect(f.level).toBe(set.required ? 'mandatory' : 'optional');
      expect(f.label?.en).toContain(set.category);
      expect(f.label?.en).toContain(set.expressRoute ? 'ExpressRoute' : 'no ExpressRoute');
      expect(f.when).toBe(set.serviceArea.toLowerCase());
      expect(f.origin?.level?.en).toMatch(/required/);
      expect(f.origin?.from?.en).toBeTruthy();
      expect(f.origin?.direction?.en).toBeTruthy();
    }
    expect(Object.keys(c.features).sort()).toEqual(['common', 'exchange', 'sharepoint', 'skype']);
    expect(Object.values(c.features).every((f) => f.default && f.origin)).toBe(true);
  });

  it('imports an area the documentation does not list (MEM) off by default, with a warning', () => {
    const r = m365Catalog(feed('endpoints-worldwide-2025-12-01.terraform-provider-microsoft365.json'), {
      instance: 'worldwide',
      document: 'x.json',
    });
    expect(r.catalog.features.mem?.default).toBe(false);
    expect(r.warnings.map(formatIssue).join('\n')).toMatch(/service area "MEM"/);
  });

  it('gives a name in several sets the highest category, as the documentation says (Optimize > Allow > Default)', () => {
    const sets = feed('endpoints-worldwide-ipv4-crlf.cloud-ips.json');
    const outlook = overlaps(sets, 'urls').find((o) => o.entry === 'outlook.office365.com');
    expect(outlook?.sets.map((s) => s.id)).toEqual(expect.arrayContaining([1, 2]));
    expect(outlook?.effective).toBe('Optimize');
    expect(effectiveCategories(sets).get('outlook.office365.com')).toBe('Optimize');
    expect(effectiveCategories(sets).get('smtp.office365.com')).toBe('Allow');
    const c = m365Catalog(sets, { instance: 'worldwide', document: 'x.json' }).catalog;
    const shared = c.notes.find((n) => n.ref === 'shared outlook.office365.com');
    expect(shared?.text.en).toMatch(/Optimize\.$/);
    expect(shared?.flows).toEqual(expect.arrayContaining(['set-1', 'set-2']));
    expect(flow(c, 'set-2')?.notes?.en).toContain('outlook.office365.com (1 Optimize, 2 Allow → Optimize)');
    const old = overlaps(feed('endpoints-worldwide-2021-10-11.nebula.json'), 'urls');
    expect(old.length).toBe(40);
  });

  it('turns tenant names into the tenant parameter and keeps patterns it cannot express verbatim in a reference row', () => {
    expect(readUrl('autodiscover.*.onmicrosoft.com')).toMatchObject({
      kind: 'tenant',
      address: `autodiscover.${T}.onmicrosoft.com`,
    });
    expect(readUrl('*-files.sharepoint.com')).toMatchObject({
      kind: 'tenant',
      address: `${T}-files.sharepoint.com`,
    });
    expect(readUrl('<tenant>.sharepoint.com')).toMatchObject({ kind: 'tenant', address: `${T}.sharepoint.com` });
    expect(readUrl('*.mx.microsoft')).toEqual({ kind: 'name', address: '*.mx.microsoft' });
    expect(readUrl('*cdn.onenote.net')).toEqual({ kind: 'pattern', text: '*cdn.onenote.net' });
    const r = m365Catalog(feed('endpoints-worldwide-ipv4-crlf.cloud-ips.json'), {
      instance: 'worldwide',
      document: 'x.json',
      tenant: 'contoso',
    });
    expect(r.catalog.parameters.tenant?.default).toBe('contoso');
    const patterns = r.catalog.flows.filter((f) => f.id.endsWith('-patterns'));
    expect(patterns.length).toBeGreaterThan(0);
    expect(patterns.every((f) => f.kind === 'reference')).toBe(true);
  });

  it('gives a catalog a site can use: rows to the fixed sets, tenant names filled in', async () => {
    const dir = tempDir('m365-site');
    const file = 'endpoints-worldwide-ipv4-crlf.cloud-ips.json';
    const r = await run(['import', 'm365', join(m365Dir(), file), '--tenant', 'contoso', '-o', join(dir, 'm365.yaml')]);
    expect(r.code, r.err).toBe(0);
    writeFileSync(
      join(dir, 'site.yaml'),
      [
        'id: m365-test',
        'title: M365 test',
        'catalogs:',
        '  - catalog: ./m365.yaml',
        '    roles: { clients: lan }',
        'zones:',
        '  lan: { kind: internal, cidrs: [10.0.0.0/8] }',
        '  internet: { kind: external, default: true }',
        '',
      ].join('\n'),
    );
    const matrix = loadSite(join(dir, 'site.yaml'));
    const set1 = matrix.rows.find((row) => row.flow === 'set-1');
    expect(set1?.destination.addresses).toEqual(
      expect.arrayContaining([{ kind: 'fqdn', value: 'outlook.office365.com' }]),
    );
    const tenantRow = matrix.rows.find((row) =>
      row.destination.addresses.some((a) => a.kind === 'fqdn' && a.value === 'autodiscover.contoso.onmicrosoft.com'),
    );
    expect(tenantRow).toBeDefined();
    expect(matrix.rows.every((row) => row.zoneFrom === 'lan')).toBe(true);
  });
});

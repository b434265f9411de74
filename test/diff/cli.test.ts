import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadCatalogFile, loadSiteFile } from '../../src/catalog/fs.js';
import { resolveSite } from '../../src/matrix/index.js';
import { run } from '../cli/run.js';
import { repoRoot } from '../support/catalogs.js';

const temp = mkdtempSync(join(tmpdir(), 'flowmatrix-diff-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const SITE = 'examples/hamilton-site.yaml';
const catalogText = readFileSync(join(repoRoot, 'catalogs/hamilton.yaml'), 'utf8');
const write = (name: string, text: string): string => {
  const path = join(temp, name);
  writeFileSync(path, text);
  return path;
};
const oldCatalog = write('hamilton-old.yaml', catalogText);
/** One port range widened (mssql), one TLS minimum lowered (the first flow that states one). */
const changed = write(
  'hamilton-new.yaml',
  catalogText
    .replace('mssql: { ports: [tcp/1433], app: TDS }', 'mssql: { ports: [tcp/1433-1434], app: TDS }')
    .replace("      minTls: '1.2'", "      minTls: '1.0'"),
);

/** The catalog with its flows in reverse order, indented by four, and every comment reworded. */
function cosmetic(text: string): string {
  const doc = parseDocument(text);
  const flows = doc.get('flows') as { items: unknown[] };
  flows.items.reverse();
  return doc.toString({ indent: 4 }).replace(/#.*$/gm, (c) => (c.startsWith('#') ? '# reworded comment' : c));
}

const keysOf = (catalogPath: string): string[] => {
  const site = loadSiteFile(join(repoRoot, SITE));
  if (!site.ok) throw new Error('site');
  const catalog = loadCatalogFile(catalogPath);
  if (!catalog.ok) throw new Error(catalog.issues.map((i) => i.message).join('\n'));
  const catalogs = new Map(site.value.catalogs);
  catalogs.set('hamilton', catalog.value);
  const m = resolveSite({ site: site.value.site, catalogs });
  if (!m.ok) throw new Error('resolve');
  return m.value.rows.map((r) => r.key).sort();
};

describe('flowmatrix diff', () => {
  it('identical inputs: empty diff, exit 0', async () => {
    const r = await run(['diff', SITE, SITE, '--fail-on', 'any']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('No difference.');
  });

  it('re-ordering flows, re-indenting and rewording comments changes no key and gives an empty diff', async () => {
    const reworked = write('hamilton-cosmetic.yaml', cosmetic(catalogText));
    expect(readFileSync(reworked, 'utf8')).not.toBe(catalogText);
    expect(keysOf(reworked)).toEqual(keysOf(oldCatalog));
    const r = await run(['diff', oldCatalog, reworked, '--site', SITE, '--fail-on', 'any', '-f', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).changes).toEqual([]);
  });

  it('two catalog versions with --site: widened and weakened rows, --fail-on gates', async () => {
    const r = await run(['diff', oldCatalog, changed, '--site', SITE, '-f', 'json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out);
    const classes = d.changes.map((c: { flow: string; classes: string[] }) => `${c.flow}:${c.classes.join('+')}`);
    expect(classes).toContain('web-sql:widened');
    expect(classes).toContain('crl-ocsp:weakened');
    expect((await run(['diff', oldCatalog, changed, '--site', SITE, '--fail-on', 'widened'])).code).toBe(1);
    expect((await run(['diff', oldCatalog, changed, '--site', SITE, '--fail-on', 'security'])).code).toBe(1);
    expect((await run(['diff', oldCatalog, changed, '--site', SITE, '--fail-on', 'opened'])).code).toBe(0);
  });

  it('two matrix JSON files give the same diff as the sites', async () => {
    const oldSite = write(
      'old-site.yaml',
      readFileSync(join(repoRoot, SITE), 'utf8').replace('      sms: true', '      sms: false'),
    );
    const a = await run(['matrix', oldSite, '-f', 'json', '-o', join(temp, 'old.json')]);
    const b = await run(['matrix', SITE, '-f', 'json', '-o', join(temp, 'new.json')]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const fromSites = JSON.parse((await run(['diff', oldSite, SITE, '-f', 'json'])).out);
    const fromJson = JSON.parse(
      (await run(['diff', join(temp, 'old.json'), join(temp, 'new.json'), '-f', 'json'])).out,
    );
    expect(fromJson.changes).toEqual(fromSites.changes);
    expect(fromJson.counts.opened).toBeGreaterThan(0);
  });

  it('--rev A..B FILE reads both versions from git, with the catalogs they name', async () => {
    const repo = join(temp, 'repo');
    mkdirSync(join(repo, 'catalogs'), { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: repo });
    git('init', '-q');
    const site = readFileSync(join(repoRoot, SITE), 'utf8').replace(
      /catalog: hamilton$/m,
      'catalog: catalogs/hamilton.yaml',
    );
    writeFileSync(join(repo, 'site.yaml'), site);
    writeFileSync(join(repo, 'catalogs/hamilton.yaml'), catalogText);
    git('add', '.');
    git('commit', '-qm', 'one');
    writeFileSync(join(repo, 'catalogs/hamilton.yaml'), readFileSync(changed, 'utf8'));
    git('commit', '-qam', 'two');
    const r = await run(['diff', '--rev', 'HEAD~1..HEAD', 'site.yaml', '-f', 'json'], {}, repo);
    expect(r.err).not.toContain('error');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out);
    expect(d.old.label).toBe('HEAD~1:site.yaml');
    expect(d.counts.widened).toBeGreaterThan(0);
  });

  it('--deltas writes each changed firewall’s delta and rollback', async () => {
    const dir = join(temp, 'deltas');
    const r = await run(['diff', oldCatalog, changed, '--site', SITE, '--deltas', dir]);
    expect(r.code).toBe(0);
    const apply = readFileSync(join(dir, 'fw-internal.nftables.delta.sh'), 'utf8');
    expect(apply).toContain('tcp dport 1433-1434');
    const rollback = readFileSync(join(dir, 'fw-internal.nftables.rollback.sh'), 'utf8');
    expect(rollback).toContain('tcp dport 1433 ');
    // Its own words: where it goes, and which file to load when its check fails (never NEW's, mid-rollback).
    expect(apply).toContain('old generated rules → new ones.');
    expect(apply).toContain('nothing changed — load the new file in full');
    expect(rollback).toContain('new generated rules → old ones (rollback).');
    expect(rollback).toContain('is not the one the new version generated; nothing changed — load the old file in full');
    expect(rollback).not.toMatch(/load the new|of the old version removed/);
  });

  it('bad input: exit 2 with the file named, nothing written', async () => {
    const r = await run(['diff', SITE, join(temp, 'missing.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('missing.yaml: cannot read');
    const notMatrix = write('other.json', '{"a": 1}');
    const j = await run(['diff', notMatrix, notMatrix]);
    expect(j.code).toBe(2);
    expect(j.err).toContain('not a matrix JSON document');
  });
});

describe('flowmatrix change-request', () => {
  it.each(['md', 'html', 'xlsx'])('writes a %s document with the delta, rollback and checks', async (ext) => {
    const out = join(temp, `CR.${ext}`);
    const r = await run([
      'change-request',
      oldCatalog,
      changed,
      '--site',
      SITE,
      '-o',
      out,
      '--requester',
      'J. Martin',
      '--lang',
      'fr',
    ]);
    expect(r.code).toBe(0);
    const bytes = readFileSync(out);
    if (ext === 'xlsx') expect(bytes.subarray(0, 2).toString()).toBe('PK');
    else {
      const text = bytes.toString('utf8');
      expect(text).toContain('J. Martin');
      expect(text).toContain('Retour arrière');
      expect(text).toContain('flowmatrix verify examples/hamilton-site.yaml --firewall fw-internal');
    }
  });

  it('refuses an unknown document type', async () => {
    const r = await run(['change-request', SITE, SITE, '-o', join(temp, 'CR.pdf')]);
    expect(r.code).toBe(2);
  });

  it('prints Markdown without -o, the same as the file; -f html too; xlsx only to a file', async () => {
    const args = ['change-request', oldCatalog, changed, '--site', SITE];
    const file = join(temp, 'CR-same.md');
    expect((await run([...args, '-o', file])).code).toBe(0);
    const piped = await run(args);
    expect(piped.code).toBe(0);
    expect(piped.out).toBe(readFileSync(file, 'utf8'));
    expect((await run([...args, '-f', 'html'])).out).toMatch(/^<!doctype html>/i);
    const xlsx = await run([...args, '-f', 'xlsx']);
    expect(xlsx.code).toBe(2);
    expect(xlsx.err).toContain('flowmatrix: xlsx is a binary format — write it to a file with -o CR.xlsx');
  });
});

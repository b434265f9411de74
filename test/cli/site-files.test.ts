import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSiteFile } from '../../src/catalog/fs.js';
import { resolveSite } from '../../src/matrix/index.js';
import { repoRoot } from '../support/catalogs.js';
import { missing, requirements } from '../support/system.js';
import { run } from './run.js';

/**
 * An organisation in test/fixtures/inventory: shared zones, hosts, firewalls and metadata; a base site including
 * them; production and pre-production extending it. Every command that reads a site reads the combined one.
 */
const dir = 'test/fixtures/inventory';
const PROD = `${dir}/production.yaml`;
const PREPROD = `${dir}/preproduction.yaml`;
const temp = mkdtempSync(join(tmpdir(), 'fm-site-files-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const load = (path: string) => {
  const loaded = loadSiteFile(join(repoRoot, path));
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return loaded.value;
};

describe('an organisation: shared inventory, production and pre-production', () => {
  it('production: the base, its includes, its own overrides and removals', () => {
    const { site, siteFiles } = load(PROD);
    expect(site.id).toBe('org-production');
    expect(site.title).toBe('Production');
    expect(Object.keys(site.zones)).toEqual(['lan', 'dmz', 'internet']);
    expect(Object.keys(site.hosts)).toEqual(['web01', 'web02', 'db01']); // db-lab: null removed it
    expect(site.groups).toEqual({ 'web-farm': ['web01', 'web02'] });
    expect(site.firewalls).toEqual([
      {
        name: 'fw-core',
        platform: 'nftables',
        zones: ['lan', 'dmz'],
        interfaces: { lan: 'eth0', dmz: 'eth1' },
        options: { counters: true },
      },
    ]);
    const [use] = site.catalogs;
    expect(use?.features).toEqual({ smtp: true, graph: false });
    expect(use?.parameters).toEqual({ smtp_host: 'relay.prod.example.com', rpc_low: 50000, rpc_high: 50100 });
    // The site, what it includes, then its base and what the base includes (each file once).
    expect(siteFiles.map((f) => relative(repoRoot, f))).toEqual([
      PROD,
      `${dir}/shared/metadata.yaml`,
      `${dir}/base.yaml`,
      `${dir}/shared/hosts.yaml`,
      `${dir}/shared/zones.yaml`,
      `${dir}/shared/firewalls.yaml`,
    ]);
  });

  it('pre-production: a feature turned on, the firewall removed', () => {
    const { site } = load(PREPROD);
    expect(site.catalogs[0]?.features).toEqual({ smtp: true, graph: true });
    expect(site.firewalls).toEqual([]);
    expect(site.metadata).toEqual([{ flow: 'web-sql', owner: 'dba-team', ticket: 'CHG-100' }]);
  });

  it('metadata: the entries selecting a row, in order, each fact from the last one that gives it', () => {
    const loaded = load(PROD);
    const m = resolveSite({ site: loaded.site, catalogs: loaded.catalogs });
    if (!m.ok) throw new Error('resolve');
    const sql = m.value.rows.find((r) => r.flow === 'web-sql');
    expect(sql?.meta).toEqual({ owner: 'dba-team', ticket: 'CHG-200', review: '2026-06-30', expires: '2027-01-31' });
    expect(m.value.rows.filter((r) => r.meta !== undefined)).toHaveLength(1);
  });

  it('validate, matrix, generate, audit, verify and probe --plan read the combined site', async () => {
    expect((await run(['validate', PROD])).out).toBe(`ok ${PROD} (site, 3 rows)\n`);
    expect((await run(['validate', PREPROD])).out).toBe(`ok ${PREPROD} (site, 2 rows)\n`);
    const csv = await run(['matrix', PROD, '-f', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.out.split('\r\n')[0]).toContain(',owner,ticket,justification,review,expires');
    expect(csv.out).toContain(',dba-team,CHG-200,,2026-06-30,2027-01-31');
    const out = join(temp, 'gen');
    const gen = await run(['generate', PROD, '-t', 'nftables', '-o', out]);
    expect(gen.code).toBe(0);
    const nft = readFileSync(join(out, 'fw-core.nft'), 'utf8');
    expect(nft).toContain('comment "minimal/web-sql ref 1 ticket CHG-200 owner dba-team expires 2027-01-31"');
    expect(nft).toContain('iifname "eth1" oifname "eth0"'); // interfaces from shared/firewalls.yaml
    const audit = await run(['audit', PROD, '--today', '2027-02-01', '-f', 'json']);
    const ids = JSON.parse(audit.out).findings.map((f: { rule: string }) => f.rule);
    expect(ids).toEqual(expect.arrayContaining(['flow-expired', 'flow-review-due']));
    const verify = await run(['verify', PROD, '--firewall', 'fw-core', '--config', join(out, 'fw-core.nft')]);
    expect(verify.err).not.toContain('error');
    expect(verify.code).toBe(0);
    const plan = await run(['probe', PROD, '--from', 'web', '--plan']);
    expect(plan.code).toBe(0);
    expect(plan.out).toContain('10.0.1.20');
  });

  it('an output may not overwrite an included or base file', async () => {
    const r = await run(['matrix', PROD, '-f', 'csv', '-o', `${dir}/shared/zones.yaml`]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('site file');
  });

  it('a site finding (an expired suppression in an included file) points into that file', async () => {
    const copy = join(temp, 'suppressed');
    cpSync(join(repoRoot, dir), copy, { recursive: true });
    const catalog = join(repoRoot, 'test/catalog/fixtures/builtins/minimal.yaml');
    for (const f of ['base.yaml', 'preproduction.yaml']) {
      const path = join(copy, f);
      writeFileSync(path, readFileSync(path, 'utf8').replace('../../catalog/fixtures/builtins/minimal.yaml', catalog));
    }
    writeFileSync(
      join(copy, 'shared/metadata.yaml'),
      `${readFileSync(join(copy, 'shared/metadata.yaml'), 'utf8')}suppressions:\n  - { rule: unsupported-by-source, justification: lab, owner: net, expires: '2026-01-31' }\n`,
    );
    const r = await run([
      'audit',
      join(copy, 'preproduction.yaml'),
      '--today',
      '2026-02-01',
      '--rule',
      'suppression-expired',
    ]);
    const file = join(copy, 'shared/metadata.yaml');
    expect(r.out).toContain(`suppression-expired  ${file}:7: suppressions[0] (rule unsupported-by-source) expired`);
    expect(r.err).toContain(`${file}:7:5: warning: suppression 0 (unsupported-by-source) matches no finding`);
  });

  it('diff and change-request compare the combined sites', async () => {
    const d = await run(['diff', PREPROD, PROD, '-f', 'json']);
    expect(d.err).not.toContain('error');
    const diff = JSON.parse(d.out);
    // web-smtp opens (Graph is off in production), web-sql moves (production has the firewall).
    expect(diff.counts).toMatchObject({ opened: 1, moved: 1, closed: 0 });
    const cr = await run(['change-request', PREPROD, PROD, '-o', join(temp, 'cr.md')]);
    expect(cr.code).toBe(0);
  });

  it('a change in an included file alone is a difference, with files or with --rev', async () => {
    const before = join(temp, 'before');
    const after = join(temp, 'after');
    cpSync(join(repoRoot, dir), before, { recursive: true });
    cpSync(join(repoRoot, dir), after, { recursive: true });
    // Self-contained copies: the catalog beside the sites (git show reads files inside the repository only).
    for (const copy of [before, after]) {
      cpSync(join(repoRoot, 'test/catalog/fixtures/builtins/minimal.yaml'), join(copy, 'minimal.yaml'));
      for (const f of ['base.yaml', 'production.yaml', 'preproduction.yaml']) {
        const path = join(copy, f);
        writeFileSync(
          path,
          readFileSync(path, 'utf8').replaceAll('../../catalog/fixtures/builtins/minimal.yaml', 'minimal.yaml'),
        );
      }
    }
    const hosts = join(after, 'shared/hosts.yaml');
    writeFileSync(
      hosts,
      readFileSync(hosts, 'utf8').replace('db01: { address: 10.0.1.20 }', 'db01: { address: 10.0.1.21 }'),
    );
    const d = await run(['diff', join(before, 'production.yaml'), join(after, 'production.yaml'), '-f', 'json']);
    expect(d.err).not.toContain('error');
    expect(d.code).toBe(0);
    const changed = JSON.parse(d.out);
    expect(changed.changes.length).toBeGreaterThan(0);
    expect(JSON.stringify(changed.changes)).toContain('10.0.1.21');

    const repo = join(temp, 'repo');
    cpSync(before, repo, { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: repo });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'one');
    cpSync(hosts, join(repo, 'shared/hosts.yaml'));
    git('commit', '-qam', 'two');
    const rev = await run(['diff', '--rev', 'HEAD~1..HEAD', 'production.yaml', '-f', 'json'], {}, repo);
    expect(rev.err).toBe('1 row changed: 1 widened, 1 narrowed\n');
    expect(JSON.parse(rev.out).counts).toEqual(changed.counts);
  });
});

describe('the example organisation (examples/organisation)', () => {
  const ORG = 'examples/organisation';
  it('both environments validate, and differ by their servers and modules', async () => {
    const v = await run(['validate', `${ORG}/production-site.yaml`, `${ORG}/preproduction-site.yaml`]);
    expect(v.err).toBe('');
    expect(v.out).toBe(
      `ok ${ORG}/production-site.yaml (site, 17 rows)\nok ${ORG}/preproduction-site.yaml (site, 16 rows)\n`,
    );
    const d = await run(['diff', `${ORG}/preproduction-site.yaml`, `${ORG}/production-site.yaml`, '-f', 'json']);
    // SMS and the badge printers open in production, the webhooks close; every row of the servers moves.
    expect(JSON.parse(d.out).counts).toMatchObject({ opened: 2, closed: 1 });
  });

  it.skipIf(missing(requirements.nft, requirements.iptables, requirements.netns))(
    'its rules, comments with metadata included, are accepted by nft -c and iptables-restore --test',
    async () => {
      const out = join(temp, 'org');
      for (const target of ['nftables', 'iptables']) {
        const r = await run(['generate', `${ORG}/production-site.yaml`, '-t', target, '-o', out]);
        expect(r.code).toBe(0);
      }
      const nft = join(out, 'fw-internal.nft');
      expect(readFileSync(nft, 'utf8')).toContain('ticket CHG-2041 owner dba-team');
      // In a network namespace of its own: the check touches nothing of this machine.
      execFileSync('unshare', ['-n', 'nft', '-c', '-f', nft]);
      // The rules name ipsets: the sets file is restored first, in the same namespace.
      const ipset = join(out, 'fw-internal.ipset');
      const load = existsSync(ipset)
        ? 'ipset restore < "$1" && iptables-restore --test "$2"'
        : 'iptables-restore --test "$2"';
      execFileSync('unshare', ['-n', 'sh', '-c', load, 'sh', ipset, join(out, 'fw-internal.iptables')]);
    },
  );
});

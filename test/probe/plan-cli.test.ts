import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MatrixRow } from '../../src/model/matrix.js';
import { planProbes } from '../../src/probe/plan.js';
import { PROBE_FORMAT_IDS, type ProbeReport, probeFormats } from '../../src/probe/report/index.js';
import { readReport } from '../../src/probe/report/read.js';
import { run } from '../cli/run.js';
import { EXAMPLES, exampleMatrix } from '../targets/support/examples.js';

/** The plan over every example site and source role, and the command's plan, import and input errors. */
describe('probe plan', () => {
  for (const name of EXAMPLES) {
    it(`${name}: every row of every source role gets a probe, every applicable check maps to one`, () => {
      const m = exampleMatrix(name);
      for (const role of new Set(m.rows.map((r) => r.source.role))) {
        const plan = planProbes(m, { source: { kind: 'role', role } });
        const ids = new Set(plan.specs.map((s) => s.id));
        expect(ids.size).toBe(plan.specs.length);
        for (const row of plan.rows)
          expect(
            plan.specs.some((s) => s.origin.row === row.key),
            `${row.flow} from ${role}`,
          ).toBe(true);
        for (const s of plan.specs)
          for (const d of s.dependsOn ?? []) expect(ids.has(d), `${s.id} after ${d}`).toBe(true);
      }
    });
  }

  it('Hamilton from the WEB server: the §10 checklist in order, each as its kind', () => {
    const m = exampleMatrix('hamilton-site');
    const plan = planProbes(m, { source: { kind: 'host', name: 'hamilton-web', addresses: ['172.16.50.10'] } });
    const checks = plan.specs.filter((s) => s.origin.check).map((s) => `${s.origin.check} ${s.kind} ${s.target}`);
    expect(checks).toEqual([
      'hamilton.web-dns dns graph.microsoft.com',
      'hamilton.web-ntp ntp 10.20.1.123',
      'hamilton.smtp-relay-send smtp 10.20.1.25',
      'hamilton.graph-reachable tls graph.microsoft.com',
      'hamilton.graph-consent manual ',
      'hamilton.sms-reachable tls api.sms-provider.example',
      'hamilton.sms-reachable tls status.sms-provider.example',
      'hamilton.sms-keys manual ',
      'hamilton.wifi-portal-reachable manual ',
      'hamilton.crl-ocsp-reachable http http://crl.pki-vendor.example/',
      'hamilton.crl-ocsp-reachable http http://ocsp.pki-vendor.example/',
      'hamilton.no-secrets-in-logs manual ',
    ]);
    // The DNS check asks the site's own resolver (the flow's destination); the TLS ones go through the site proxy.
    expect(plan.specs.find((s) => s.origin.check === 'hamilton.web-dns')?.options?.resolver).toBe('10.20.1.53');
    expect(plan.specs.find((s) => s.origin.check === 'hamilton.graph-reachable')?.options?.proxy).toBe(
      'http://172.16.50.20:3128',
    );
    // Rows through the proxy: the proxy first, then a CONNECT per name (HTTP on 80 as a GET through it).
    const graph = plan.specs
      .filter((s) => s.origin.flow === 'hamilton.graph-api')
      .map((s) => [s.kind, s.target, s.port, s.dependsOn]);
    // The proxy probe is shared by every proxied row: planned once, under the first row that needs it.
    expect(graph).toEqual([['proxy', 'graph.microsoft.com', 443, ['tcp:172.16.50.20:3128']]]);
    expect(plan.specs.find((s) => s.id === 'tcp:172.16.50.20:3128')?.kind).toBe('tcp');
    const udp = plan.specs
      .filter((s) => s.kind === 'udp')
      .map((s) => `${s.target}:${s.port} ${s.options?.payloadName}`);
    expect(udp).toEqual(['10.20.1.53:53 dns', '10.20.2.53:53 dns', '10.20.1.123:123 sntp']);
  });

  it('a name destination is resolved first: the connection depends on the dns probe', () => {
    // No example site has a direct row to a name: Hamilton's WEB → SQL row, its SQL server known by name.
    const base = exampleMatrix('hamilton-site');
    const named = {
      ...(base.rows.find((r) => r.flow === 'web-sql') as MatrixRow),
      destination: {
        ...(base.rows.find((r) => r.flow === 'web-sql') as MatrixRow).destination,
        addresses: [{ kind: 'fqdn', value: 'sql.corp.example' } as const],
      },
    };
    const m = { ...base, rows: [named] };
    const plan = planProbes(m, { source: { kind: 'role', role: named.source.role } });
    const connect = plan.specs.find((s) => s.origin.row === named.key && s.kind === 'tcp');
    expect(connect?.target).toBe('sql.corp.example');
    expect(connect?.dependsOn?.[0]).toBe(`dns:${connect?.target}`);
    expect(plan.specs.find((s) => s.id === `dns:${connect?.target}`)?.kind).toBe('dns');
  });
});

describe('flowmatrix probe (command)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fm-probe-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--plan prints every probe, how and why, and touches nothing', async () => {
    const r = await run(['probe', 'examples/hamilton-site.yaml', '--from', 'admin-workstation', '--plan']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2 rows from role admin-workstation, 5 probes:');
    expect(r.out).toContain('tls 172.16.50.10:443 — hamilton.clients-web admin-workstation → web: TLS 443');
    expect(r.out).toContain('proxy login.microsoftonline.com:443 — ');
    expect(r.out).toContain('after: tcp:172.16.50.20:3128');
    expect(r.out).not.toContain('(s)');
  });

  it('--plan follows --lang fr, and --format json gives the plan as JSON; other formats are refused', async () => {
    const args = ['probe', 'examples/hamilton-site.yaml', '--from', 'admin-workstation', '--plan'];
    const fr = await run([...args, '--lang', 'fr']);
    expect(fr.code).toBe(0);
    expect(fr.out).toContain('2 lignes depuis le rôle admin-workstation, 5 sondes\u00a0:');
    const host = await run(['probe', 'examples/hamilton-site.yaml', '--as', 'hamilton-web', '--plan', '--lang', 'fr']);
    expect(host.out).toMatch(/^\d+ lignes depuis l’hôte hamilton-web, \d+ sondes\u00a0:/);
    expect(fr.out).toContain('après\u00a0: tcp:172.16.50.20:3128');
    expect(fr.out).not.toMatch(/\b(why|after|row|from)\b/);
    const json = await run([...args, '--format', 'json', '--lang', 'fr']);
    expect(json.code).toBe(0);
    const plan = JSON.parse(json.out);
    expect(plan).toMatchObject({
      tool: 'flowmatrix',
      plan: 1,
      site: 'hamilton-example',
      source: 'role admin-workstation',
    });
    expect(plan.rows).toHaveLength(2);
    expect(plan.probes).toHaveLength(5);
    expect(plan.probes[0]).toMatchObject({
      id: expect.any(String),
      kind: expect.any(String),
      title: { fr: expect.any(String) },
    });
    const md = await run([...args, '--format', 'md']);
    expect([md.code, md.out]).toEqual([2, '']);
    expect(md.err).toContain('--plan --format md: the plan is written as text or json');
  });

  it('--emit bash -o writes an executable script (0755 less the umask); --emit powershell a plain file', async () => {
    const site = 'examples/hamilton-site.yaml';
    const bash = join(dir, 'probe.sh');
    const ps = join(dir, 'probe.ps1');
    expect((await run(['probe', site, '--as', 'hamilton-web', '--emit', 'bash', '-o', bash])).code).toBe(0);
    expect((await run(['probe', site, '--as', 'hamilton-web', '--emit', 'powershell', '-o', ps])).code).toBe(0);
    const umask = process.umask();
    expect(statSync(bash).mode & 0o777).toBe(0o755 & ~umask);
    expect(statSync(ps).mode & 0o777).toBe(0o666 & ~umask);
    // Written again over a copy made private: stays private, and runnable by its owner.
    chmodSync(bash, 0o600);
    expect((await run(['probe', site, '--as', 'hamilton-web', '--emit', 'bash', '-o', bash])).code).toBe(0);
    expect(statSync(bash).mode & 0o777).toBe(0o700);
  });

  it('bad input is exit 2 with a hint: unknown role, host, flow, limits; both --from and --as', async () => {
    const cases = [
      [['--from', 'nobody'], /--from nobody: no row has this source role — source roles: .*web/],
      [['--as', 'nobody'], /--as nobody: not a host or group of the site — hosts and groups: .*hamilton-web/],
      [['--from', 'web', '--only', 'nope'], /--only: unknown flow nope — flows of this site: .*dns/],
      [['--from', 'web', '--concurrency', '0'], /--concurrency 0: expected a whole number above 0/],
      [['--from', 'web', '--as', 'hamilton-web'], /--from and --as both name the source/],
    ] as const;
    for (const [args, message] of cases) {
      const r = await run(['probe', 'examples/hamilton-site.yaml', ...args, '--plan']);
      expect([r.code, r.err], args.join(' ')).toEqual([2, expect.stringMatching(message)]);
    }
  });

  const report: ProbeReport = {
    tool: 'flowmatrix',
    version: 1,
    site: 'hamilton-example',
    source: 'host hamilton-web',
    startedAt: '2026-12-06T00:00:00.000Z',
    probes: [
      {
        id: 'a',
        kind: 'tcp',
        target: '10.20.10.15',
        port: 1433,
        origin: { flow: 'hamilton.web-sql', ref: '§7' },
        title: { fr: 'WEB → SQL', en: 'WEB → SQL' },
      },
      {
        id: 'b',
        kind: 'udp',
        target: '10.20.1.123',
        port: 123,
        origin: { check: 'hamilton.web-ntp' },
        title: { fr: 'NTP <&>', en: 'NTP <&>' },
      },
    ],
    results: [
      {
        id: 'a',
        kind: 'tcp',
        target: '10.20.10.15',
        port: 1433,
        status: 'FAIL',
        summary: { fr: 'filtré', en: 'filtered' },
        evidence: [{ label: 'IPv4 10.20.10.15', value: 'filtered (no answer) in 1500 ms (ETIMEDOUT)' }],
        timings: { 'connect 10.20.10.15': 1500 },
        error: 'ETIMEDOUT',
        startedAt: '2026-12-06T00:00:00.000Z',
        durationMs: 1500,
      },
      {
        id: 'b',
        kind: 'udp',
        target: '10.20.1.123',
        port: 123,
        status: 'INCONCLUSIVE',
        summary: { fr: 'silence', en: 'silence' },
        evidence: [],
        timings: {},
        startedAt: '2026-12-06T00:00:00.000Z',
        durationMs: 1500,
      },
    ],
  };

  it('--import renders a results file in every format, and exits as the results say', async () => {
    const file = join(dir, 'results.json');
    writeFileSync(file, probeFormats.json(report));
    expect(readReport(readFileSync(file, 'utf8'))).toEqual({ ok: true, report });
    for (const format of PROBE_FORMAT_IDS) {
      const r = await run(['probe', '--import', file, '--format', format, '--lang', 'fr']);
      expect(r.code, format).toBe(1);
      expect(r.err).toContain('1 FAIL, 1 INCONCLUSIVE');
      expect(r.out).toContain(format === 'json' ? '"status": "FAIL"' : 'WEB → SQL');
    }
    const junit = (await run(['probe', '--import', file, '--format', 'junit'])).out;
    expect(junit).toContain('tests="2" failures="1" errors="1" skipped="0"');
    expect(junit).toContain('NTP &lt;&amp;&gt;');
    const html = (await run(['probe', '--import', file, '--format', 'html', '--lang', 'fr'])).out;
    expect(html).toContain('<span class="s FAIL">1 échoué</span>');
    expect(html).not.toContain('NTP <&>');
  });

  it('--import reads a probe script’s results too (no plan: each titled by its kind and target)', async () => {
    const file = join(dir, 'script.json');
    writeFileSync(file, JSON.stringify({ format: 'flowmatrix-probe-results/1', results: report.results }));
    const r = await run(['probe', '--import', file]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('  FAIL         tcp 10.20.10.15\n');
    expect(r.err).toContain('1 FAIL, 1 INCONCLUSIVE');
  });

  it('--import of a file that is not a results file is exit 2 with where and why', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"tool": "flowmatrix",\n "version": 1,\n oops}');
    let r = await run(['probe', '--import', bad]);
    expect([r.code, r.err]).toEqual([2, expect.stringMatching(/bad\.json:3:2: not JSON .* — give the file/)]);
    writeFileSync(bad, JSON.stringify({ ...report, results: [{ ...report.results[0], status: 'MAYBE' }] }));
    r = await run(['probe', '--import', bad]);
    expect([r.code, r.err]).toEqual([2, expect.stringMatching(/bad\.json:results\[0\]\.status: /)]);
  });
});

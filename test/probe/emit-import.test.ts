import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeReport } from '../../src/probe/report/index.js';
import { run } from '../cli/run.js';
import { repoRoot } from '../support/catalogs.js';
import { appServers, type Daemon, scratch, selfSigned, startDaemon } from '../support/probe-apps.js';
import { missing, requirements } from '../support/system.js';
import { createProbeNs, type ProbeNs } from './support/netns-probe.js';

/**
 * `flowmatrix probe SITE --emit bash` for a Hamilton role, run against real servers, its output read back with
 * `--import` and rendered: the same titles and origins as the Node runners' run of the same plan, and the same
 * verdicts. Everything runs in a namespace of its own holding the site's relay and SQL addresses: Exim with STARTTLS
 * listens on the relay's 10.20.1.25:587; nothing listens on the SQL server's 10.20.10.15:1433.
 */
const RELAY = '10.20.1.25';
const SQL = '10.20.10.15';

describe.skipIf(missing(requirements.netns, appServers.exim, appServers.openssl))(
  'probe --emit bash, run for a Hamilton role, --import',
  () => {
    const dir = scratch('emit-import');
    const site = join(repoRoot, 'examples/hamilton-site.yaml');
    const only = ['--from', 'web', '--only', 'smtp-relay', 'web-sql', '--timeout', '4000'];
    let ns: ProbeNs;
    let exim: Daemon;
    let ca: string;

    /** A command inside the namespace, bounded; its standard output. */
    const inNs = (cmd: string, args: readonly string[]) =>
      new Promise<{ code: number; out: string; err: string }>((resolve) =>
        execFile(
          'ip',
          ['netns', 'exec', ns.name, cmd, ...args],
          { encoding: 'utf8', timeout: 120_000, cwd: repoRoot, maxBuffer: 16 << 20 },
          (err, out, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, out, err: stderr }),
        ),
      );

    beforeAll(async () => {
      ns = await createProbeNs('emitimp');
      for (const a of [RELAY, SQL]) await ns.exec('ip', ['addr', 'add', `${a}/32`, 'dev', 'lo']);
      const spool = join(dir, 'spool');
      mkdirSync(spool, { mode: 0o777 });
      chmodSync(dir, 0o777);
      chmodSync(spool, 0o777);
      const { cert, key } = selfSigned(dir, ['smtp-relay.corp.example', RELAY]);
      ca = cert;
      writeFileSync(
        join(dir, 'exim.conf'),
        [
          'primary_hostname = smtp-relay.corp.example',
          `spool_directory = ${spool}`,
          `log_file_path = ${dir}/%slog`,
          `pid_file_path = ${dir}/exim.pid`,
          `local_interfaces = ${RELAY}`,
          'daemon_smtp_ports = 587',
          'keep_environment =',
          'tls_advertise_hosts = *',
          `tls_certificate = ${cert}`,
          `tls_privatekey = ${key}`,
          '',
        ].join('\n'),
      );
      exim = startDaemon(
        'ip',
        ['netns', 'exec', ns.name, 'exim4', '-C', join(dir, 'exim.conf'), '-bdf', '-oP', join(dir, 'exim.pid')],
        dir,
      );
      const up = await inNs('bash', [
        '-c',
        `for i in $(seq 100); do (exec 3<>/dev/tcp/${RELAY}/587) 2>/dev/null && exit 0; sleep 0.1; done; exit 1`,
      ]);
      if (up.code !== 0) throw new Error(`exim not listening on ${RELAY}:587: ${exim.output()}`);
    }, 60_000);
    afterAll(() => {
      exim?.stop();
      ns?.destroy();
    });

    it('writes a script whose JSON imports with titles and origins, with the Node runners’ verdicts', async () => {
      const scriptFile = join(dir, 'probe.sh');
      const emitted = await run(['probe', site, ...only, '--emit', 'bash', '-o', scriptFile]);
      expect(emitted.code, emitted.err).toBe(0);

      const ran = await inNs('bash', [scriptFile]);
      expect(ran.code, ran.err).toBe(0);
      const resultsFile = join(dir, 'results.json');
      writeFileSync(resultsFile, ran.out);

      const imported = await run(['probe', '--import', resultsFile, '--format', 'json']);
      const report = JSON.parse(imported.out) as ProbeReport;
      expect(report.site).toBe('hamilton-example');
      expect(report.source).toBe('role web (script)');
      // The SQL server is not listening: a FAIL, so the import exits 1 as a run here would.
      expect(imported.code).toBe(1);

      const here = await inNs(process.execPath, ['bin/flowmatrix.js', 'probe', site, ...only, '--format', 'json']);
      const node = JSON.parse(here.out) as ProbeReport;
      expect(report.probes.map((p) => [p.id, p.title, p.origin])).toEqual(
        node.probes.map((p) => [p.id, p.title, p.origin]),
      );
      const status = (r: ProbeReport) => Object.fromEntries(r.results.map((x) => [x.id, x.status]));
      const script = status(report);
      const ours = status(node);
      // What bash can check gets the Node verdict; the rest is UNTESTABLE, never a guess.
      const checked = report.results.filter((r) => r.status !== 'UNTESTABLE').map((r) => r.id);
      expect(checked.length).toBeGreaterThanOrEqual(4);
      for (const id of checked) expect(script[id], id).toBe(ours[id]);
      const byKind = (kind: string, port: number) =>
        report.results.find((r) => r.kind === kind && r.port === port && !r.id.startsWith('check:'));
      expect(byKind('tcp', 587)?.status).toBe('PASS');
      expect(byKind('tcp', 1433)?.status).toBe('FAIL');
      // The relay's self-signed certificate is not trusted (the site gives no private CA): FAIL, in bash as in Node,
      // with the banner and capabilities as evidence.
      const smtp = byKind('smtp', 587);
      expect(smtp?.status).toBe('FAIL');
      expect(smtp?.evidence.find((e) => e.label === 'banner')?.value).toMatch(/^220 smtp-relay\.corp\.example ESMTP/);

      const text = await run(['probe', '--import', resultsFile, '--lang', 'en']);
      expect(text.out).toContain('SMTP works (test message)');
      expect(text.out).toContain('check hamilton.smtp-relay-send (§10 item 2');
      expect(text.out).toMatch(/FAIL +hamilton\.web-sql web → sql: tcp\/1433 to 10\.20\.10\.15/);
      const html = await run(['probe', '--import', resultsFile, '--format', 'html', '--lang', 'fr']);
      expect(html.out).toContain('SMTP opérationnel (test d’envoi)');
      expect(html.out).toContain('certificat non reconnu');
    }, 120_000);

    it('matrix --probe-results: a status column on the rows and an opening-checks sheet (XLSX) and section (HTML)', async () => {
      const results = join(dir, 'node-results.json');
      const ran = await inNs(process.execPath, [
        'bin/flowmatrix.js',
        'probe',
        site,
        ...only,
        '--format',
        'json',
        '-o',
        results,
      ]);
      expect(ran.code, ran.err).toBe(1);
      const report = JSON.parse(readFileSync(results, 'utf8')) as ProbeReport;
      const sqlKey = report.probes.find((p) => p.origin.flow === 'hamilton.web-sql')?.origin.row;
      const relayKey = report.probes.find((p) => p.origin.flow === 'hamilton.smtp-relay')?.origin.row;

      const xlsx = join(dir, 'matrix.xlsx');
      const made = await run([
        'matrix',
        'examples/hamilton-site.yaml',
        '-f',
        'xlsx',
        '-o',
        xlsx,
        '--probe-results',
        results,
      ]);
      expect(made.code, made.err).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsx);
      const sheet =
        wb.getWorksheet('Hamilton') ?? wb.worksheets.find((w) => w.getRow(1).values.toString().includes('Key'));
      if (!sheet) throw new Error(`no catalog sheet in ${wb.worksheets.map((w) => w.name).join(', ')}`);
      const header = (sheet.getRow(1).values as unknown[]).map(String);
      const at = (name: string) => header.indexOf(name);
      expect(at('Opening check')).toBeGreaterThan(0);
      const cells = new Map<string, string>();
      for (let r = 2; r <= sheet.rowCount; r++) {
        const row = sheet.getRow(r);
        cells.set(row.getCell(at('Key')).text, row.getCell(at('Opening check')).text);
      }
      expect(cells.get(sqlKey as string)).toMatch(/^FAIL — tcp · 10\.20\.10\.15:1433: IPv4 closed/);
      // The relay answers on TCP but its STARTTLS certificate is not trusted: the row shows the SMTP FAIL.
      expect(cells.get(relayKey as string)).toMatch(
        /^FAIL — smtp · SMTP answers, but TLS fails: certificate not trusted.*\(1\/2 passed\)$/,
      );
      // A row the run did not probe (another source) says so rather than passing.
      expect([...cells.values()]).toContain('not probed');
      const checks = wb.getWorksheet('Opening checks');
      if (!checks) throw new Error('no Opening checks sheet');
      const listed = (checks.getSheetValues() as unknown[][]).flat().map(String);
      expect(listed).toContain('SMTP works (test message)');
      expect(listed.some((v) => v.includes('banner: 220 smtp-relay.corp.example ESMTP'))).toBe(true);

      const html = await run([
        'matrix',
        'examples/hamilton-site.yaml',
        '-f',
        'html',
        '--lang',
        'fr',
        '--probe-results',
        results,
      ]);
      expect(html.code, html.err).toBe(0);
      expect(html.out).toContain('<th data-id="probe" title="probe">Test d’ouverture</th>');
      expect(html.out).toContain('<section id="probe"><h2>Tests d’ouverture</h2>');
      expect(html.out).toMatch(/FAIL — tcp · 10\.20\.10\.15:1433 : IPv4 fermé/);

      const wrong = await run([
        'matrix',
        'examples/lync-2013-edge-site.yaml',
        '-f',
        'html',
        '--probe-results',
        results,
      ]);
      expect([wrong.code, wrong.err]).toEqual([2, expect.stringMatching(/probe results of site "hamilton-example"/)]);
      const md = await run(['matrix', 'examples/hamilton-site.yaml', '-f', 'md', '--probe-results', results]);
      expect([md.code, md.err]).toEqual([
        2,
        expect.stringMatching(/a md document shows no probe results — use -f xlsx\|html/),
      ]);
    }, 120_000);

    it('--ca-file: the relay signed by the site’s private CA passes, in the script as in Node', async () => {
      const withCa = [...only, '--ca-file', ca];
      const scriptFile = join(dir, 'probe-ca.sh');
      expect((await run(['probe', site, ...withCa, '--emit', 'bash', '-o', scriptFile])).code).toBe(0);
      const script = JSON.parse((await inNs('bash', [scriptFile])).out) as ProbeReport;
      const node = JSON.parse(
        (await inNs(process.execPath, ['bin/flowmatrix.js', 'probe', site, ...withCa, '--format', 'json'])).out,
      ) as ProbeReport;
      for (const report of [script, node]) {
        const smtp = report.results.filter((r) => r.kind === 'smtp');
        expect(
          smtp.map((r) => r.status),
          JSON.stringify(smtp.map((r) => r.evidence)),
        ).toEqual(['PASS', 'PASS']);
      }
    }, 120_000);

    it('is for one named source host: without --as or --from it is exit 2 with a hint', async () => {
      const r = await run(['probe', site, '--emit', 'powershell']);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--emit writes a script for one source host: name it with --as HOST or --from ROLE/);
    });
  },
);

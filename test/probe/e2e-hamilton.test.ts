import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeReport } from '../../src/probe/report/index.js';
import type { ProbeResult } from '../../src/probe/types.js';
import { generate } from '../../src/targets/index.js';
import { run } from '../support/netns-base.js';
import { loadGenerated } from '../support/netns-kernel.js';
import { createSidedLab, type SidedLab } from '../support/netns-sided.js';
import { missing, requirements } from '../support/system.js';
import { exampleMatrix } from '../targets/support/examples.js';
import { SERVERS } from './support/netns-probe.js';

/**
 * `flowmatrix probe` end to end through a real firewall: Hamilton's fw-internal, generated for nftables by
 * `generate`, loaded into a firewall namespace between a LAN side and a DMZ side holding the site's own addresses
 * behind the interface names the site declares (eth1, eth2). Servers listen on the far side; the real CLI runs in
 * the near side's namespace as a site host (its source address is the host's). Every row the matrix opens probes
 * PASS, a UDP row whose server stays silent is INCONCLUSIVE, and a row removed from the ruleset probes FAIL
 * (filtered: the firewall drops it). The servers are bare TCP listeners: the reachability probes (tcp, udp) are what
 * the firewall decides; the application probes that follow them (tls, smtp, ldap) run against real servers in their
 * own tests, and here only show that they run once their tcp probe passed.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const SITE = 'examples/hamilton-site.yaml';
const LAN = [
  '10.20.30.11',
  '10.20.1.53',
  '10.20.2.53',
  '10.20.1.123',
  '10.20.1.25',
  '10.20.1.10',
  '10.20.2.10',
  '10.20.10.15',
];
const DMZ = ['172.16.50.10', '2001:db8:50::10', '172.16.50.20'];

const tcp = (hosts: readonly string[], port: number) => hosts.map((host) => ({ host, port }));
const LAN_SERVERS = {
  tcp: [
    ...tcp(['10.20.1.53', '10.20.2.53'], 53),
    ...tcp(['10.20.1.25'], 587),
    ...tcp(['10.20.1.10', '10.20.2.10'], 636),
    ...tcp(['10.20.10.15'], 1433),
  ],
  echo: tcp(['10.20.1.53', '10.20.2.53'], 53),
  // The NTP server is there but never answers: silence, which proves nothing either way.
  silent: tcp(['10.20.1.123'], 123),
};
const DMZ_SERVERS = { tcp: [...tcp(['172.16.50.10', '2001:db8:50::10'], 443), ...tcp(['172.16.50.20'], 3128)] };

describe.skipIf(missing(requirements.nft, requirements.netns))('flowmatrix probe through Hamilton fw-internal', () => {
  const matrix = exampleMatrix('hamilton-site');
  let lab: SidedLab;
  const servers: ChildProcess[] = [];

  const startServers = (side: number, spec: unknown) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(
        'ip',
        [
          'netns',
          'exec',
          lab.names.sides[side] as string,
          process.execPath,
          '--input-type=module',
          '-e',
          SERVERS,
          JSON.stringify(spec),
        ],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      servers.push(child);
      let err = '';
      child.stderr?.on('data', (d) => {
        err += String(d);
      });
      child.stdout?.on('data', (d) => String(d).includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`servers exited (${code}): ${err}`)));
    });

  /** The CLI in a side's namespace; its JSON report and exit code. */
  const probe = (side: number, args: readonly string[]) =>
    new Promise<{ code: number | null; report: ProbeReport; stderr: string }>((resolve, reject) => {
      const child = spawn(
        'ip',
        [
          'netns',
          'exec',
          lab.names.sides[side] as string,
          process.execPath,
          'bin/flowmatrix.js',
          'probe',
          SITE,
          '--format',
          'json',
          '--timeout',
          '1500',
          ...args,
        ],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      let err = '';
      child.stdout?.on('data', (d) => {
        out += String(d);
      });
      child.stderr?.on('data', (d) => {
        err += String(d);
      });
      child.on('exit', (code) => {
        try {
          resolve({ code, report: JSON.parse(out) as ProbeReport, stderr: err });
        } catch (e) {
          reject(new Error(`no JSON report (exit ${code}): ${err}\n${out}`, { cause: e }));
        }
      });
    });

  const load = async (without?: string) => {
    const m = without ? { ...matrix, rows: matrix.rows.filter((r) => r.flow !== without) } : matrix;
    const out = generate(m, { firewall: 'fw-internal' });
    if (!out.ok) throw new Error(out.issues.map((i) => i.message).join('\n'));
    await loadGenerated(lab, 'nftables', out.value);
  };

  const rowResults = (report: ProbeReport): ProbeResult[] => {
    const rows = new Set(
      report.probes.filter((p) => p.origin.row && (p.kind === 'tcp' || p.kind === 'udp')).map((p) => p.id),
    );
    return report.results.filter((r) => rows.has(r.id));
  };
  const statusOf = (report: ProbeReport) =>
    Object.fromEntries(rowResults(report).map((r) => [`${r.kind} ${r.target}:${r.port}`, r.status]));

  beforeAll(async () => {
    lab = await createSidedLab([
      { iface: 'eth1', addresses: LAN },
      { iface: 'eth2', addresses: DMZ },
    ]);
    // Each side leaves with the address of the host it stands for.
    await run('ip', [
      '-n',
      lab.names.sides[0] as string,
      'route',
      'replace',
      'default',
      'via',
      '169.254.1.1',
      'dev',
      'n0',
      'src',
      '10.20.30.11',
    ]);
    await run('ip', [
      '-n',
      lab.names.sides[1] as string,
      'route',
      'replace',
      'default',
      'via',
      '169.254.2.1',
      'dev',
      'n0',
      'src',
      '172.16.50.10',
    ]);
    await run('ip', [
      '-6',
      '-n',
      lab.names.sides[1] as string,
      'route',
      'replace',
      'default',
      'via',
      'fdfe:0:2::1',
      'dev',
      'n0',
      'src',
      '2001:db8:50::10',
    ]);
    await startServers(0, LAN_SERVERS);
    await startServers(1, DMZ_SERVERS);
    await load();
  }, 60_000);
  afterAll(() => {
    for (const s of servers.splice(0)) s.kill('SIGKILL');
    lab?.destroy();
  });

  it('LAN → DMZ: every row the matrix opens for admin-ws-1 probes PASS; its TLS probe runs after it', async () => {
    const { code, report, stderr } = await probe(0, ['--as', 'admin-ws-1', '--only', 'clients-web']);
    expect(statusOf(report)).toEqual({ 'tcp 172.16.50.10:443': 'PASS' });
    // The stand-in listener on 443 speaks no TLS: the tls probe ran (not SKIPPED) and fails the handshake; exit 1.
    const tls = report.results.find((r) => r.kind === 'tls' && r.target === '172.16.50.10');
    expect(tls?.status, JSON.stringify(tls?.evidence)).toBe('FAIL');
    expect(code, stderr).toBe(1);
  }, 60_000);

  it('DMZ → LAN: the WEB server’s rows PASS (TCP open, DNS answered over UDP), the silent NTP server is INCONCLUSIVE', async () => {
    const { report } = await probe(1, [
      '--as',
      'hamilton-web',
      '--only',
      'dns',
      'ntp',
      'smtp-relay',
      'directory-ldaps',
      'web-sql',
    ]);
    expect(statusOf(report)).toEqual({
      'udp 10.20.1.53:53': 'PASS',
      'udp 10.20.2.53:53': 'PASS',
      'tcp 10.20.1.53:53': 'PASS',
      'tcp 10.20.2.53:53': 'PASS',
      'udp 10.20.1.123:123': 'INCONCLUSIVE',
      'tcp 10.20.1.25:587': 'PASS',
      'tcp 10.20.1.10:636': 'PASS',
      'tcp 10.20.2.10:636': 'PASS',
      'tcp 10.20.10.15:1433': 'PASS',
    });
  }, 60_000);

  it('a row removed from the ruleset probes FAIL, filtered; exit 1', async () => {
    await load('web-sql');
    try {
      const { code, report } = await probe(1, ['--as', 'hamilton-web', '--only', 'web-sql']);
      const [sql] = rowResults(report);
      expect(sql?.status).toBe('FAIL');
      expect(sql?.error).toBe('ETIMEDOUT');
      expect(sql?.summary.en).toBe('10.20.10.15:1433: IPv4 filtered (no answer)');
      expect(code).toBe(1);
    } finally {
      await load();
    }
  }, 60_000);
});

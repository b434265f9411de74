import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunContext } from '../../src/probe/run/runner.js';
import { DEFAULT_LIMITS, type ProbeKind, type ProbeResult, type ProbeSpec } from '../../src/probe/types.js';
import { commandWorks, type SystemRequirement } from './system.js';

/**
 * Real peers for the tls, http, proxy and revocation probes: a throw-away PKI made by `openssl` (a CA, good, expired,
 * wrong-name, near-expiry and revoked certificates whose CRL and OCSP pointers name local servers), `openssl
 * s_server`, `openssl ocsp` and Squid, all on loopback and all stopped by `stop()`.
 */
export const probeRequirements = {
  openssl: {
    what: 'openssl (s_server, ca, ocsp)',
    install: 'apt-get install -y openssl',
    probe: () => commandWorks('openssl', ['version']),
  },
  squid: {
    what: 'Squid (HTTP CONNECT proxy) and basic_ncsa_auth',
    install: 'apt-get install -y squid',
    probe: () => commandWorks('squid', ['-v']) && commandWorks('test', ['-x', BASIC_NCSA_AUTH]),
  },
} satisfies Record<string, SystemRequirement>;

export const BASIC_NCSA_AUTH = '/usr/lib/squid/basic_ncsa_auth';

export const testContext = (overrides: Partial<RunContext> = {}): RunContext => ({
  limits: { ...DEFAULT_LIMITS, timeoutMs: 8000 },
  ...overrides,
});

/** A free loopback TCP port (the kernel's pick, released at once: good enough for a test's own servers). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until something accepts TCP on the port: 100 tries, 100 ms apart, then throws with what the server said. */
export async function waitForPort(port: number, child?: Started): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child && child.proc.exitCode !== null) throw new Error(`server exited early: ${child.output()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listening on 127.0.0.1:${port} after 10 s: ${child?.output() ?? ''}`);
}

/** Waits until the process prints the pattern: 100 checks, 100 ms apart. */
export async function waitForOutput(child: Started, pattern: RegExp): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (pattern.test(child.output())) return;
    if (child.proc.exitCode !== null) throw new Error(`server exited early: ${child.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${pattern} after 10 s: ${child.output()}`);
}

export interface Started {
  readonly proc: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a server process; `stop()` sends SIGTERM, then SIGKILL after 3 s. stdin stays open (s_server reads it). */
export function startProcess(cmd: string, args: string[], options: { cwd?: string } = {}): Started {
  const proc = spawn(cmd, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-4000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  return {
    proc,
    output: () => out,
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface Leaf {
  readonly cert: string;
  readonly key: string;
  readonly serial: string;
}

export interface TestPki {
  readonly dir: string;
  readonly caCert: string;
  readonly caKey: string;
  readonly good: Leaf;
  readonly expired: Leaf;
  readonly wrongName: Leaf;
  readonly nearExpiry: Leaf;
  readonly revoked: Leaf;
  /** CRLs, DER: current (revoked listed), and one whose nextUpdate is long past. */
  readonly crlDer: Buffer;
  readonly staleCrlDer: Buffer;
  readonly crlUrl: string;
  readonly ocspUrl: string;
  readonly ocspPort: number;
  cleanup(): void;
}

const openssl = (dir: string, args: string[], env: Record<string, string> = {}) =>
  execFileSync('openssl', args, {
    cwd: dir,
    env: { ...process.env, SAN: 'DNS:unused.test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

/**
 * A CA run by `openssl ca` (index, serials, CRL numbers), and leaves carrying a CRL distribution point and an OCSP
 * URL on the given loopback ports. `revoked` is revoked before the CRL is issued.
 */
export function makePki(crlPort: number, ocspPort: number, caName = 'Flowmatrix Probe Test CA'): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'fm-pki-'));
  try {
    return buildPki(dir, crlPort, ocspPort, caName);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

function buildPki(dir: string, crlPort: number, ocspPort: number, caName: string): TestPki {
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'newcerts'));
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(join(dir, 'crlnumber'), '01\n');
  const crlUrl = `http://127.0.0.1:${crlPort}/ca.crl`;
  const ocspUrl = `http://127.0.0.1:${ocspPort}/`;
  writeFileSync(
    join(dir, 'ca.cnf'),
    `[ca]
default_ca = local
[local]
dir = ${dir}
database = $dir/index.txt
new_certs_dir = $dir/newcerts
serial = $dir/serial
crlnumber = $dir/crlnumber
certificate = $dir/ca.crt
private_key = $dir/ca.key
default_md = sha256
default_days = 90
default_crl_days = 7
policy = anything
unique_subject = no
copy_extensions = none
[anything]
commonName = supplied
[leaf]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = $ENV::SAN
crlDistributionPoints = URI:${crlUrl}
authorityInfoAccess = OCSP;URI:${ocspUrl}
`,
  );
  openssl(dir, [
    'req',
    '-x509',
    ...EC,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '30',
    '-subj',
    `/CN=${caName}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  const issue = (name: string, san: string, extra: string[] = []): Leaf => {
    openssl(dir, ['req', '-new', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
    openssl(
      dir,
      [
        'ca',
        '-batch',
        '-notext',
        '-config',
        'ca.cnf',
        '-extensions',
        'leaf',
        '-in',
        `${name}.csr`,
        '-out',
        `${name}.crt`,
        ...extra,
      ],
      { SAN: san },
    );
    const serial =
      openssl(dir, ['x509', '-in', `${name}.crt`, '-noout', '-serial'])
        .toString()
        .trim()
        .split('=')[1] ?? '';
    return { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`), serial };
  };
  const good = issue('good.test', 'DNS:good.test,DNS:localhost,IP:127.0.0.1');
  const expired = issue('expired.test', 'DNS:expired.test,DNS:localhost,IP:127.0.0.1', [
    '-startdate',
    '20200101000000Z',
    '-enddate',
    '20200201000000Z',
  ]);
  const wrongName = issue('other.test', 'DNS:other.test');
  const nearExpiry = issue('soon.test', 'DNS:soon.test,DNS:localhost,IP:127.0.0.1', ['-days', '5']);
  const revoked = issue('revoked.test', 'DNS:revoked.test,DNS:localhost,IP:127.0.0.1');
  openssl(dir, ['ca', '-batch', '-config', 'ca.cnf', '-revoke', revoked.cert, '-crl_reason', 'keyCompromise']);
  openssl(dir, ['ca', '-batch', '-config', 'ca.cnf', '-gencrl', '-out', 'ca.crl.pem']);
  openssl(dir, [
    'ca',
    '-batch',
    '-config',
    'ca.cnf',
    '-gencrl',
    '-out',
    'stale.crl.pem',
    '-crl_lastupdate',
    '20200101000000Z',
    '-crl_nextupdate',
    '20200108000000Z',
  ]);
  const der = (pem: string) => openssl(dir, ['crl', '-in', pem, '-outform', 'DER']);
  for (const f of ['index.txt', 'ca.crt', 'ca.key']) chmodSync(join(dir, f), 0o644);
  return {
    dir,
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    good,
    expired,
    wrongName,
    nearExpiry,
    revoked,
    crlDer: der('ca.crl.pem'),
    staleCrlDer: der('stale.crl.pem'),
    crlUrl,
    ocspUrl,
    ocspPort,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** `openssl s_server` with one certificate; `legacyOnly` offers TLS 1.0 alone (security level 0), else 1.2 and 1.3. */
export async function startTlsServer(
  pki: TestPki,
  leaf: Leaf,
  mode: 'modern' | 'tls1-only',
): Promise<Started & { port: number }> {
  const port = await freePort();
  const versions = mode === 'tls1-only' ? ['-tls1', '-cipher', 'DEFAULT@SECLEVEL=0'] : ['-no_tls1', '-no_tls1_1'];
  const child = startProcess('openssl', [
    's_server',
    '-accept',
    `127.0.0.1:${port}`,
    '-cert',
    leaf.cert,
    '-key',
    leaf.key,
    '-cert_chain',
    pki.caCert,
    '-www',
    '-quiet',
    ...versions,
  ]);
  await waitForPort(port, child);
  return { ...child, port };
}

/** `openssl ocsp` answering for the test CA from its index (signed by the CA itself), on the port the leaves name. */
export async function startOcspResponder(pki: TestPki): Promise<Started> {
  const child = startProcess(
    'openssl',
    [
      'ocsp',
      '-index',
      'index.txt',
      '-port',
      String(pki.ocspPort),
      '-rsigner',
      'ca.crt',
      '-rkey',
      'ca.key',
      '-CA',
      'ca.crt',
      '-nmin',
      '60',
      '-ignore_err',
    ],
    { cwd: pki.dir },
  );
  // Not waitForPort: OpenSSL 3.0's responder hangs for good on a connection closed without a request.
  await waitForOutput(child, /waiting for OCSP client connections/);
  return child;
}

/** A plain HTTP server the test controls (it is the peer, not the thing under test). */
export async function startHttp(
  handler: http.RequestListener,
  port = 0,
): Promise<{ port: number; stop(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Squid on a loopback port, its config generated here: `hosts` maps test names to 127.0.0.1 (the proxy resolves),
 * CONNECT to `blocked.test` is denied by policy, and with `user` a Basic login (htpasswd by `openssl passwd -apr1`)
 * is required.
 */
export async function startSquid(options: {
  user?: { name: string; password: string };
  hosts: readonly string[];
}): Promise<Started & { port: number; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'fm-squid-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  writeFileSync(join(dir, 'hosts'), `127.0.0.1 ${options.hosts.join(' ')}\n`);
  const auth: string[] = [];
  if (options.user) {
    const hash = execFileSync('openssl', ['passwd', '-apr1', options.user.password]).toString().trim();
    writeFileSync(join(dir, 'htpasswd'), `${options.user.name}:${hash}\n`);
    auth.push(
      `auth_param basic program ${BASIC_NCSA_AUTH} ${join(dir, 'htpasswd')}`,
      'auth_param basic children 1 startup=1 idle=1',
      'auth_param basic realm flowmatrix-test',
      'acl authenticated proxy_auth REQUIRED',
      'http_access deny !authenticated',
    );
  }
  const conf = [
    `http_port 127.0.0.1:${port}`,
    `pid_filename ${join(dir, 'squid.pid')}`,
    `cache_log ${join(dir, 'cache.log')}`,
    `access_log ${join(dir, 'access.log')}`,
    `hosts_file ${join(dir, 'hosts')}`,
    'dns_nameservers 127.0.0.1',
    'cache deny all',
    'shutdown_lifetime 0 seconds',
    `coredump_dir ${dir}`,
    'acl blocked dstdomain blocked.test',
    ...auth,
    'http_access deny blocked',
    'http_access allow all',
  ].join('\n');
  writeFileSync(join(dir, 'squid.conf'), `${conf}\n`);
  for (const f of ['hosts', 'squid.conf', ...(options.user ? ['htpasswd'] : [])]) chmodSync(join(dir, f), 0o644);
  writeFileSync(join(dir, 'cache.log'), '');
  writeFileSync(join(dir, 'access.log'), '');
  chmodSync(join(dir, 'cache.log'), 0o666);
  chmodSync(join(dir, 'access.log'), 0o666);
  const child = startProcess('squid', ['-N', '-f', join(dir, 'squid.conf')]);
  try {
    await waitForPort(port, child);
  } catch (err) {
    await child.stop();
    throw new Error(`${(err as Error).message}\n${readFileSync(join(dir, 'cache.log'), 'utf8').slice(-2000)}`);
  }
  return {
    ...child,
    port,
    dir,
    stop: async () => {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A sub-check's line (`PASS: …`) from a result's evidence, '' when absent. */
export const checkOf = (r: ProbeResult, name: string): string =>
  r.evidence.find((e) => e.label === `check ${name}`)?.value ?? '';

export const evidenceOf = (r: ProbeResult, label: string): string | undefined =>
  r.evidence.find((e) => e.label === label)?.value;

export const probeSpec = (
  kind: ProbeKind,
  target: string,
  port: number | undefined,
  options: ProbeSpec['options'] = {},
): ProbeSpec => ({
  id: `${kind} ${target}${port ? `:${port}` : ''}`,
  kind,
  target,
  ...(port ? { port } : {}),
  origin: { check: 'test' },
  title: { fr: kind, en: kind },
  options,
});

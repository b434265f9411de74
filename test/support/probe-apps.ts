import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProbeResult } from '../../src/probe/types.js';
import { commandWorks, type SystemRequirement } from './system.js';

/**
 * Real application servers for the probe tests, each started on loopback ports of its own from a throw-away config
 * directory, and stopped (by its own pid) in afterAll. Debian packages; `.ci/run` installs them.
 */

const which = (cmd: string): boolean => commandWorks('sh', ['-c', `command -v ${cmd}`]);

export const appServers = {
  exim: { what: 'exim (SMTP server)', install: 'apt-get install -y exim4-daemon-light', probe: () => which('exim4') },
  slapd: { what: 'slapd (LDAP server)', install: 'apt-get install -y slapd ldap-utils', probe: () => which('slapd') },
  coturn: { what: 'coturn (STUN server)', install: 'apt-get install -y coturn', probe: () => which('turnserver') },
  kamailio: {
    what: 'kamailio (SIP server)',
    install: 'apt-get install -y kamailio kamailio-tls-modules',
    probe: () => which('kamailio'),
  },
  dnsmasq: { what: 'dnsmasq (DNS server)', install: 'apt-get install -y dnsmasq-base', probe: () => which('dnsmasq') },
  openssl: { what: 'openssl', install: 'apt-get install -y openssl', probe: () => which('openssl') },
} satisfies Record<string, SystemRequirement>;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Waits (bounded) until a TCP port accepts connections. */
export async function waitForTcp(port: number, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (let i = 0; i < 200 && Date.now() < until; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
}

export interface Daemon {
  readonly dir: string;
  readonly process: ChildProcess;
  readonly output: () => string;
  stop(): void;
}

/** Starts a server in the foreground (so that its pid is ours to stop) and keeps its output for failure messages. */
export function startDaemon(cmd: string, args: readonly string[], dir: string): Daemon {
  const child = spawn(cmd, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  return {
    dir,
    process: child,
    output: () => output,
    stop() {
      if (child.exitCode === null && child.pid) {
        try {
          process.kill(child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const scratch = (name: string): string => mkdtempSync(join(tmpdir(), `flowmatrix-${name}-`));

/** A self-signed certificate for `names[0]` with every name as a SAN; returns the PEM paths. */
export function selfSigned(dir: string, names: readonly string[]): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const san = names.map((n) => (/^[\d.]+$/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '30'].concat([
      '-subj',
      `/CN=${names[0]}`,
      '-addext',
      `subjectAltName=${san}`,
    ]),
    { stdio: 'ignore', timeout: 30_000 },
  );
  chmodSync(key, 0o644);
  return { cert, key };
}

export interface SmtpServer {
  readonly port: number;
  readonly ca: string;
  readonly daemon: Daemon;
  stop(): void;
}

/**
 * Exim on a loopback port with STARTTLS. `authBeforeTls` advertises AUTH on the clear connection too (the concern
 * the probe must raise); `maxConnections` caps simultaneous sessions so that one more gets Exim's own 421.
 * Only `probe@mail.test` is accepted as a recipient.
 */
export async function startExim(
  options: { authBeforeTls?: boolean; maxConnections?: number } = {},
): Promise<SmtpServer> {
  const dir = scratch('exim');
  chmodSync(dir, 0o777);
  mkdirSync(join(dir, 'spool'), { mode: 0o777 });
  chmodSync(join(dir, 'spool'), 0o777);
  const { cert, key } = selfSigned(dir, ['mail.test', 'localhost']);
  const port = await freePort();
  const config = [
    'primary_hostname = mail.test',
    `spool_directory = ${dir}/spool`,
    `log_file_path = ${dir}/%slog`,
    `pid_file_path = ${dir}/exim.pid`,
    'local_interfaces = 127.0.0.1',
    `daemon_smtp_ports = ${port}`,
    'keep_environment =',
    'tls_advertise_hosts = *',
    `tls_certificate = ${cert}`,
    `tls_privatekey = ${key}`,
    // Exim's own expansion syntax: advertise AUTH only once the session is encrypted.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an Exim expansion, not a JavaScript template
    options.authBeforeTls ? 'auth_advertise_hosts = *' : 'auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}',
    `smtp_accept_max = ${options.maxConnections ?? 20}`,
    'acl_smtp_rcpt = acl_check_rcpt',
    'begin acl',
    'acl_check_rcpt:',
    '  accept recipients = probe@mail.test',
    '  deny message = no such user here',
    'begin authenticators',
    'plain:',
    '  driver = plaintext',
    '  public_name = PLAIN',
    '  server_condition = no',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'exim.conf'), config);
  const daemon = startDaemon('exim4', ['-C', join(dir, 'exim.conf'), '-bdf', '-oP', join(dir, 'exim.pid')], dir);
  try {
    await waitForTcp(port);
  } catch (err) {
    daemon.stop();
    throw new Error(`${(err as Error).message}\n${daemon.output()}`);
  }
  return { port, ca: cert, daemon, stop: () => daemon.stop() };
}

export interface LdapServer {
  readonly ldapPort: number;
  readonly ldapsPort: number;
  readonly ca: string;
  readonly suffix: string;
  readonly adminDn: string;
  readonly adminPassword: string;
  stop(): void;
}

/**
 * slapd from a throw-away cn=config directory, on `ldap://` (StartTLS) and `ldaps://` loopback ports, with one mdb
 * database whose root DN can bind. `tls: false` leaves the certificate out, so StartTLS is refused by slapd itself.
 */
export async function startSlapd(options: { tls?: boolean } = {}): Promise<LdapServer> {
  const dir = scratch('slapd');
  mkdirSync(join(dir, 'config'));
  mkdirSync(join(dir, 'db'));
  const { cert, key } = selfSigned(dir, ['ldap.test', 'localhost']);
  const suffix = 'dc=example,dc=test';
  const adminDn = `cn=admin,${suffix}`;
  const adminPassword = 'probe-secret-not-printed';
  const tls = options.tls !== false;
  const ldif = [
    'dn: cn=config',
    'objectClass: olcGlobal',
    'cn: config',
    `olcPidFile: ${dir}/slapd.pid`,
    ...(tls ? [`olcTLSCertificateFile: ${cert}`, `olcTLSCertificateKeyFile: ${key}`] : []),
    '',
    'dn: cn=module{0},cn=config',
    'objectClass: olcModuleList',
    'cn: module{0}',
    'olcModulePath: /usr/lib/ldap',
    'olcModuleLoad: back_mdb',
    '',
    'dn: cn=schema,cn=config',
    'objectClass: olcSchemaConfig',
    'cn: schema',
    '',
    'include: file:///etc/ldap/schema/core.ldif',
    '',
    'dn: olcDatabase={-1}frontend,cn=config',
    'objectClass: olcDatabaseConfig',
    'objectClass: olcFrontendConfig',
    'olcDatabase: {-1}frontend',
    '',
    'dn: olcDatabase={0}config,cn=config',
    'objectClass: olcDatabaseConfig',
    'olcDatabase: {0}config',
    'olcAccess: {0}to * by * none',
    '',
    'dn: olcDatabase={1}mdb,cn=config',
    'objectClass: olcDatabaseConfig',
    'objectClass: olcMdbConfig',
    'olcDatabase: {1}mdb',
    `olcSuffix: ${suffix}`,
    `olcDbDirectory: ${dir}/db`,
    `olcRootDN: ${adminDn}`,
    `olcRootPW: ${adminPassword}`,
    '',
  ].join('\n');
  writeFileSync(join(dir, 'config.ldif'), ldif);
  execFileSync('slapadd', ['-n0', '-F', join(dir, 'config'), '-l', join(dir, 'config.ldif')], {
    stdio: 'pipe',
    timeout: 30_000,
  });
  const [ldapPort, ldapsPort] = [await freePort(), await freePort()];
  const urls = `ldap://127.0.0.1:${ldapPort}/ ldaps://127.0.0.1:${ldapsPort}/`;
  const daemon = startDaemon('slapd', ['-d', '0', '-h', urls, '-F', join(dir, 'config')], dir);
  try {
    await Promise.all([waitForTcp(ldapPort), waitForTcp(ldapsPort)]);
  } catch (err) {
    daemon.stop();
    throw new Error(`${(err as Error).message}\n${daemon.output()}`);
  }
  return { ldapPort, ldapsPort, ca: cert, suffix, adminDn, adminPassword, stop: () => daemon.stop() };
}

/** A free UDP port on loopback (bound then released). */
export async function freeUdpPort(): Promise<number> {
  const { createSocket } = await import('node:dgram');
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** A UDP socket that receives and never answers: a server (or a firewall) that stays silent. */
export async function silentUdp(): Promise<{ port: number; received: () => number; stop(): void }> {
  const { createSocket } = await import('node:dgram');
  const socket = createSocket('udp4');
  let count = 0;
  socket.on('message', () => {
    count++;
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: socket.address().port, received: () => count, stop: () => socket.close() };
}

/** coturn as a plain STUN server (`--stun-only`) on one loopback port, UDP and TCP. */
export async function startCoturn(): Promise<{ port: number; stop(): void; output: () => string }> {
  const dir = scratch('coturn');
  const port = await freePort();
  const daemon = startDaemon(
    'turnserver',
    ['-n', '--stun-only', '-L', '127.0.0.1', '-p', String(port), '--no-tls', '--no-dtls', '--no-cli'].concat([
      '--log-file',
      'stdout',
      '--simple-log',
      '--pidfile',
      join(dir, 'turn.pid'),
      '--userdb',
      join(dir, 'turndb'),
    ]),
    dir,
  );
  try {
    await waitForTcp(port);
  } catch (err) {
    daemon.stop();
    throw new Error(`${(err as Error).message}\n${daemon.output()}`);
  }
  return { port, stop: () => daemon.stop(), output: daemon.output };
}

/**
 * Kamailio as a SIP peer on UDP and TCP (one port) and TLS (another): it answers OPTIONS with its own 200 OK (the
 * `sl` module, as a real proxy answers keep-alives) and anything else with 405.
 */
export async function startKamailio(): Promise<{ port: number; tlsPort: number; ca: string; stop(): void }> {
  const dir = scratch('kamailio');
  const { cert, key } = selfSigned(dir, ['sip.test', 'localhost']);
  const [port, tlsPort] = [await freePort(), await freePort()];
  const modules = execFileSync('sh', ['-c', 'dirname "$(ls /usr/lib/*/kamailio/modules/sl.so | head -1)"'], {
    encoding: 'utf8',
  }).trim();
  writeFileSync(
    join(dir, 'tls.cfg'),
    [
      '[server:default]',
      'method = TLSv1.2+',
      'verify_certificate = no',
      'require_certificate = no',
      `private_key = ${key}`,
      `certificate = ${cert}`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'kamailio.cfg'),
    [
      '#!KAMAILIO',
      'debug=1',
      'log_stderror=yes',
      'children=1',
      'tcp_children=1',
      'enable_tls=yes',
      `listen=udp:127.0.0.1:${port}`,
      `listen=tcp:127.0.0.1:${port}`,
      `listen=tls:127.0.0.1:${tlsPort}`,
      `mpath="${modules}/"`,
      'loadmodule "tls.so"',
      'loadmodule "sl.so"',
      `modparam("tls", "config", "${dir}/tls.cfg")`,
      'request_route {',
      '  if (method=="OPTIONS") { sl_send_reply("200", "OK"); exit; }',
      '  sl_send_reply("405", "Method Not Allowed");',
      '}',
      '',
    ].join('\n'),
  );
  const daemon = startDaemon(
    'kamailio',
    ['-f', join(dir, 'kamailio.cfg'), '-DD', '-E', '-Y', dir, '-P', join(dir, 'pid')],
    dir,
  );
  try {
    await Promise.all([waitForTcp(port), waitForTcp(tlsPort)]);
  } catch (err) {
    daemon.stop();
    throw new Error(`${(err as Error).message}\n${daemon.output()}`);
  }
  return { port, tlsPort, ca: cert, stop: () => daemon.stop() };
}

/** dnsmasq on a loopback port answering only from its command line (`--srv-host`, `--host-record`, `--cname`). */
export async function startDnsmasq(records: readonly string[]): Promise<{ server: string; stop(): void }> {
  const dir = scratch('dnsmasq');
  const port = await freePort();
  const daemon = startDaemon(
    'dnsmasq',
    ['-k', '--conf-file=/dev/null', `--port=${port}`, '--listen-address=127.0.0.1', '--bind-interfaces'].concat([
      '--no-resolv',
      '--no-hosts',
      `--pid-file=${join(dir, 'pid')}`,
      '--log-facility=-',
      ...records,
    ]),
    dir,
  );
  try {
    await waitForTcp(port);
  } catch (err) {
    daemon.stop();
    throw new Error(`${(err as Error).message}\n${daemon.output()}`);
  }
  return { server: `127.0.0.1:${port}`, stop: () => daemon.stop() };
}

/**
 * Runs an emitted bash script (bounded) and parses its JSON; `env` adds variables (FM_TOOLS_EXCLUDE…). Asynchronous,
 * so that servers living in the test process keep answering while the script runs.
 */
export async function runBashScript(
  script: string,
  env: Record<string, string> = {},
): Promise<{ format: string; results: ProbeResult[]; stderr: string }> {
  const dir = scratch('script');
  const file = join(dir, 'probe.sh');
  writeFileSync(file, script);
  try {
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
      execFile(
        'bash',
        [file],
        { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env }, cwd: dir },
        (err, stdout, stderr) =>
          err ? reject(new Error(`script failed: ${err.message}\n${stderr}`)) : resolve({ stdout, stderr }),
      ),
    );
    return { ...JSON.parse(stdout), stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `openssl s_server` as a plain TLS server on loopback with the given certificate. */
export async function startTlsServer(names: readonly string[]): Promise<{ port: number; ca: string; stop(): void }> {
  const dir = scratch('tls');
  const { cert, key } = selfSigned(dir, names);
  const port = await freePort();
  const daemon = startDaemon(
    'openssl',
    ['s_server', '-quiet', '-accept', `127.0.0.1:${port}`, '-cert', cert, '-key', key, '-www'],
    dir,
  );
  try {
    await waitForTcp(port);
  } catch (err) {
    daemon.stop();
    throw new Error(`${(err as Error).message}\n${daemon.output()}`);
  }
  return { port, ca: cert, stop: () => daemon.stop() };
}

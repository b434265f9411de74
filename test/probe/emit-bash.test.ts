import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, type Server as TcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { bashWord, emitBash } from '../../src/probe/emit/bash.js';
import { runLdap } from '../../src/probe/run/ldap.js';
import { runSmtp } from '../../src/probe/run/smtp.js';
import type { ProbeResult, ProbeSpec } from '../../src/probe/types.js';
import {
  appServers,
  freePort,
  type LdapServer,
  runBashScript,
  type SmtpServer,
  silentUdp,
  startDnsmasq,
  startExim,
  startSlapd,
  startTlsServer,
} from '../support/probe-apps.js';
import { missing } from '../support/system.js';

const limits = { timeoutMs: 2000, concurrency: 1, perHost: 1 };
const spec = (id: string, kind: ProbeSpec['kind'], target: string, rest: Partial<ProbeSpec> = {}): ProbeSpec => ({
  id,
  kind,
  target,
  origin: { check: id },
  title: { fr: id, en: id },
  ...rest,
});
const byId = (results: readonly ProbeResult[], id: string) => {
  const r = results.find((x) => x.id === id);
  if (!r) throw new Error(`no result for ${id}`);
  return r;
};
const value = (r: ProbeResult, label: string) => r.evidence.find((e) => e.label === label)?.value;

describe('bash words', () => {
  it('quote every character as data', () => {
    expect(bashWord("it's")).toBe(`'it'\\''s'`);
    expect(bashWord('$(x)`y`\n"')).toBe(`'$(x)\`y\`\n"'`);
  });
});

describe.skipIf(missing(appServers.dnsmasq, appServers.exim, appServers.openssl))(
  'emitted bash script, run here',
  () => {
    let listener: TcpServer;
    let listening: number;
    let http: Server;
    let httpPort: number;
    let dns: Awaited<ReturnType<typeof startDnsmasq>>;
    let exim: SmtpServer;
    let tls: Awaited<ReturnType<typeof startTlsServer>>;
    const marker = mkdtempSync(join(tmpdir(), 'flowmatrix-inject-'));

    beforeAll(async () => {
      listener = createServer((s) => s.destroy());
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      listening = (listener.address() as { port: number }).port;
      http = createHttpServer((req, res) => {
        res.writeHead(req.url === '/api' ? 401 : 200, { 'content-type': 'application/json' });
        res.end('{"issuer":"https://login.test/"}');
      });
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      httpPort = (http.address() as { port: number }).port;
      [dns, exim, tls] = await Promise.all([
        startDnsmasq([
          '--local=/example.test/',
          '--host-record=app.example.test,127.0.0.1',
          '--srv-host=_sip._tls.example.test,app.example.test,443,0,0',
        ]),
        startExim(),
        startTlsServer(['tls.test']),
      ]);
    }, 60_000);
    afterAll(() => {
      listener?.close();
      http?.close();
      for (const s of [dns, exim, tls]) s?.stop();
      rmSync(marker, { recursive: true, force: true });
    });

    it('checks TCP, DNS, dependencies and untestable kinds, and prints the results format', async () => {
      const closed = await freePort();
      const mute = await silentUdp();
      onTestFinished(() => mute.stop());
      const specs = [
        spec('dns-silent', 'dns', 'app.example.test', { options: { resolver: `127.0.0.1:${mute.port}`, type: 'A' } }),
        spec('dns-app', 'dns', 'app.example.test', { options: { resolver: dns.server, type: 'A' } }),
        spec('dns-missing', 'dns', 'nope.example.test', { options: { resolver: dns.server } }),
        spec('srv', 'discovery', '_sip._tls.example.test', { options: { resolver: dns.server } }),
        spec('tcp-open', 'tcp', '127.0.0.1', { port: listening, dependsOn: ['dns-app'] }),
        spec('tcp-closed', 'tcp', '127.0.0.1', { port: closed }),
        spec('after-closed', 'tcp', '127.0.0.1', { port: listening, dependsOn: ['tcp-closed'] }),
        spec('ntp', 'ntp', '127.0.0.1', { port: 123 }),
      ];
      const out = await runBashScript(emitBash(specs, { limits }));
      expect(out.format).toBe('flowmatrix-probe-results/1');
      expect(out.results.map((r) => r.id).sort()).toEqual(specs.map((s) => s.id).sort());
      expect(byId(out.results, 'dns-app').status).toBe('PASS');
      expect(value(byId(out.results, 'dns-app'), 'A')).toBe('127.0.0.1');
      expect(byId(out.results, 'dns-missing')).toMatchObject({ status: 'FAIL', error: 'NXDOMAIN' });
      // A silent resolver: UDP silence, INCONCLUSIVE as in the Node runners (the rule beside PROBE_STATUSES).
      expect(byId(out.results, 'dns-silent')).toMatchObject({ status: 'INCONCLUSIVE', error: 'TIMEOUT' });
      expect(value(byId(out.results, 'srv'), 'SRV')).toBe('0 0 443 app.example.test.');
      expect(byId(out.results, 'tcp-open')).toMatchObject({ status: 'PASS', port: listening });
      expect(value(byId(out.results, 'tcp-open'), 'IPv4 127.0.0.1')).toBe('open');
      expect(byId(out.results, 'tcp-closed').status).toBe('FAIL');
      expect(value(byId(out.results, 'tcp-closed'), 'IPv4 127.0.0.1')).toBe('closed (connection refused)');
      expect(byId(out.results, 'after-closed').status).toBe('SKIPPED');
      expect(byId(out.results, 'ntp').status).toBe('UNTESTABLE');
      for (const r of out.results) {
        expect(r.summary.fr.length).toBeGreaterThan(0);
        expect(Number.isNaN(Date.parse(r.startedAt))).toBe(false);
        expect(r.durationMs).toBeGreaterThanOrEqual(0);
      }
    });

    it('falls back to getent without dig, and says when only dig could answer', async () => {
      const specs = [
        spec('getent', 'dns', 'localhost', { options: { type: 'A' } }),
        spec('srv-needs-dig', 'dns', '_sip._tls.example.test', { options: { type: 'SRV' } }),
      ];
      const out = await runBashScript(emitBash(specs, { limits }), { FM_TOOLS_EXCLUDE: 'dig' });
      expect(byId(out.results, 'getent')).toMatchObject({ status: 'PASS' });
      expect(value(byId(out.results, 'getent'), 'A')).toBe('127.0.0.1');
      expect(byId(out.results, 'srv-needs-dig').status).toBe('UNTESTABLE');
    });

    it('connects with nc and with bash /dev/tcp alike', async () => {
      const specs = [spec('tcp', 'tcp', '127.0.0.1', { port: listening })];
      expect((await runBashScript(emitBash(specs, { limits }), { FM_TOOLS_EXCLUDE: 'nc' })).results[0]?.status).toBe(
        'PASS',
      );
    });

    it('checks TLS with SNI, the CA and the name, and HTTP status expectations', async () => {
      const specs = [
        spec('tls-ok', 'tls', 'tls.test', { port: tls.port, options: { address: '127.0.0.1', caFile: tls.ca } }),
        spec('tls-untrusted', 'tls', 'tls.test', { port: tls.port, options: { address: '127.0.0.1' } }),
        spec('tls-wrong-name', 'tls', 'other.test', {
          port: tls.port,
          options: { address: '127.0.0.1', caFile: tls.ca },
        }),
        spec('http-json', 'http', `http://127.0.0.1:${httpPort}/.well-known/openid-configuration`, {
          options: { expectBody: '"issuer"' },
        }),
        spec('http-401', 'http', `http://127.0.0.1:${httpPort}/api`, { options: { expectStatus: 401 } }),
        spec('http-unexpected', 'http', `http://127.0.0.1:${httpPort}/api`),
      ];
      const out = await runBashScript(emitBash(specs, { limits }));
      const ok = byId(out.results, 'tls-ok');
      expect(ok.status, JSON.stringify(ok.evidence)).toBe('PASS');
      expect(value(ok, 'tls sni')).toBe('tls.test');
      expect(value(ok, 'tls version')).toMatch(/TLSv1\.[23]/);
      expect(byId(out.results, 'tls-untrusted').status).toBe('FAIL');
      expect(byId(out.results, 'tls-wrong-name').status).toBe('FAIL');
      expect(
        byId(out.results, 'http-json').status,
        JSON.stringify(out.results.map((r) => [r.id, r.status, r.error, r.timings])),
      ).toBe('PASS');
      expect(byId(out.results, 'http-401').status).toBe('PASS');
      expect(byId(out.results, 'http-unexpected')).toMatchObject({ status: 'FAIL', error: 'HTTP 401' });
    });

    it('checks SMTP as the Node runner does, with the same verdicts on the same server', async () => {
      const specs = [
        spec('smtp', 'smtp', 'mail.test', { port: exim.port, options: { address: '127.0.0.1', caFile: exim.ca } }),
        spec('smtp-rcpt', 'smtp', 'mail.test', {
          port: exim.port,
          options: { address: '127.0.0.1', caFile: exim.ca, rcpt: 'probe@mail.test' },
        }),
        spec('smtp-refused', 'smtp', 'mail.test', {
          port: exim.port,
          options: { address: '127.0.0.1', caFile: exim.ca, rcpt: 'nobody@mail.test' },
        }),
        spec('smtp-untrusted', 'smtp', 'mail.test', { port: exim.port, options: { address: '127.0.0.1' } }),
      ];
      const out = await runBashScript(emitBash(specs, { limits: { ...limits, timeoutMs: 5000 } }));
      for (const s of specs) {
        const node = await runSmtp(s, { limits: { ...limits, timeoutMs: 5000 } });
        const script = byId(out.results, s.id);
        expect(script.status, `${s.id}: ${JSON.stringify(script.evidence)}`).toBe(node.status);
      }
      expect(value(byId(out.results, 'smtp'), 'banner')).toMatch(/^220 mail\.test ESMTP Exim/);
      expect(value(byId(out.results, 'smtp'), 'capabilities')).toContain('STARTTLS');
      expect(value(byId(out.results, 'smtp-refused'), 'rcpt to <nobody@mail.test>')).toMatch(/^550/);
      expect(byId(out.results, 'smtp-untrusted').status).toBe('FAIL');
    });

    it('keeps hostile names as data: quotes, $(), backticks and newlines run nothing and come back intact', async () => {
      const evil = (tag: string) =>
        `x'"$(touch ${marker}/${tag}1)\`touch ${marker}/${tag}2\`\n;touch ${marker}/${tag}3 #`;
      const specs = [
        spec(evil('id'), 'tcp', evil('target'), { port: 80 }),
        spec('dns-evil', 'dns', evil('dns'), { options: { resolver: dns.server, type: evil('type') } }),
        spec('tls-evil', 'tls', evil('sni'), { port: tls.port, options: { address: '127.0.0.1', caFile: evil('ca') } }),
        spec('http-evil', 'http', `http://127.0.0.1:${httpPort}/`, { options: { expectBody: evil('body') } }),
        spec('smtp-evil', 'smtp', 'mail.test', {
          port: exim.port,
          options: { address: '127.0.0.1', rcpt: `a@b.test>\nDATA\n${evil('rcpt')}` },
        }),
        spec('dep-evil', 'tcp', '127.0.0.1', { port: listening, dependsOn: [evil('dep')] }),
      ];
      const out = await runBashScript(emitBash(specs, { limits, source: evil('source') }));
      expect(existsSync(marker)).toBe(true);
      expect(readdirSync(marker)).toEqual([]);
      expect(out.results.map((r) => r.id).sort()).toEqual(specs.map((s) => s.id).sort());
      expect(byId(out.results, evil('id')).target).toBe(evil('target'));
      expect(byId(out.results, evil('id')).status).toBe('FAIL');
      expect(byId(out.results, 'smtp-evil').status).toBe('UNTESTABLE');
      expect(byId(out.results, 'dep-evil').status).toBe('SKIPPED');
      expect(value(byId(out.results, 'dep-evil'), 'dependency')).toBe(`${evil('dep')}: not run`);
    });
  },
);

describe.skipIf(missing(appServers.slapd, appServers.openssl))('emitted bash script, LDAP against slapd', () => {
  let slapd: LdapServer;
  beforeAll(async () => {
    slapd = await startSlapd();
  }, 60_000);
  afterAll(() => slapd?.stop());

  it('upgrades with StartTLS and over LDAPS with the Node runner’s verdicts', async () => {
    const pinned = { address: '127.0.0.1' };
    const specs = [
      spec('starttls', 'ldap', 'ldap.test', { port: slapd.ldapPort, options: { ...pinned, caFile: slapd.ca } }),
      spec('ldaps', 'ldap', 'ldap.test', {
        port: slapd.ldapsPort,
        options: { ...pinned, tls: 'ldaps', caFile: slapd.ca },
      }),
      spec('untrusted', 'ldap', 'ldap.test', { port: slapd.ldapPort, options: pinned }),
    ];
    const out = await runBashScript(emitBash(specs, { limits }));
    for (const s of specs) {
      const node = await runLdap(s, { limits });
      expect(byId(out.results, s.id).status, `${s.id}: ${JSON.stringify(byId(out.results, s.id).evidence)}`).toBe(
        node.status,
      );
    }
    expect(byId(out.results, 'starttls').status).toBe('PASS');
    expect(byId(out.results, 'untrusted').status).toBe('FAIL');
    expect(value(byId(out.results, 'starttls'), 'tls sni')).toBe('ldap.test');
  });
});

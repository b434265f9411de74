import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTls } from '../../src/probe/run/tls.js';
import type { ProbeSpec } from '../../src/probe/types.js';
import {
  checkOf as check,
  evidenceOf as ev,
  freePort,
  makePki,
  probeRequirements,
  probeSpec,
  type Started,
  startTlsServer,
  type TestPki,
  testContext,
} from '../support/probe-tls.js';
import { missing } from '../support/system.js';

const spec = (target: string, port: number, options: ProbeSpec['options'] = {}) =>
  probeSpec('tls', target, port, options);

describe.skipIf(missing(probeRequirements.openssl))('tls runner against openssl s_server', () => {
  let pki: TestPki;
  const servers: Started[] = [];
  let modern: number;
  let tls1only: number;
  let expired: number;
  let wrongName: number;
  let nearExpiry: number;

  beforeAll(async () => {
    pki = makePki(await freePort(), await freePort());
    const start = async (leaf: TestPki['good'], mode: 'modern' | 'tls1-only') => {
      const s = await startTlsServer(pki, leaf, mode);
      servers.push(s);
      return s.port;
    };
    modern = await start(pki.good, 'modern');
    tls1only = await start(pki.good, 'tls1-only');
    expired = await start(pki.expired, 'modern');
    wrongName = await start(pki.wrongName, 'modern');
    nearExpiry = await start(pki.nearExpiry, 'modern');
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    pki?.cleanup();
  });

  it('passes a 1.2/1.3 server with a trusted, matching, long-lived certificate that refuses 1.0 and 1.1', async () => {
    const r = await runTls(spec('good.test', modern, { address: '127.0.0.1', caFile: pki.caCert }), testContext());
    expect(r.status, JSON.stringify(r.evidence, null, 1)).toBe('PASS');
    expect(ev(r, 'version')).toBe('TLSv1.3');
    expect(ev(r, 'cipher')).toMatch(/^TLS_/);
    expect(ev(r, 'SNI')).toBe('good.test');
    expect(ev(r, 'SANs')).toContain('DNS:good.test');
    expect(ev(r, 'chain[0]')).toContain('CN=good.test ← CN=Flowmatrix Probe Test CA');
    expect(Number(ev(r, 'days left'))).toBeGreaterThan(80);
    expect(check(r, 'refuses TLS 1.0')).toMatch(/^PASS: TLS 1.0 refused/);
    expect(check(r, 'refuses TLS 1.1')).toMatch(/^PASS: TLS 1.1 refused/);
    expect(r.timings.tls).toBeGreaterThan(0);
  });

  it('fails a server that offers only TLS 1.0, naming the accepted version', async () => {
    const r = await runTls(spec('good.test', tls1only, { address: '127.0.0.1', caFile: pki.caCert }), testContext());
    expect(r.status).toBe('FAIL');
    expect(check(r, 'version')).toMatch(/^FAIL: no TLS 1.2 or better handshake/);
    expect(ev(r, 'tls alert')).toBeDefined();
    expect(check(r, 'refuses TLS 1.0')).toMatch(/^FAIL: server accepts TLS 1.0/);
    expect(check(r, 'refuses TLS 1.1')).toMatch(/^PASS/);
  });

  it('says UNTESTABLE, never PASS, when our own client cannot complete TLS 1.0 (OpenSSL 3 at security level 1)', async () => {
    const options = { address: '127.0.0.1', caFile: pki.caCert, legacyCiphers: 'DEFAULT' };
    const r = await runTls(spec('good.test', tls1only, options), testContext());
    expect(check(r, 'refuses TLS 1.0')).toMatch(/^UNTESTABLE: TLS 1.0 untestable: our own client cannot offer it/);
    expect(r.status).not.toBe('PASS');
  });

  it('fails an expired certificate with its date', async () => {
    const r = await runTls(spec('expired.test', expired, { address: '127.0.0.1', caFile: pki.caCert }), testContext());
    expect(r.status).toBe('FAIL');
    expect(check(r, 'expiry')).toMatch(/^FAIL: certificate expired on 2020-02-01/);
    expect(check(r, 'chain')).toContain('CERT_HAS_EXPIRED');
    expect(Number(ev(r, 'days left'))).toBeLessThan(0);
  });

  it('fails a certificate that does not name the target', async () => {
    const r = await runTls(spec('good.test', wrongName, { address: '127.0.0.1', caFile: pki.caCert }), testContext());
    expect(r.status).toBe('FAIL');
    expect(check(r, 'name')).toMatch(/^FAIL: certificate does not cover good.test/);
    expect(check(r, 'chain')).toMatch(/^PASS/);
    expect(r.summary.en).toMatch(/^certificate does not cover good.test/);
    expect(r.summary.fr).toMatch(/^le certificat ne couvre pas good.test/);
  });

  it('warns when the certificate expires within minDays, and passes with a lower threshold', async () => {
    const soon = await runTls(
      spec('soon.test', nearExpiry, { address: '127.0.0.1', caFile: pki.caCert }),
      testContext(),
    );
    expect(soon.status).toBe('WARN');
    expect(check(soon, 'expiry')).toMatch(/^WARN: expires in [45] days \(threshold 15\)/);
    const relaxed = spec('soon.test', nearExpiry, { address: '127.0.0.1', caFile: pki.caCert, minDays: 2 });
    expect((await runTls(relaxed, testContext())).status).toBe('PASS');
  });

  it('warns of interception when a known service shows a foreign issuer', async () => {
    const options = { address: '127.0.0.1', caFile: pki.caCert, expectedIssuer: 'Microsoft' };
    const r = await runTls(spec('good.test', modern, options), testContext());
    expect(r.status).toBe('WARN');
    expect(check(r, 'issuer')).toMatch(/unexpected issuer CN=Flowmatrix Probe Test CA instead of Microsoft/);
    const ok = await runTls(spec('good.test', modern, { ...options, expectedIssuer: 'Probe Test' }), testContext());
    expect(ok.status).toBe('PASS');
  });

  it('does not trust a private CA without caFile (system store)', async () => {
    const r = await runTls(spec('good.test', modern, { address: '127.0.0.1' }), testContext());
    expect(r.status).toBe('FAIL');
    expect(check(r, 'chain')).toMatch(
      /^FAIL: chain not trusted: (UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN)/,
    );
    expect(ev(r, 'trust store')).toMatch(/Node.js bundled roots/);
  });

  it('fails fast on a closed port with the raw error', async () => {
    const r = await runTls(spec('127.0.0.1', await freePort()), testContext());
    expect(r.status).toBe('FAIL');
    expect(r.error).toMatch(/ECONNREFUSED/);
    expect(ev(r, 'SNI')).toMatch(/^none/);
  });

  it('stops at the time limit when the server accepts TCP and never speaks', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const r = await runTls(
        spec('good.test', port, { address: '127.0.0.1' }),
        testContext({ limits: { timeoutMs: 800, concurrency: 1, perHost: 1 } }),
      );
      expect(r.status).toBe('FAIL');
      expect(r.error).toMatch(/ETIMEDOUT/);
      expect(r.durationMs).toBeLessThan(3000);
      expect(check(r, 'refuses TLS 1.0')).toMatch(/^INCONCLUSIVE/);
    } finally {
      silent.close();
    }
  });
});

describe.skipIf(missing(probeRequirements.openssl))('tls runner: SNI on a pinned address', () => {
  it('sends the target name as SNI while connecting to the pinned address', async () => {
    const pki = makePki(await freePort(), await freePort());
    const seen: string[] = [];
    const server = tls.createServer({
      cert: readFileSync(pki.good.cert),
      key: readFileSync(pki.good.key),
      SNICallback: (name, cb) => {
        seen.push(name);
        cb(null, undefined);
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const r = await runTls(spec('good.test', port, { address: '127.0.0.1', caFile: pki.caCert }), testContext());
      expect(seen[0]).toBe('good.test');
      expect(ev(r, 'connect to')).toBe(`127.0.0.1:${port}`);
      expect(check(r, 'name')).toMatch(/^PASS/);
    } finally {
      server.close();
      pki.cleanup();
    }
  });
});

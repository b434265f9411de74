import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHttp } from '../../src/probe/run/http.js';
import type { ProbeSpec } from '../../src/probe/types.js';
import {
  checkOf as check,
  evidenceOf as ev,
  freePort,
  makePki,
  probeRequirements,
  probeSpec,
  type Started,
  startHttp,
  startTlsServer,
  type TestPki,
  testContext,
} from '../support/probe-tls.js';
import { missing } from '../support/system.js';

const spec = (target: string, options: ProbeSpec['options'] = {}) => probeSpec('http', target, undefined, options);

describe('http runner against a real HTTP server', () => {
  let server: { port: number; stop(): Promise<void> };
  const hits: string[] = [];
  let base: string;

  beforeAll(async () => {
    server = await startHttp((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/.well-known/openid-configuration') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ issuer: 'https://login.example.test/', token_endpoint: 'https://x/token' }));
      } else if (req.url === '/api') {
        res.writeHead(401, { 'www-authenticate': 'Bearer' });
        res.end();
      } else if (req.url === '/moved') {
        res.writeHead(302, { location: '/elsewhere' });
        res.end();
      } else if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`[${'1,'.repeat(500_000)}1]`);
      } else if (req.url === '/page') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>Hamilton portal</html>');
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server?.stop());

  it('passes an OpenID configuration answering JSON', async () => {
    const r = await runHttp(spec(`${base}/.well-known/openid-configuration`, { expectJson: true }), testContext());
    expect(r.status).toBe('PASS');
    expect(check(r, 'json')).toBe('PASS: JSON answer');
    expect(ev(r, 'content-type')).toBe('application/json');
    expect(r.timings.response).toBeGreaterThan(0);
  });

  it('takes an expected 401 without a token as proof of reach, and fails it when 200 is expected', async () => {
    expect((await runHttp(spec(`${base}/api`, { expectStatus: 401 }), testContext())).status).toBe('PASS');
    expect((await runHttp(spec(`${base}/api`, { expectStatus: ['200', '401'] }), testContext())).status).toBe('PASS');
    const strict = await runHttp(spec(`${base}/api`), testContext());
    expect(strict.status).toBe('FAIL');
    expect(check(strict, 'status')).toBe('FAIL: status 401');
  });

  it('reports a redirect without following it', async () => {
    const before = hits.filter((h) => h === '/elsewhere').length;
    const r = await runHttp(spec(`${base}/moved`), testContext());
    expect(r.status).toBe('WARN');
    expect(ev(r, 'location')).toBe('/elsewhere');
    expect(check(r, 'status')).toMatch(/redirected \(302\) to \/elsewhere, not followed/);
    expect(hits.filter((h) => h === '/elsewhere').length).toBe(before);
  });

  it('reads at most 64 KiB of a body and does not parse a truncated one', async () => {
    const r = await runHttp(spec(`${base}/big`, { expectJson: true }), testContext());
    expect(ev(r, 'body bytes')).toBe('65536 (truncated at 65536)');
    expect(r.status).toBe('FAIL');
    expect(check(r, 'json')).toMatch(/body over 65536 bytes/);
  });

  it('checks body substring and content type', async () => {
    expect((await runHttp(spec(`${base}/page`, { expectBody: 'Hamilton' }), testContext())).status).toBe('PASS');
    const missingText = await runHttp(spec(`${base}/page`, { expectBody: 'Graph' }), testContext());
    expect(check(missingText, 'body')).toBe('FAIL: "Graph" not in the body');
    const notJson = await runHttp(spec(`${base}/page`, { expectJson: true }), testContext());
    expect(check(notJson, 'json')).toBe('FAIL: not JSON (text/html)');
  });

  it('builds the URL from target, port and path', async () => {
    const r = await runHttp(
      { ...spec('127.0.0.1', { scheme: 'http', path: '/api', expectStatus: 401 }), port: server.port },
      testContext(),
    );
    expect(ev(r, 'url')).toBe(`${base}/api`);
    expect(r.status).toBe('PASS');
  });

  it('refuses credentials in the URL without sending anything', async () => {
    const before = hits.length;
    const r = await runHttp(spec(`http://user:secret@127.0.0.1:${server.port}/api`), testContext());
    expect(r.status).toBe('FAIL');
    expect(JSON.stringify(r)).not.toContain('secret');
    expect(hits.length).toBe(before);
  });

  it('fails on a refused connection and stops at the time limit on a silent server', async () => {
    const refused = await runHttp(spec(`http://127.0.0.1:${await freePort()}/`), testContext());
    expect(refused.error).toMatch(/ECONNREFUSED/);
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const limits = { timeoutMs: 500, concurrency: 1, perHost: 1 };
      const r = await runHttp(spec(`http://127.0.0.1:${port}/`), testContext({ limits }));
      expect(r.status).toBe('FAIL');
      expect(r.error).toMatch(/ETIMEDOUT/);
      expect(r.durationMs).toBeLessThan(2500);
    } finally {
      silent.close();
    }
  });
});

describe.skipIf(missing(probeRequirements.openssl))('http runner over HTTPS (openssl s_server -www)', () => {
  let pki: TestPki;
  let tlsServer: Started & { port: number };
  beforeAll(async () => {
    pki = makePki(await freePort(), await freePort());
    tlsServer = await startTlsServer(pki, pki.good, 'modern');
  });
  afterAll(async () => {
    await tlsServer?.stop();
    pki?.cleanup();
  });

  it('verifies the certificate for the URL name on a pinned address', async () => {
    const url = `https://good.test:${tlsServer.port}/`;
    const r = await runHttp(spec(url, { address: '127.0.0.1', caFile: pki.caCert }), testContext());
    expect(r.status, JSON.stringify(r.evidence)).toBe('PASS');
    expect(ev(r, 'tls')).toMatch(/^TLSv1.3 /);
    const untrusted = await runHttp(spec(url, { address: '127.0.0.1' }), testContext());
    expect(untrusted.status).toBe('FAIL');
    expect(untrusted.error).toMatch(/UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN|unable to get/i);
  });
});

import { lookup } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHttp } from '../../src/probe/run/http.js';
import { runProxy } from '../../src/probe/run/proxy.js';
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
  startSquid,
  startTlsServer,
  type TestPki,
  testContext,
} from '../support/probe-tls.js';
import { missing } from '../support/system.js';

const PASSWORD = 'S3cret-proxy-pw';

const spec = (target: string, port: number, options: ProbeSpec['options'] = {}) =>
  probeSpec('proxy', target, port, options);

describe.skipIf(missing(probeRequirements.openssl, probeRequirements.squid))('proxy runner through Squid', () => {
  let pki: TestPki;
  let modern: Started & { port: number };
  let legacy: Started & { port: number };
  let open: Started & { port: number; dir: string };
  let authed: Started & { port: number; dir: string };
  let plain: { port: number; stop(): Promise<void> };
  let openUrl: string;
  let authUrl: (user: string, password: string) => string;

  beforeAll(async () => {
    pki = makePki(await freePort(), await freePort());
    modern = await startTlsServer(pki, pki.good, 'modern');
    legacy = await startTlsServer(pki, pki.good, 'tls1-only');
    plain = await startHttp((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    const hosts = ['good.test', 'blocked.test'];
    open = await startSquid({ hosts });
    authed = await startSquid({ hosts, user: { name: 'probe', password: PASSWORD } });
    openUrl = `http://127.0.0.1:${open.port}`;
    authUrl = (user, password) => `http://${user}:${password}@127.0.0.1:${authed.port}`;
  });

  afterAll(async () => {
    await Promise.all([modern?.stop(), legacy?.stop(), open?.stop(), authed?.stop(), plain?.stop()]);
    pki?.cleanup();
  });

  it('opens a tunnel to a name only the proxy resolves, then runs the TLS checks inside it', async () => {
    await expect(lookup('good.test')).rejects.toThrow();
    const r = await runProxy(spec('good.test', modern.port, { caFile: pki.caCert }), testContext({ proxy: openUrl }));
    expect(r.status, JSON.stringify(r.evidence, null, 1)).toBe('PASS');
    expect(ev(r, 'CONNECT')).toBe('200 Connection established');
    expect(ev(r, 'SNI')).toBe('good.test');
    expect(ev(r, 'version')).toBe('TLSv1.3');
    expect(check(r, 'chain')).toMatch(/^PASS/);
    expect(check(r, 'refuses TLS 1.0')).toMatch(/^PASS/);
    expect(check(r, 'refuses TLS 1.1')).toMatch(/^PASS/);
  });

  it('finds TLS 1.0 accepted behind the proxy, each attempt in its own tunnel', async () => {
    const r = await runProxy(spec('good.test', legacy.port, { caFile: pki.caCert }), testContext({ proxy: openUrl }));
    expect(r.status).toBe('FAIL');
    expect(check(r, 'refuses TLS 1.0')).toMatch(/^FAIL: server accepts TLS 1.0/);
  });

  it('tells a policy denial (403) from an unreachable destination (5xx)', async () => {
    const denied = await runProxy(spec('blocked.test', modern.port), testContext({ proxy: openUrl }));
    expect(denied.status).toBe('FAIL');
    expect(check(denied, 'CONNECT')).toMatch(/^FAIL: denied by proxy policy \(403 Forbidden \(ERR_ACCESS_DENIED/);
    expect(denied.error).toBe('CONNECT 403');
    const closed = await runProxy(spec('good.test', await freePort()), testContext({ proxy: openUrl }));
    expect(closed.status).toBe('FAIL');
    expect(check(closed, 'CONNECT')).toMatch(/^FAIL: proxy could not reach the destination \(50[234] /);
  });

  it('tells 407 without credentials from 407 with wrong ones, and passes with the right ones without printing them', async () => {
    const anonymous = await runProxy(
      spec('good.test', modern.port),
      testContext({ proxy: `http://127.0.0.1:${authed.port}` }),
    );
    expect(check(anonymous, 'CONNECT')).toMatch(/^FAIL: proxy authentication required \(407 /);
    const wrong = await runProxy(spec('good.test', modern.port), testContext({ proxy: authUrl('probe', 'nope') }));
    expect(check(wrong, 'CONNECT')).toMatch(/^FAIL: proxy credentials refused \(407 /);
    const good = await runProxy(
      spec('good.test', modern.port, { caFile: pki.caCert }),
      testContext({ proxy: authUrl('probe', PASSWORD) }),
    );
    expect(good.status, JSON.stringify(good.evidence, null, 1)).toBe('PASS');
    expect(ev(good, 'proxy')).toBe(`http://127.0.0.1:${authed.port} (user probe)`);
    expect(JSON.stringify(good)).not.toContain(PASSWORD);
    expect(readFileSync(join(authed.dir, 'access.log'), 'utf8')).not.toContain(PASSWORD);
  });

  it('is UNTESTABLE without a proxy and FAILs when the proxy is down', async () => {
    expect((await runProxy(spec('good.test', modern.port), testContext())).status).toBe('UNTESTABLE');
    const down = await runProxy(
      spec('good.test', modern.port),
      testContext({ proxy: `http://127.0.0.1:${await freePort()}` }),
    );
    expect(down.status).toBe('FAIL');
    expect(down.error).toMatch(/ECONNREFUSED/);
  });

  it('lets the http runner go through the proxy: CONNECT for https, an absolute URI for http', async () => {
    const https = await runHttp(
      { ...spec(`https://good.test:${modern.port}/`, 0, { caFile: pki.caCert }), kind: 'http', port: undefined },
      testContext({ proxy: openUrl }),
    );
    expect(https.status, JSON.stringify(https.evidence)).toBe('PASS');
    expect(ev(https, 'CONNECT')).toBe('200 Connection established');
    const http = await runHttp(
      { ...spec(`http://good.test:${plain.port}/`, 0, { expectJson: true }), kind: 'http', port: undefined },
      testContext({ proxy: openUrl }),
    );
    expect(http.status, JSON.stringify(http.evidence)).toBe('PASS');
    const denied = await runHttp(
      { ...spec(`https://blocked.test:${modern.port}/`, 0), kind: 'http', port: undefined },
      testContext({ proxy: openUrl }),
    );
    expect(check(denied, 'proxy')).toMatch(/^FAIL: denied by proxy policy/);
  });
});

import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSmtp } from '../../src/probe/run/smtp.js';
import type { ProbeSpec } from '../../src/probe/types.js';
import { appServers, freePort, type SmtpServer, startExim } from '../support/probe-apps.js';
import { missing } from '../support/system.js';

const ctx = { limits: { timeoutMs: 5000, concurrency: 1, perHost: 1 } };
const spec = (port: number, options: ProbeSpec['options'] = {}): ProbeSpec => ({
  id: `smtp-${port}`,
  kind: 'smtp',
  target: 'mail.test',
  port,
  origin: { check: 'smtp' },
  title: { fr: 'SMTP', en: 'SMTP' },
  options: { address: '127.0.0.1', ...options },
});
const value = (r: { evidence: readonly { label: string; value: string }[] }, label: string) =>
  r.evidence.find((e) => e.label === label)?.value;

describe.skipIf(missing(appServers.exim, appServers.openssl))('smtp runner against Exim', () => {
  let plain: SmtpServer;
  let leaky: SmtpServer;
  let busy: SmtpServer;
  let holder: Socket | undefined;
  beforeAll(async () => {
    [plain, leaky, busy] = await Promise.all([
      startExim(),
      startExim({ authBeforeTls: true }),
      startExim({ maxConnections: 1 }),
    ]);
  }, 60_000);
  afterAll(() => {
    holder?.destroy();
    for (const s of [plain, leaky, busy]) s?.stop();
  });

  it('passes on banner, EHLO, STARTTLS with SNI and a trusted certificate, AUTH only under TLS', async () => {
    const r = await runSmtp(spec(plain.port, { caFile: plain.ca }), ctx);
    expect(r.status, JSON.stringify(r.evidence)).toBe('PASS');
    expect(value(r, 'banner')).toMatch(/^220 mail\.test ESMTP Exim/);
    expect(value(r, 'capabilities')).toContain('STARTTLS');
    expect(value(r, 'capabilities')).not.toMatch(/AUTH/);
    expect(value(r, 'capabilities after tls')).toMatch(/AUTH PLAIN/);
    expect(value(r, 'tls sni')).toBe('mail.test');
    expect(value(r, 'tls version')).toMatch(/TLSv1\.[23]/);
    expect(value(r, 'certificate trusted')).toBe('yes');
    expect(Object.keys(r.timings)).toEqual(expect.arrayContaining(['connect', 'banner', 'ehlo', 'tls', 'ehlo-tls']));
  });

  it('fails when the certificate is not trusted (as the tls runner does), passes once its private CA is given', async () => {
    const r = await runSmtp(spec(plain.port), ctx);
    expect(r.status).toBe('FAIL');
    expect(value(r, 'certificate trusted')).toMatch(/^no: /);
    expect(r.error).toMatch(/^certificate not trusted/);
    expect((await runSmtp(spec(plain.port, { caFile: plain.ca }), ctx)).status).toBe('PASS');
  });

  it('accepts a known recipient with the null sender and reports a refused one with its 5xx', async () => {
    const ok = await runSmtp(spec(plain.port, { caFile: plain.ca, rcpt: 'probe@mail.test' }), ctx);
    expect(ok.status).toBe('PASS');
    expect(value(ok, 'mail from <>')).toMatch(/^250/);
    expect(value(ok, 'rcpt to <probe@mail.test>')).toMatch(/^250/);
    const no = await runSmtp(spec(plain.port, { caFile: plain.ca, rcpt: 'nobody@mail.test' }), ctx);
    expect(no.status).toBe('FAIL');
    expect(no.error).toMatch(/^550 .*no such user here/);
  });

  it('warns with the evidence when AUTH is offered before TLS', async () => {
    const r = await runSmtp(spec(leaky.port, { caFile: leaky.ca }), ctx);
    expect(r.status).toBe('WARN');
    expect(value(r, 'auth before tls')).toBe('AUTH PLAIN');
    expect(r.summary.en).toContain('AUTH PLAIN offered before TLS');
  });

  it('backs off once on 421 and then fails, and passes when the server frees up in between', async () => {
    holder = connect({ host: '127.0.0.1', port: busy.port });
    await new Promise((resolve) => holder?.once('data', resolve));
    const r = await runSmtp(spec(busy.port, { caFile: busy.ca, retryDelayMs: 300 }), ctx);
    expect(r.status).toBe('FAIL');
    expect(value(r, 'banner')).toMatch(/^421 /);
    expect(value(r, 'backoff')).toMatch(/retrying once after 300 ms/);
    expect(r.error).toMatch(/^421 /);

    const pending = runSmtp(spec(busy.port, { caFile: busy.ca, retryDelayMs: 1500 }), ctx);
    setTimeout(() => holder?.destroy(), 300);
    const later = await pending;
    expect(later.status, JSON.stringify(later.evidence)).toBe('PASS');
    expect(value(later, 'backoff')).toBeDefined();
  });

  it('fails on a closed port with ECONNREFUSED, within the time limit', async () => {
    const r = await runSmtp(spec(await freePort()), ctx);
    expect(r.status).toBe('FAIL');
    expect(r.error).toMatch(/ECONNREFUSED/);
  });

  it('never waits past the limit on a silent peer', async () => {
    const { createServer } = await import('node:net');
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const r = await runSmtp(spec(port), { limits: { ...ctx.limits, timeoutMs: 400 } });
    silent.close();
    expect(r.status).toBe('FAIL');
    expect(r.error).toMatch(/ETIMEDOUT|no 220 banner/);
    expect(r.durationMs).toBeLessThan(1500);
  });
});

describe('smtp runner input', () => {
  it('refuses a recipient that would smuggle commands, before connecting anywhere', async () => {
    const r = await runSmtp(spec(1, { rcpt: 'a@b.test>\r\nDATA\r\n<x@y.test' }), ctx);
    expect(r.status).toBe('UNTESTABLE');
    expect(r.evidence).toEqual([]);
  });
});

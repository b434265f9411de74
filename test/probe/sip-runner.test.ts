import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optionsRequest, parseSipResponse, runSip } from '../../src/probe/run/sip.js';
import type { ProbeSpec } from '../../src/probe/types.js';
import { appServers, freePort, freeUdpPort, silentUdp, startKamailio } from '../support/probe-apps.js';
import { missing } from '../support/system.js';

const ctx = { limits: { timeoutMs: 3000, concurrency: 1, perHost: 1 } };
const spec = (port: number, options: ProbeSpec['options'] = {}): ProbeSpec => ({
  id: `sip-${port}`,
  kind: 'sip',
  target: 'sip.test',
  port,
  origin: { check: 'sip' },
  title: { fr: 'SIP', en: 'SIP' },
  options: { address: '127.0.0.1', ...options },
});
const value = (r: { evidence: readonly { label: string; value: string }[] }, label: string) =>
  r.evidence.find((e) => e.label === label)?.value;

describe('SIP messages', () => {
  it('builds an OPTIONS request with the mandatory headers (RFC 3261 §8.1.1) and no body', () => {
    const text = optionsRequest({
      target: 'sip.test',
      port: 5061,
      transport: 'TLS',
      local: { address: '::1', port: 4000 },
      branch: 'b',
      tag: 't',
      callId: 'c@x',
    });
    expect(text.startsWith('OPTIONS sips:sip.test:5061 SIP/2.0\r\n')).toBe(true);
    for (const header of [
      'Via: SIP/2.0/TLS [::1]:4000;branch=z9hG4bKb',
      'Max-Forwards: 70',
      'To: ',
      'From: ',
      'Call-ID: c@x',
      'CSeq: 1 OPTIONS',
      'Content-Length: 0',
    ])
      expect(text).toContain(header);
    expect(text.endsWith('\r\n\r\n')).toBe(true);
    expect(parseSipResponse('HTTP/1.1 200 OK\r\n\r\n')).toBeUndefined();
    expect(parseSipResponse('SIP/2.0 404 Not Found\r\nServer: x\r\n\r\n')?.status).toBe(404);
  });
});

describe.skipIf(missing(appServers.kamailio, appServers.openssl))('sip runner against Kamailio', () => {
  let kamailio: Awaited<ReturnType<typeof startKamailio>>;
  let silent: Awaited<ReturnType<typeof silentUdp>>;
  beforeAll(async () => {
    kamailio = await startKamailio();
    silent = await silentUdp();
  }, 30_000);
  afterAll(() => {
    kamailio?.stop();
    silent?.stop();
  });

  for (const transport of ['udp', 'tcp'] as const) {
    it(`passes over ${transport.toUpperCase()} with the status line as evidence`, async () => {
      const r = await runSip(spec(kamailio.port, { transport }), ctx);
      expect(r.status, JSON.stringify(r.evidence)).toBe('PASS');
      expect(value(r, 'status')).toBe('SIP/2.0 200 OK');
      expect(value(r, 'server')).toMatch(/kamailio/i);
    });
  }

  it('passes over TLS with SNI and the certificate as evidence', async () => {
    const r = await runSip(spec(kamailio.tlsPort, { transport: 'tls', caFile: kamailio.ca }), ctx);
    expect(r.status, JSON.stringify(r.evidence)).toBe('PASS');
    expect(value(r, 'tls sni')).toBe('sip.test');
    expect(value(r, 'certificate trusted')).toBe('yes');
  });

  it('fails over TLS when the certificate is not trusted, even though SIP answers', async () => {
    const r = await runSip(spec(kamailio.tlsPort, { transport: 'tls' }), ctx);
    expect(r.status, JSON.stringify(r.evidence)).toBe('FAIL');
    expect(value(r, 'status')).toBe('SIP/2.0 200 OK');
    expect(r.error).toMatch(/^certificate not trusted/);
  });

  it('is INCONCLUSIVE on a silent UDP peer, FAIL on ICMP unreachable and on a closed TCP port', async () => {
    const quiet = await runSip(spec(silent.port), { limits: { ...ctx.limits, timeoutMs: 1200 } });
    expect(quiet.status).toBe('INCONCLUSIVE');
    const closed = await runSip(spec(await freeUdpPort()), ctx);
    expect(closed.status).toBe('FAIL');
    expect(closed.error).toMatch(/^ECONNREFUSED/);
    const refused = await runSip(spec(await freePort(), { transport: 'tcp' }), ctx);
    expect(refused.status).toBe('FAIL');
  });
});

describe('sip runner input', () => {
  it('refuses a target that would forge headers, before sending anything', async () => {
    const r = await runSip({ ...spec(5060), target: 'a.test\r\nVia: x', options: {} }, ctx);
    expect(r.status).toBe('UNTESTABLE');
  });
});

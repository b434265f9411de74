import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindingRequest, MAGIC_COOKIE, parseResponse, runStun } from '../../src/probe/run/stun.js';
import type { ProbeSpec } from '../../src/probe/types.js';
import { appServers, freeUdpPort, silentUdp, startCoturn } from '../support/probe-apps.js';
import { missing } from '../support/system.js';

const ctx = { limits: { timeoutMs: 3000, concurrency: 1, perHost: 1 } };
const spec = (port: number, options: ProbeSpec['options'] = {}): ProbeSpec => ({
  id: `stun-${port}`,
  kind: 'stun',
  target: '127.0.0.1',
  port,
  origin: { check: 'stun' },
  title: { fr: 'STUN', en: 'STUN' },
  options,
});
const value = (r: { evidence: readonly { label: string; value: string }[] }, label: string) =>
  r.evidence.find((e) => e.label === label)?.value;

describe('STUN messages', () => {
  it('builds a Binding Request with the magic cookie and our transaction id', () => {
    const id = Buffer.from('0123456789ab');
    const request = bindingRequest(id);
    expect(request.length).toBe(20);
    expect(request.readUInt16BE(0)).toBe(0x0001);
    expect(request.readUInt32BE(4)).toBe(MAGIC_COOKIE);
    expect(request.subarray(8).equals(id)).toBe(true);
  });

  it('decodes XOR-MAPPED-ADDRESS as RFC 5389 §15.2 describes (192.0.2.1:32853 from its test vector)', () => {
    // RFC 5769 §2.2 sample IPv4 response, XOR-MAPPED-ADDRESS only (SOFTWARE, MESSAGE-INTEGRITY and FINGERPRINT cut).
    const header = Buffer.from('0101000c2112a442b7e7a701bc34d686fa87dfae', 'hex');
    const attribute = Buffer.from('002000080001a147e112a643', 'hex');
    expect(parseResponse(Buffer.concat([header, attribute])).xorMapped).toBe('192.0.2.1:32853');
  });
});

describe.skipIf(missing(appServers.coturn))('stun runner against coturn', () => {
  let coturn: Awaited<ReturnType<typeof startCoturn>>;
  let silent: Awaited<ReturnType<typeof silentUdp>>;
  beforeAll(async () => {
    coturn = await startCoturn();
    silent = await silentUdp();
  }, 30_000);
  afterAll(() => {
    coturn?.stop();
    silent?.stop();
  });

  it('passes on a Binding success over UDP, with the mapped address as evidence', async () => {
    const r = await runStun(spec(coturn.port), ctx);
    expect(r.status, JSON.stringify(r.evidence)).toBe('PASS');
    expect(value(r, 'xor-mapped address')).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(value(r, 'server software')).toMatch(/^Coturn/);
  });

  it('passes over TCP too', async () => {
    const r = await runStun(spec(coturn.port, { transport: 'tcp' }), ctx);
    expect(r.status).toBe('PASS');
    expect(value(r, 'xor-mapped address')).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('fails on ICMP port unreachable', async () => {
    const r = await runStun(spec(await freeUdpPort()), ctx);
    expect(r.status).toBe('FAIL');
    expect(r.error).toMatch(/^ECONNREFUSED/);
  });

  it('is INCONCLUSIVE, never PASS, when the peer stays silent, and retransmits within the limit', async () => {
    const r = await runStun(spec(silent.port), { limits: { ...ctx.limits, timeoutMs: 1600 } });
    expect(r.status).toBe('INCONCLUSIVE');
    expect(silent.received()).toBeGreaterThanOrEqual(2);
    expect(r.durationMs).toBeLessThan(2500);
  });
});

import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAnswer, writeTimestamp } from '../../src/probe/run/ntp.js';
import type { ProbeResult, ProbeSpec } from '../../src/probe/types.js';
import { probeServers } from '../support/probe-servers.js';
import { missing, requirements } from '../support/system.js';
import { createProbeNs, type ProbeNs, SERVERS } from './support/netns-probe.js';

/**
 * The ntp runner against chronyd serving its local clock (stratum 8) in a namespace of its own; ICMP unreachable
 * and silence on ports without a server. chronyd cannot be made to send a kiss-of-death or the leap alarm on
 * demand, so those two cases use a few-line SNTP responder written here (below), and nothing else does.
 */
const LIMITS = { timeoutMs: 1500, concurrency: 4, perHost: 4 };

/** Answers every request with the stratum, leap indicator and reference id given in argv (kiss code at stratum 0). */
const RESPONDER = `
import dgram from 'node:dgram';
const [port, stratum, leap, refid] = JSON.parse(process.argv[1]);
const s = dgram.createSocket('udp4');
s.on('message', (m, from) => {
  const b = Buffer.alloc(48);
  b.writeUInt8((leap << 6) | (4 << 3) | 4, 0);
  b.writeUInt8(stratum, 1);
  b.write(refid.padEnd(4, '\\0'), 12, 'latin1');
  m.copy(b, 24, 40, 48);
  const now = Date.now() / 1000 + 2208988800;
  for (const at of [32, 40]) { b.writeUInt32BE(Math.floor(now) >>> 0, at); b.writeUInt32BE(Math.floor((now % 1) * 2 ** 32) >>> 0, at + 4); }
  s.send(b, from.port, from.address);
});
s.bind(port, '127.0.0.1', () => console.log('ready'));
`;

const spec = (id: string, port: number, options?: ProbeSpec['options']): ProbeSpec => ({
  id,
  kind: 'ntp',
  target: '127.0.0.1',
  port,
  origin: {},
  title: { fr: id, en: id },
  ...(options ? { options } : {}),
});

describe.skipIf(missing(requirements.netns, probeServers.chronyd))('ntp probe', () => {
  let ns: ProbeNs;
  let results: Map<string, ProbeResult>;
  const conf = join(tmpdir(), `flowmatrix-probe-chrony-${process.pid}.conf`);
  beforeAll(async () => {
    ns = await createProbeNs('fmpn');
    writeFileSync(
      conf,
      [
        'port 11123',
        'bindaddress 127.0.0.1',
        'allow 127.0.0.1',
        'local stratum 8',
        'cmdport 0',
        `pidfile ${conf}.pid`,
        '',
      ].join('\n'),
    );
    // -x: never touch the system clock; -d: foreground, logs on stderr.
    await ns.start('chronyd', ['-d', '-x', '-u', 'root', '-f', conf], /Disabled control of system clock/);
    const node = (script: string, args: unknown) =>
      ns.start(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(args)], /ready/);
    await node(RESPONDER, [11124, 0, 3, 'RATE']);
    await node(RESPONDER, [11125, 2, 3, 'GPS']);
    await node(RESPONDER, [11126, 16, 0, 'INIT']);
    await node(SERVERS, { silent: [{ host: '127.0.0.1', port: 11127 }] });
    const specs = [
      spec('chrony', 11123),
      spec('kiss', 11124),
      spec('leap-alarm', 11125),
      spec('stratum-16', 11126),
      spec('unreachable', 11128),
      spec('silence', 11127),
    ];
    results = new Map((await ns.probe(specs, LIMITS)).map((r) => [r.id, r]));
  }, 60_000);
  afterAll(() => {
    ns?.destroy();
    rmSync(conf, { force: true });
    rmSync(`${conf}.pid`, { force: true });
  });

  const get = (id: string) => results.get(id) as ProbeResult;
  const ev = (id: string) => Object.fromEntries(get(id).evidence.map((e) => [e.label, e.value]));

  it('chronyd answers: stratum, reference, leap, offset and round trip as evidence; PASS', () => {
    expect(get('chrony').status).toBe('PASS');
    expect(ev('chrony')).toMatchObject({
      server: '127.0.0.1:11123',
      stratum: '8',
      'leap indicator': '0',
      version: '4',
    });
    expect(ev('chrony').offset).toMatch(/^-?[\d.]+ ms$/);
    expect(get('chrony').summary.en).toMatch(/^127\.0\.0\.1:11123: stratum 8, offset -?[\d.]+ ms$/);
  });

  it('a kiss-of-death (stratum 0) fails with its code; the leap alarm and stratum 16 fail as unsynchronised', () => {
    expect(get('kiss').status).toBe('FAIL');
    expect(get('kiss').summary.en).toBe('127.0.0.1:11124: kiss-of-death RATE (the server refuses)');
    expect(ev('kiss')['kiss code']).toBe('RATE');
    expect(get('leap-alarm').status).toBe('FAIL');
    expect(get('leap-alarm').summary.en).toContain('not synchronised (stratum 2, leap 3)');
    expect(get('stratum-16').status).toBe('FAIL');
    expect(get('stratum-16').summary.en).toContain('stratum 16');
  });

  it('ICMP port unreachable fails, silence is inconclusive', () => {
    expect(get('unreachable').status).toBe('FAIL');
    expect(get('unreachable').error).toBe('ECONNREFUSED');
    expect(get('silence').status).toBe('INCONCLUSIVE');
  });
});

describe('SNTP arithmetic', () => {
  it('offset and delay from the four timestamps (server 5 s ahead, 20 ms each way)', () => {
    const b = Buffer.alloc(48);
    b.writeUInt8((0 << 6) | (4 << 3) | 4, 0);
    b.writeUInt8(2, 1);
    const t1 = Date.UTC(2026, 0, 1);
    writeTimestamp(b, 32, t1 + 5000 + 20);
    writeTimestamp(b, 40, t1 + 5000 + 21);
    const a = readAnswer(b, t1, t1 + 41);
    expect(a).toMatchObject({ leap: 0, version: 4, mode: 4, stratum: 2 });
    expect(a?.offsetMs).toBeCloseTo(5000, 0);
    expect(a?.delayMs).toBeCloseTo(40, 0);
  });
});

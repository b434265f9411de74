import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { udpPayloadFor } from '../../src/probe/payloads.js';
import type { ProbeResult, ProbeSpec } from '../../src/probe/types.js';
import { missing, requirements } from '../support/system.js';
import { createProbeNs, type ProbeNs, SERVERS } from './support/netns-probe.js';

/**
 * TCP and UDP runners against real sockets in a namespace of their own: open, closed (RST), filtered (an nftables
 * drop rule), a name with IPv4 and IPv6 addresses reported apart; UDP reply, ICMP port unreachable, silence.
 */
const LIMITS = { timeoutMs: 800, concurrency: 8, perHost: 8 };
const spec = (
  id: string,
  kind: 'tcp' | 'udp',
  target: string,
  port: number,
  options?: ProbeSpec['options'],
): ProbeSpec => ({
  id,
  kind,
  target,
  port,
  origin: {},
  title: { fr: id, en: id },
  ...(options ? { options } : {}),
});

describe.skipIf(missing(requirements.netns, requirements.nft))('tcp and udp probes', () => {
  let ns: ProbeNs;
  let results: Map<string, ProbeResult>;
  beforeAll(async () => {
    ns = await createProbeNs('fmpt', '127.0.0.1 dual.test\n::1 dual.test\n');
    await ns.exec(
      'nft',
      ['-f', '-'],
      [
        'table inet probe {',
        '  chain input { type filter hook input priority 0; policy accept;',
        '    tcp dport 7003 drop',
        '    udp dport 7103 drop',
        '  }',
        '}',
      ].join('\n'),
    );
    const servers = {
      tcp: [
        { host: '127.0.0.1', port: 7001 },
        { host: '::1', port: 7001 },
        { host: '127.0.0.1', port: 7003 },
        { host: '127.0.0.1', port: 7004 },
      ],
      echo: [
        { host: '127.0.0.1', port: 7101 },
        { host: '127.0.0.1', port: 7103 },
      ],
      silent: [{ host: '127.0.0.1', port: 7102 }],
    };
    await ns.start(process.execPath, ['--input-type=module', '-e', SERVERS, JSON.stringify(servers)], /ready/);
    const specs = [
      spec('open', 'tcp', '127.0.0.1', 7001),
      spec('open6', 'tcp', '::1', 7001),
      spec('closed', 'tcp', '127.0.0.1', 7002),
      spec('filtered', 'tcp', '127.0.0.1', 7003),
      spec('dual-open', 'tcp', 'dual.test', 7001),
      spec('dual-v4-only', 'tcp', 'dual.test', 7004),
      spec('unknown-name', 'tcp', 'nowhere.invalid', 7001),
      spec('reply', 'udp', '127.0.0.1', 7101, { payload: '70696e67' }),
      spec('empty-reply', 'udp', '127.0.0.1', 7101),
      spec('unreachable', 'udp', '127.0.0.1', 7199),
      spec('silence', 'udp', '127.0.0.1', 7102, { payload: udpPayloadFor(123)?.hex as string }),
      spec('dropped', 'udp', '127.0.0.1', 7103, { payload: '70696e67' }),
      spec('bad-payload', 'udp', '127.0.0.1', 7101, { payload: 'zz' }),
    ];
    results = new Map((await ns.probe(specs, LIMITS)).map((r) => [r.id, r]));
  }, 60_000);
  afterAll(() => ns?.destroy());

  const get = (id: string) => results.get(id) as ProbeResult;
  const ev = (id: string) =>
    get(id)
      .evidence.map((e) => `${e.label}: ${e.value}`)
      .join('\n');

  it('tcp: a completed handshake passes, with the connect time per address', () => {
    expect(get('open').status).toBe('PASS');
    expect(ev('open')).toMatch(/^IPv4 127\.0\.0\.1: open in [\d.]+ ms$/m);
    expect(get('open6').status).toBe('PASS');
    expect(ev('open6')).toMatch(/^IPv6 ::1: open/m);
    expect(Object.keys(get('open').timings)).toEqual(['connect 127.0.0.1']);
  });

  it('tcp: a reset is closed, silence under a drop rule is filtered — both FAIL, told apart', () => {
    expect(get('closed').status).toBe('FAIL');
    expect(get('closed').error).toBe('ECONNREFUSED');
    expect(get('closed').summary.en).toContain('closed (RST)');
    expect(get('filtered').status).toBe('FAIL');
    expect(get('filtered').error).toBe('ETIMEDOUT');
    expect(get('filtered').summary.en).toContain('filtered (no answer)');
    expect(get('filtered').durationMs).toBeGreaterThanOrEqual(LIMITS.timeoutMs - 50);
  });

  it('tcp: every address of a name, IPv4 and IPv6 reported apart', () => {
    expect(get('dual-open').status).toBe('PASS');
    expect(ev('dual-open')).toMatch(/IPv4 127\.0\.0\.1: open/);
    expect(ev('dual-open')).toMatch(/IPv6 ::1: open/);
    // Listening on IPv4 only: the IPv6 address is closed, so the name works for one family only.
    expect(get('dual-v4-only').status).toBe('WARN');
    expect(get('dual-v4-only').summary.en).toBe('dual.test:7004: IPv4 open, IPv6 closed (RST)');
    expect(get('unknown-name').status).toBe('FAIL');
    expect(get('unknown-name').summary.en).toMatch(/does not resolve \(ENOTFOUND|EAI_AGAIN/);
  });

  it('udp: a reply passes, ICMP port unreachable fails, silence is inconclusive (dropped or ignored alike)', () => {
    expect(get('reply').status).toBe('PASS');
    expect(ev('reply')).toMatch(/reply after [\d.]+ ms \(4 bytes\)/);
    expect(get('empty-reply').status).toBe('PASS');
    expect(get('unreachable').status).toBe('FAIL');
    expect(get('unreachable').error).toBe('ECONNREFUSED');
    expect(get('silence').status).toBe('INCONCLUSIVE');
    expect(ev('silence')).toContain('sent: 48 bytes');
    expect(get('dropped').status).toBe('INCONCLUSIVE');
    expect(get('bad-payload').status).toBe('UNTESTABLE');
  });
});

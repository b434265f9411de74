import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPortRanges, formatPortSpec, parsePortSpec } from '../../src/net/index.js';
import { missing, requirements, seedsDir } from '../support/system.js';

const NBSP = '\u00A0';
const NNBSP = '\u202F';
const r = (from: number, to = from) => ({ from, to });

describe('parsePortSpec: valid', () => {
  it.each([
    ['tcp/443', { protocol: 'tcp', ports: [r(443)] }],
    ['udp/3478', { protocol: 'udp', ports: [r(3478)] }],
    ['TCP/443', { protocol: 'tcp', ports: [r(443)] }],
    ['tcp/80,443', { protocol: 'tcp', ports: [r(80), r(443)] }],
    ['tcp/443, 80', { protocol: 'tcp', ports: [r(80), r(443)] }],
    ['tcp/80,81,82', { protocol: 'tcp', ports: [r(80, 82)] }],
    ['tcp/50000-59999', { protocol: 'tcp', ports: [r(50000, 59999)] }],
    ['tcp/50 000-59 999', { protocol: 'tcp', ports: [r(50000, 59999)] }],
    [`udp/50${NBSP}000-59${NBSP}999`, { protocol: 'udp', ports: [r(50000, 59999)] }],
    [`udp/50${NNBSP}000–59${NNBSP}999`, { protocol: 'udp', ports: [r(50000, 59999)] }],
    [`${NBSP}tcp/443${NNBSP}`, { protocol: 'tcp', ports: [r(443)] }],
    ['tcp/1024-65535,443', { protocol: 'tcp', ports: [r(443), r(1024, 65535)] }],
    ['tcp/any', { protocol: 'tcp', ports: [r(1, 65535)] }],
    ['sctp/5060', { protocol: 'sctp', ports: [r(5060)] }],
    ['icmp', { protocol: 'icmp', ports: [] }],
    ['icmp/echo-request', { protocol: 'icmp', ports: [], icmpType: 8 }],
    ['icmp/8', { protocol: 'icmp', ports: [], icmpType: 8 }],
    ['icmp/0', { protocol: 'icmp', ports: [], icmpType: 0 }],
    ['icmpv6/128', { protocol: 'icmpv6', ports: [], icmpType: 128 }],
    ['icmpv6/echo-request', { protocol: 'icmpv6', ports: [], icmpType: 128 }],
    ['esp', { protocol: 'esp', ports: [] }],
    ['gre', { protocol: 'gre', ports: [] }],
    ['ah', { protocol: 'ah', ports: [] }],
    ['ip', { protocol: 'ip', ports: [] }],
  ])('%j', (text, expected) => {
    expect(parsePortSpec(text)).toEqual({ ok: true, value: expected });
  });
});

describe('parsePortSpec: invalid, with message and hint', () => {
  it.each([
    ['tcp/0', /port 0 out of range/, 'a port is 1 to 65535'],
    ['tcp/65536', /port 65536 out of range/, 'a port is 1 to 65535'],
    ['tcp/90-80', /reversed/, 'did you mean "80-90"?'],
    ['tpc/80', /unknown protocol "tpc"/, 'did you mean "tcp"?'],
    ['tcp', /names no port/, 'write "tcp/443", a range "tcp/1024-65535" or "tcp/any"'],
    ['tcp/', /names no port/, undefined],
    ['tcp/80,,443', /an empty port/, undefined],
    ['tcp/http', /"http" is not a port/, undefined],
    ['tcp/80 443', /port 80443 out of range/, undefined],
    ['esp/50', /"esp" has no ports/, 'write "esp" alone'],
    ['icmp/echo-requets', /unknown icmp type/, 'did you mean "echo-request"?'],
    ['icmp/256', /unknown icmp type/, undefined],
  ])('%j', (text, message, hint) => {
    const res = parsePortSpec(text);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.message).toMatch(message);
    if (hint !== undefined) expect(res.hint).toBe(hint);
  });
});

describe('formatPortRanges', () => {
  it.each([
    [[r(443)], '443'],
    [[r(80), r(443)], '80,443'],
    [[r(50000, 59999)], '50000-59999'],
    [[], ''],
  ])('%j → %s', (ranges, text) => {
    expect(formatPortRanges(ranges)).toBe(text);
  });

  it('round-trips through parsePortSpec', () => {
    const spec = parsePortSpec('udp/3478-3481,49152-53247,5004');
    expect(spec.ok && formatPortRanges(spec.value.ports)).toBe('3478-3481,5004,49152-53247');
  });
});

describe('formatPortSpec', () => {
  it.each([
    ['tcp/443', 'tcp/443'],
    ['tcp/443, 80', 'tcp/80,443'],
    ['udp/50 000-59 999', 'udp/50000-59999'],
    ['icmp/echo-request', 'icmp/8'],
    ['icmpv6/echo-request', 'icmpv6/128'],
    ['icmp', 'icmp'],
    ['esp', 'esp'],
    ['tcp/any', 'tcp/1-65535'],
  ])('%j is written %j, and reads back as the same spec', (text, written) => {
    const spec = parsePortSpec(text);
    expect(spec.ok && formatPortSpec(spec.value)).toBe(written);
    expect(parsePortSpec(written)).toEqual(spec);
  });
});

describe.skipIf(missing(requirements.seeds))('parsePortSpec on the seed documents', () => {
  it('reads the Lync Edge cells of seed 004 (A/V/RTP/TCP/50 000-59 999 with no-break spaces)', () => {
    const text = readFileSync(join(seedsDir(), '004_37166ee288cdedfc.txt'), 'utf8');
    const cells = [...text.matchAll(/\/(TCP|UDP)\/(50[\s\u00A0\u202F]000-59[\s\u00A0\u202F]999)</g)];
    expect(cells.length).toBeGreaterThan(3);
    for (const [, proto, ports] of cells) {
      expect(parsePortSpec(`${proto}/${ports}`)).toEqual({
        ok: true,
        value: { protocol: proto?.toLowerCase(), ports: [r(50000, 59999)] },
      });
    }
  });
});

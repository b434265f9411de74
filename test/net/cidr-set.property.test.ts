import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CidrSet } from '../../src/net/index.js';
import { naiveRangeToCidrs, offsetsOf, textOf, v4ToText, v6ToFullText } from './oracle.js';

/**
 * Sets are drawn inside a 512-address window so that random CIDRs overlap, nest and touch; windows sit at the
 * bottom, the middle and the very top of each family's space so carries and overflows are exercised.
 * The model is a Set of offsets inside the window.
 */
const WINDOW = 512;
const windows = [
  { family: 4 as const, base: 0n, bits: 32 },
  { family: 4 as const, base: 0x0a000000n, bits: 32 },
  { family: 4 as const, base: (1n << 32n) - 512n, bits: 32 },
  { family: 6 as const, base: 0n, bits: 128 },
  { family: 6 as const, base: 0x20010db8_00000000_00000000_00000000n, bits: 128 },
  { family: 6 as const, base: (1n << 128n) - 512n, bits: 128 },
];

type Window = (typeof windows)[number];

const cidrIn = (w: Window) =>
  fc.tuple(fc.integer({ min: 0, max: WINDOW - 1 }), fc.integer({ min: 0, max: 9 })).map(([offset, hostBits]) => {
    const start = (offset >> hostBits) << hostBits;
    const text = `${textOf(w.base + BigInt(start), w.family)}/${w.bits - hostBits}`;
    return { text, offsets: Array.from({ length: 2 ** hostBits }, (_, i) => start + i) };
  });

const setIn = (w: Window) => fc.array(cidrIn(w), { maxLength: 6 });

type Drawn = { text: string; offsets: number[] }[];

function build(drawn: Drawn): CidrSet {
  const r = CidrSet.parse(drawn.map((d) => d.text));
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const modelOf = (drawn: Drawn) => new Set(drawn.flatMap((d) => d.offsets));

/** What the set covers, read back through its ranges (BigInt from the text, not from the code under test). */
function covered(set: CidrSet, w: Window): Set<number> {
  const toBig = (t: string) => (w.family === 4 ? ipv4Big(t) : ipv6Big(t));
  return offsetsOf(
    set.toRanges().map((r) => ({ first: toBig(r.first), last: toBig(r.last) })),
    w.base,
  );
}

function ipv4Big(t: string): bigint {
  return t.split('.').reduce((n, o) => n * 256n + BigInt(o), 0n);
}

function ipv6Big(t: string): bigint {
  const [head = '', tail] = t.split('::');
  const h = head === '' ? [] : head.split(':');
  const tl = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - tl.length).fill('0'), ...tl];
  return groups.reduce((n, g) => (n << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
}

const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);

describe.each(windows)('CidrSet against a Set model (IPv$family, window at $base)', (w) => {
  it('builds, unions, intersects and subtracts like the model', () => {
    fc.assert(
      fc.property(setIn(w), setIn(w), (a, b) => {
        const sa = build(a);
        const sb = build(b);
        const ma = modelOf(a);
        const mb = modelOf(b);
        expect(sorted(covered(sa, w))).toEqual(sorted(ma));
        expect(sorted(covered(sa.union(sb), w))).toEqual(sorted(new Set([...ma, ...mb])));
        expect(sorted(covered(sa.intersect(sb), w))).toEqual(sorted(new Set([...ma].filter((x) => mb.has(x)))));
        expect(sorted(covered(sa.subtract(sb), w))).toEqual(sorted(new Set([...ma].filter((x) => !mb.has(x)))));
        expect(sa.size(w.family)).toBe(BigInt(ma.size));
        expect(sa.isEmpty()).toBe(ma.size === 0);
        expect(sa.contains(sb)).toBe([...mb].every((x) => ma.has(x)));
        expect(sa.overlaps(sb)).toBe([...mb].some((x) => ma.has(x)));
        expect(sa.union(sb).equals(sb.union(sa))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('contains a CIDR exactly when the model holds all of its addresses', () => {
    fc.assert(
      fc.property(setIn(w), cidrIn(w), (a, probe) => {
        const m = modelOf(a);
        expect(build(a).contains(probe.text)).toBe(probe.offsets.every((x) => m.has(x)));
        expect(build(a).overlaps(probe.text)).toBe(probe.offsets.some((x) => m.has(x)));
      }),
      { numRuns: 150 },
    );
  });

  it('toCidrs gives back the same set, as the minimal (greedy) CIDR list', () => {
    fc.assert(
      fc.property(setIn(w), (a) => {
        const set = build(a);
        const cidrs = set.toCidrs();
        const again = CidrSet.parse(cidrs);
        expect(again.ok && again.value.equals(set)).toBe(true);
        const toBig = w.family === 4 ? ipv4Big : ipv6Big;
        const expected = set
          .toRanges()
          .flatMap((r) => naiveRangeToCidrs(toBig(r.first), toBig(r.last), BigInt(w.bits)))
          .map((c) => `${w.family === 4 ? v4ToText(c.start) : v6Text(c.start)}/${c.prefix}`);
        expect(cidrs).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});

/** RFC 5952 through the parser's own round trip would be circular: compare via BigInt instead. */
function v6Text(n: bigint): string {
  const r = CidrSet.parse([v6ToFullText(n)]);
  if (!r.ok) throw new Error(r.message);
  const [first] = r.value.toRanges();
  return first?.first ?? '';
}

describe('CidrSet.fromRange against the BigInt greedy model on whole-space ranges', () => {
  const big = (bits: number) => fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n });
  it.each([
    [4, 32],
    [6, 128],
  ] as const)('IPv%i', (family, bits) => {
    fc.assert(
      fc.property(big(bits), big(bits), (x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const r = CidrSet.fromRange(textOf(lo, family), textOf(hi, family));
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const cidrs = r.value.toCidrs();
        const model = naiveRangeToCidrs(lo, hi, BigInt(bits));
        expect(cidrs.length).toBe(model.length);
        expect(cidrs.map((c) => Number(c.split('/')[1]))).toEqual(model.map((m) => m.prefix));
        expect(r.value.size(family)).toBe(hi - lo + 1n);
      }),
      { numRuns: 200 },
    );
  });

  it('covers the whole space and single addresses at both ends', () => {
    expect(CidrSet.fromRange('0.0.0.0', '255.255.255.255')).toMatchObject({ ok: true });
    const all = CidrSet.fromRange('::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
    expect(all.ok && all.value.toCidrs()).toEqual(['::/0']);
    const top = CidrSet.fromRange('255.255.255.254', '255.255.255.255');
    expect(top.ok && top.value.toCidrs()).toEqual(['255.255.255.254/31']);
    expect(CidrSet.all().subtract(CidrSet.all()).isEmpty()).toBe(true);
    expect(CidrSet.fromRange('10.0.0.2', '10.0.0.1')).toMatchObject({
      ok: false,
      hint: 'did you mean "10.0.0.1-10.0.0.2"?',
    });
    expect(CidrSet.fromRange('10.0.0.1', '::1')).toMatchObject({ ok: false });
  });

  it('mixes families in one set and keeps them apart', () => {
    const r = CidrSet.parse(['2001:db8::/32', '10.0.0.0/8', '10.0.0.0/9', '2001:db8:1::/48']);
    expect(r.ok && r.value.toCidrs()).toEqual(['10.0.0.0/8', '2001:db8::/32']);
    expect(r.ok && r.value.family(6).toCidrs()).toEqual(['2001:db8::/32']);
    expect(r.ok && r.value.contains({ kind: 'cidr', family: 4, value: '10.1.0.0/16' })).toBe(true);
    expect(r.ok && r.value.contains({ kind: 'fqdn', value: 'example.com' })).toBe(false);
    expect(CidrSet.parse(['10.0.0.1/8'])).toMatchObject({ ok: false, hint: 'did you mean "10.0.0.0/8"?' });
  });
});

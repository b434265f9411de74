/**
 * src/net hot paths. Run: `npx tsx bench/net.bench.ts`. Prints a table of milliseconds (best of 5 runs).
 * Inputs are generated from a fixed seed so runs compare.
 */
import ipaddr from 'ipaddr.js';
import { CidrSet, createPrefixMatcher, parseIpv4Cidr, parseIpv6Cidr } from '../src/net/index.js';

const N = 100_000;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

const next = rng(42);
const v4 = (n: number) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
const v4Cidrs = Array.from({ length: N }, () => {
  const prefix = 8 + (next() % 25);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return `${v4((next() & mask) >>> 0)}/${prefix}`;
});
const v4Hosts = Array.from({ length: N }, () => v4(next()));
const hex = () => (next() & 0xffff).toString(16);
const v6Cidrs = Array.from({ length: N }, () => `2001:db8:${hex()}:${hex()}::/64`);

/** Zones: 2,000 IPv4 prefixes of /8 to /28, nested at random, plus a default route. */
const zones = v4Cidrs.slice(0, 2000).map((cidr, i) => ({ cidr, value: `zone-${i}` }));
zones.push({ cidr: '0.0.0.0/0', value: 'internet' });
const v6Zones = v6Cidrs.slice(0, 2000).map((cidr, i) => ({ cidr, value: `zone6-${i}` }));
const v6Hosts = v6Cidrs.map((c) => c.replace('::/64', `::${hex()}`));

function time(label: string, fn: () => unknown): [string, number] {
  let best = Number.POSITIVE_INFINITY;
  let sink: unknown;
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    sink = fn();
    best = Math.min(best, performance.now() - t0);
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return [label, best];
}

function bigIntV6(text: string): bigint {
  const words = new Uint32Array(4);
  const r = parseIpv6Cidr(text);
  if (r.ok) words.set(r.value.words);
  return (
    (BigInt(words[0] as number) << 96n) |
    (BigInt(words[1] as number) << 64n) |
    (BigInt(words[2] as number) << 32n) |
    BigInt(words[3] as number)
  );
}

const v4Matcher = createPrefixMatcher(zones);
const v6Matcher = createPrefixMatcher(v6Zones);
const rows: [string, number][] = [
  time('100k IPv4 CIDR parses (src/net)', () => v4Cidrs.map((c) => parseIpv4Cidr(c).ok)),
  time('100k IPv4 CIDR parses (ipaddr.js IPv4.parseCIDR)', () => v4Cidrs.map((c) => ipaddr.IPv4.parseCIDR(c))),
  time('100k IPv6 CIDR parses (src/net, 4×uint32)', () => v6Cidrs.map((c) => parseIpv6Cidr(c).ok)),
  time('100k IPv6 CIDR parses (src/net, then to BigInt)', () => v6Cidrs.map((c) => bigIntV6(c))),
  time('100k IPv6 CIDR parses (ipaddr.js IPv6.parseCIDR)', () => v6Cidrs.map((c) => ipaddr.IPv6.parseCIDR(c))),
  time('build prefix matcher, 2,001 IPv4 zones', () => createPrefixMatcher(zones)),
  time('100k IPv4 prefix lookups (2,001 zones)', () => v4Hosts.map((h) => v4Matcher(h))),
  time('100k IPv6 prefix lookups (2,000 zones)', () => v6Hosts.map((h) => v6Matcher(h))),
  time('CidrSet.parse 100k IPv4 CIDRs (sort + merge)', () => CidrSet.parse(v4Cidrs)),
  time('CidrSet.parse 100k IPv6 CIDRs (sort + merge)', () => CidrSet.parse(v6Cidrs)),
];
/** /20 to /32 so that the sets stay fragmented (random /8s would swallow everything). */
const small = Array.from({ length: N }, () => {
  const prefix = 20 + (next() % 13);
  return `${v4((next() & ((0xffffffff << (32 - prefix)) >>> 0)) >>> 0)}/${prefix}`;
});
const a = CidrSet.parse(small.slice(0, N / 2));
const b = CidrSet.parse(small.slice(N / 2));
if (a.ok && b.ok) {
  rows.push(time('CidrSet union, 2 × 50k IPv4', () => a.value.union(b.value)));
  rows.push(time('CidrSet subtract, 50k − 50k IPv4', () => a.value.subtract(b.value)));
  rows.push(time('CidrSet intersect, 50k ∩ 50k IPv4', () => a.value.intersect(b.value)));
  rows.push(time('CidrSet.toCidrs of 50k − 50k IPv4', () => a.value.subtract(b.value).toCidrs()));
  const set = a.value;
  rows.push(time('100k CidrSet.contains(IPv4 host)', () => v4Hosts.map((h) => set.contains(h))));
}

const width = Math.max(...rows.map(([l]) => l.length));
console.log(`${'benchmark'.padEnd(width)} | ms (best of 5)`);
console.log(`${'-'.repeat(width)}-|---------------`);
for (const [label, ms] of rows) console.log(`${label.padEnd(width)} | ${ms.toFixed(1).padStart(8)}`);

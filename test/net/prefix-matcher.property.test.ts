import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { createPrefixMatcher } from '../../src/net/index.js';

/** Naive oracle: scan every entry with ipaddr.js, keep the longest prefix containing the whole query; first wins. */
function naive<T>(entries: { cidr: string; value: T }[], query: string): T | undefined {
  const [qAddr, qPrefix] = ipaddr.parseCIDR(query.includes('/') ? query : `${query}/${query.includes(':') ? 128 : 32}`);
  let best: { prefix: number; value: T } | undefined;
  for (const e of entries) {
    const [addr, prefix] = ipaddr.parseCIDR(e.cidr);
    if (addr.kind() !== qAddr.kind() || prefix > qPrefix) continue;
    if (!qAddr.match(addr, prefix)) continue;
    if (!best || prefix > best.prefix) best = { prefix, value: e.value };
  }
  return best?.value;
}

const octet = fc.integer({ min: 0, max: 255 });
/** Addresses in a few /16s so that zones nest and queries hit them. */
const v4 = fc
  .tuple(fc.constantFrom('10.0', '10.1', '192.168'), octet, octet)
  .map(([head, c, d]) => `${head}.${c}.${d}`);
const v4Cidr = fc.tuple(v4, fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`);
const hex = fc.constantFrom('0', '1', 'ff', '8000', 'ffff');
const v6 = fc.tuple(fc.constantFrom('2001:db8', '2001:db8:1', 'fd00'), hex, hex).map(([h, x, y]) => `${h}::${x}:${y}`);
const v6Cidr = fc.tuple(v6, fc.integer({ min: 0, max: 128 })).map(([a, p]) => `${a}/${p}`);
const cidr = fc.oneof(v4Cidr, v6Cidr);
const query = fc.oneof(v4, v4Cidr, v6, v6Cidr);

describe('createPrefixMatcher against a linear scan with ipaddr.js', () => {
  it('returns the longest prefix containing the whole query', () => {
    fc.assert(
      fc.property(
        fc.array(cidr, { maxLength: 20 }),
        fc.array(query, { minLength: 1, maxLength: 20 }),
        (cidrs, queries) => {
          const entries = cidrs.map((c, i) => ({ cidr: c, value: i }));
          const match = createPrefixMatcher(entries);
          for (const q of queries) expect(match(q), q).toBe(naive(entries, q));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never assigns a network to a zone inside it, and reads Address values', () => {
    const match = createPrefixMatcher([
      { cidr: '10.0.0.0/8', value: 'lan' },
      { cidr: '10.1.2.0/28', value: 'mgmt' },
      { cidr: '0.0.0.0/0', value: 'internet' },
      { cidr: '2001:db8::/32', value: 'lan6' },
    ]);
    expect(match('10.1.2.0/24')).toBe('lan');
    expect(match('10.1.2.5')).toBe('mgmt');
    expect(match('10.1.2.5/24')).toBe('lan');
    expect(match({ kind: 'cidr', family: 4, value: '8.8.8.8/32' })).toBe('internet');
    expect(match({ kind: 'fqdn', value: 'example.com' })).toBeUndefined();
    expect(match('2001:db9::1')).toBeUndefined();
    expect(match('2001 :db8 ::1')).toBe('lan6');
    expect(match('not an address')).toBeUndefined();
    expect(() => createPrefixMatcher([{ cidr: 'lan', value: 1 }])).toThrow(RangeError);
  });
});

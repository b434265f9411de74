import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import {
  CidrSet,
  formatIpv4,
  formatIpv6,
  parseIpv4,
  parseIpv4Cidr,
  parseIpv6Cidr,
  parseIpv6Into,
} from '../../src/net/index.js';

const octet = fc.integer({ min: 0, max: 255 });
const v4Text = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
/** Groups biased towards zero runs, so `::` placement and RFC 5952 tie-breaking are exercised. */
const group = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
const v6Groups = fc.array(group, { minLength: 8, maxLength: 8 });
const v6Bytes = (g: number[]) => g.flatMap((x) => [x >> 8, x & 255]);

describe('IPv4 parsing against ipaddr.js', () => {
  it('parses every dotted quad to the same 32-bit value', () => {
    fc.assert(
      fc.property(v4Text, (text) => {
        const b = ipaddr.IPv4.parse(text).toByteArray();
        expect(parseIpv4(text)).toBe(
          (((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0)) >>> 0,
        );
      }),
    );
  });

  it('accepts exactly the strict four-part decimal strings', () => {
    const part = fc.constantFrom('0', '1', '9', '25', '199', '255', '256', '00', '01', '1000', '', 'a', ' 1');
    fc.assert(
      fc.property(fc.array(part, { minLength: 3, maxLength: 5 }), (parts) => {
        const text = parts.join('.');
        expect(parseIpv4(text) >= 0, text).toBe(ipaddr.IPv4.isValidFourPartDecimal(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('masks to the same network as ipaddr.js networkAddressFromCIDR', () => {
    fc.assert(
      fc.property(v4Text, fc.integer({ min: 0, max: 32 }), (addr, prefix) => {
        const r = parseIpv4Cidr(`${addr}/${prefix}`, true);
        const network = ipaddr.IPv4.networkAddressFromCIDR(`${addr}/${prefix}`).toString();
        expect(r.ok && formatIpv4(r.value.address)).toBe(network);
        expect(parseIpv4Cidr(`${addr}/${prefix}`).ok).toBe(network === addr);
      }),
    );
  });
});

describe('IPv6 parsing and RFC 5952 formatting against ipaddr.js', () => {
  it('parses the full, normalised and compressed forms to the same address, formatted as toRFC5952String', () => {
    fc.assert(
      fc.property(v6Groups, (g) => {
        const ref = ipaddr.fromByteArray(v6Bytes(g)) as ipaddr.IPv6;
        const expected = ref.toRFC5952String();
        const full = g.map((x) => x.toString(16).padStart(4, '0')).join(':');
        for (const text of [full, ref.toNormalizedString(), ref.toString(), expected.toUpperCase()]) {
          const words = new Uint32Array(4);
          expect(parseIpv6Into(text, 0, text.length, words), text).toBe(true);
          expect(formatIpv6(words)).toBe(expected);
        }
      }),
    );
  });

  it('parses embedded IPv4 tails like ipaddr.js', () => {
    fc.assert(
      fc.property(fc.array(group, { minLength: 6, maxLength: 6 }), v4Text, (g, v4) => {
        const text = `${g.map((x) => x.toString(16)).join(':')}:${v4}`;
        const r = parseIpv6Cidr(text);
        expect(r.ok && formatIpv6(r.value.words)).toBe(ipaddr.IPv6.parse(text).toRFC5952String());
      }),
    );
  });

  it('accepts exactly the strings ipaddr.js accepts (hex and colons)', () => {
    const piece = fc.constantFrom('0', '1', 'a', 'F', 'ffff', '12345', ':', ':', '::', ':::');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (parts) => {
        const text = parts.join('');
        const words = new Uint32Array(4);
        expect(parseIpv6Into(text, 0, text.length, words), text).toBe(ipaddr.IPv6.isValid(text));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('containment against ipaddr.js match()', () => {
  it('IPv4: an address is in a network exactly when ipaddr.js says so', () => {
    fc.assert(
      fc.property(v4Text, v4Text, fc.integer({ min: 0, max: 32 }), (addr, net, prefix) => {
        const cidr = ipaddr.IPv4.networkAddressFromCIDR(`${net}/${prefix}`).toString();
        const set = CidrSet.parse([`${cidr}/${prefix}`]);
        expect(set.ok && set.value.contains(addr)).toBe(ipaddr.IPv4.parse(addr).match(ipaddr.IPv4.parse(cidr), prefix));
      }),
    );
  });

  it('IPv6: same, with the address sharing a random number of leading groups with the network', () => {
    fc.assert(
      fc.property(
        v6Groups,
        v6Groups,
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 128 }),
        (a, n, shared, prefix) => {
          const addrGroups = [...n.slice(0, shared), ...a.slice(shared)];
          const addr = ipaddr.fromByteArray(v6Bytes(addrGroups)) as ipaddr.IPv6;
          const net = ipaddr.IPv6.networkAddressFromCIDR(`${ipaddr.fromByteArray(v6Bytes(n)).toString()}/${prefix}`);
          const set = CidrSet.parse([`${net.toString()}/${prefix}`]);
          expect(set.ok && set.value.contains(addr.toString())).toBe(addr.match(net, prefix));
        },
      ),
    );
  });
});

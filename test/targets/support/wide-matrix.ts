import fc from 'fast-check';
import type { Address, Matrix, ServiceMatch } from '../../../src/model/matrix.js';
import { formatIpv4 } from '../../../src/net/ipv4.js';
import { formatIpv6 } from '../../../src/net/ipv6.js';
import { endpoint, firewall, hop, matrix, row, service } from '../../fixtures/targets/build.js';

/**
 * Random matrices wider than the lab's (`arbitraryLabMatrix`), for print/parse properties: prefixes of any length
 * (host bits cleared, as the loader leaves them) in both families, `any`, every protocol the model knows, ICMP with
 * and without a type (types without an ICMPv6 twin too), ports over the whole range with its edges (1, 65535, the
 * full range). One firewall: through its interfaces, rows between any two of lan, dmz and wan; without, lan → dmz.
 */
const v4 = fc
  .tuple(
    fc.constantFrom(0xc6120000, 0x0a000000, 0xc0a80000),
    fc.integer({ min: 0, max: 0xffff }),
    fc.integer({ min: 8, max: 32 }),
  )
  .map(([base, low, length]): Address => {
    const mask = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
    const value = ((base | low) & mask) >>> 0;
    return { kind: 'cidr', family: 4, value: `${formatIpv4(value)}/${length}` };
  });

const v6 = fc
  .tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 32, max: 128 }))
  .map(([a, b, length]): Address => {
    const words = Uint32Array.of(0x20010db8, a << 16, 0, b);
    for (let i = 0; i < 4; i++) {
      const keep = Math.max(0, Math.min(32, length - 32 * i));
      const mask = keep === 0 ? 0 : (0xffffffff << (32 - keep)) >>> 0;
      words[i] = ((words[i] as number) & mask) >>> 0;
    }
    return { kind: 'cidr', family: 6, value: `${formatIpv6(words)}/${length}` };
  });

const side = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Address[]>([{ kind: 'any' }]) },
  { weight: 6, arbitrary: fc.array(fc.oneof(v4, v4, v6), { minLength: 1, maxLength: 4 }) },
);

const port = fc.oneof(fc.constantFrom(1, 2, 1023, 1024, 65534, 65535), fc.integer({ min: 1, max: 65535 }));
const portList = fc
  .array(
    fc.oneof(
      port.map((p) => `${p}`),
      fc.tuple(port, port).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
      fc.constant('1-65535'),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((ps) => ps.join(','));

const services: fc.Arbitrary<ServiceMatch[]> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.tuple(fc.constantFrom('tcp', 'udp', 'sctp'), portList).map(([p, l]) => `${p}/${l}`) },
      { weight: 1, arbitrary: fc.constantFrom('ip', 'icmp', 'icmpv6', 'gre', 'esp', 'ah') },
      {
        weight: 2,
        arbitrary: fc.constantFrom('icmp/0', 'icmp/3', 'icmp/8', 'icmp/11', 'icmp/13', 'icmpv6/1', 'icmpv6/128'),
      },
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((specs) => specs.flatMap((s) => service(s)));

const INTERFACES = { lan: 'f0', dmz: 'f1', wan: 'f2' } as const;
/** Through the interfaces, rows cross the firewall between any two zones (without, lan → dmz). */
const ZONE_PAIRS = [
  ['lan', 'dmz'],
  ['dmz', 'lan'],
  ['lan', 'wan'],
  ['wan', 'dmz'],
] as const;

export const arbitraryWideMatrix = (): fc.Arbitrary<Matrix> =>
  fc
    .record({
      interfaces: fc.boolean(),
      rows: fc.array(fc.record({ src: side, dst: side, services, zones: fc.constantFrom(...ZONE_PAIRS) }), {
        minLength: 1,
        maxLength: 6,
      }),
    })
    .map(({ interfaces, rows }) =>
      matrix(
        rows.map((r, i) => {
          const from = { ...endpoint(`src${i}`, []), addresses: r.src };
          const to = { ...endpoint(`dst${i}`, []), addresses: r.dst };
          return row({
            flow: `w${i}`,
            from,
            to,
            services: r.services,
            hops: [
              interfaces
                ? hop('fw', r.zones[0], r.zones[1], INTERFACES[r.zones[0]], INTERFACES[r.zones[1]])
                : hop('fw', 'lan', 'dmz'),
            ],
          });
        }),
        [firewall('fw', 'nftables', INTERFACES)],
      ),
    );

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ServiceMatch } from '../../../src/model/matrix.js';
import { PROTOCOLS } from '../../../src/model/vocab.js';
import { groupingInTurn, protocolGroups, serviceGroups } from '../../../src/targets/kit/plan.js';

/** A service as a catalog resolves it: a few names, every protocol, ports that overlap, ICMP types or none. */
const service: fc.Arbitrary<ServiceMatch> = fc
  .record({
    name: fc.constantFrom('web', 'dns', 'mail', 'ping'),
    protocol: fc.constantFrom(...PROTOCOLS),
    ports: fc.array(
      fc
        .tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 5 }))
        .map(([from, n]) => ({ from, to: from + n })),
      { maxLength: 4 },
    ),
    icmpType: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  })
  .map(({ icmpType, ...s }) => (icmpType === undefined ? s : { ...s, icmpType }));
const services = fc.array(service, { minLength: 1, maxLength: 8 });

/** A copy with nothing shared: what a matrix read back from JSON hands the printer. */
const copy = (list: readonly ServiceMatch[]): ServiceMatch[] => JSON.parse(JSON.stringify(list));

/** The same services but one: its first range one port longer at `end`, or its ICMP type changed (a near miss). */
function nearMiss(list: readonly ServiceMatch[], end: 'from' | 'to'): ServiceMatch[] {
  const [first, ...rest] = copy(list) as [ServiceMatch, ...ServiceMatch[]];
  const [port, ...ports] = first.ports;
  if (!port) return [{ ...first, icmpType: (first.icmpType ?? -1) + 1 }, ...rest];
  const longer = end === 'to' ? { from: port.from, to: port.to + 1 } : { from: port.from - 1, to: port.to };
  return [{ ...first, ports: [longer, ...ports] }, ...rest];
}

describe('grouping the services of rules in turn', () => {
  it('gives every rule the groups of its own services, whether the previous rule named the same or not', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(services, fc.nat(2)), { maxLength: 12 }), (runs) => {
        const byService = groupingInTurn(serviceGroups);
        const byProtocol = groupingInTurn(protocolGroups);
        for (const [list, repeats] of runs) {
          // The same services again, as the same list and as an equal copy: the rules of one flow.
          const rules = [
            list,
            ...Array.from({ length: repeats }, () => copy(list)),
            nearMiss(list, 'from'),
            nearMiss(list, 'to'),
            list,
          ];
          for (const rule of rules) {
            expect(byService(rule)).toEqual(serviceGroups(rule));
            expect(byProtocol(rule)).toEqual(protocolGroups(rule));
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('groups again when only a port or an ICMP type differs', () => {
    const byService = groupingInTurn(serviceGroups);
    const first: ServiceMatch[] = [
      { name: 'web', protocol: 'tcp', ports: [{ from: 80, to: 80 }] },
      { name: 'ping', protocol: 'icmp', ports: [], icmpType: 8 },
    ];
    expect(byService(first).map((g) => g.ports)).toEqual([[{ from: 80, to: 80 }], []]);
    const otherPort = [{ ...first[0], ports: [{ from: 443, to: 443 }] } as ServiceMatch, first[1] as ServiceMatch];
    expect(byService(otherPort)[0]?.ports).toEqual([{ from: 443, to: 443 }]);
    const otherType = [otherPort[0] as ServiceMatch, { ...first[1], icmpType: 0 } as ServiceMatch];
    expect(byService(otherType)[1]?.icmpTypes).toEqual([0]);
  });
});

describe('service groups', () => {
  it('keeps protocols in the order the rule names them, and a ported service apart from the others', () => {
    const groups = serviceGroups([
      { name: 'web', protocol: 'tcp', ports: [{ from: 443, to: 443 }] },
      { name: 'dns', protocol: 'udp', ports: [{ from: 53, to: 53 }] },
      { name: 'web', protocol: 'tcp', ports: [{ from: 80, to: 80 }] },
      { name: 'dns', protocol: 'tcp', ports: [{ from: 53, to: 53 }] },
      { name: 'ping', protocol: 'icmp', ports: [], icmpType: 8 },
      { name: 'pong', protocol: 'icmp', ports: [], icmpType: 0 },
    ]);
    expect(groups.map((g) => [g.protocol, g.names, g.ports, g.icmpTypes])).toEqual([
      [
        'tcp',
        ['web'],
        [
          { from: 80, to: 80 },
          { from: 443, to: 443 },
        ],
        'all',
      ],
      ['tcp', ['dns'], [{ from: 53, to: 53 }], 'all'],
      ['udp', ['dns'], [{ from: 53, to: 53 }], 'all'],
      ['icmp', ['ping', 'pong'], [], [0, 8]],
    ]);
  });
});

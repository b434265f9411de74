import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CidrSet } from '../../src/net/cidr-set.js';
import { formatIpv4 } from '../../src/net/ipv4.js';
import { PortSet } from '../../src/net/port-set.js';
import { evaluate } from '../../src/ruleset/evaluate.js';
import { parsePacket } from '../../src/ruleset/packet.js';
import { type Box, classify, icmpSet } from '../../src/ruleset/region.js';
import type { Rule, Ruleset, Verdict } from '../../src/ruleset/types.js';

/**
 * The packet-space walk must agree with first-match evaluation on every packet: random rulesets over a small
 * address and port space (so rules overlap often), random packets, and the box holding each packet must end as
 * `evaluate` says.
 */
const BASE = 0x0a000000; // 10.0.0.0
/** `arb` one time in `1 + absent`, else undefined: most rules leave most fields open, as real ones do. */
const sometimes = <T>(arb: fc.Arbitrary<T>, absent = 2): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: absent }, { arbitrary: arb, weight: 1 });
const cidr = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 24, max: 29 })).map(([host, prefix]) => {
  const mask = prefix === 32 ? 0xffffffff : ~(0xffffffff >>> prefix);
  return `${formatIpv4((BASE + host) & mask)}/${prefix}`;
});
const addresses = sometimes(
  fc.tuple(fc.array(cidr, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([list, negate]) => {
    const set = CidrSet.parse(list, { lenient: true });
    if (!set.ok) throw new Error(set.message);
    return negate ? CidrSet.all().subtract(set.value) : set.value;
  }),
  2,
);
const ports = sometimes(
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 10 })), { minLength: 1, maxLength: 3 })
    .map((list) => PortSet.fromRanges(list.map(([from, width]) => ({ from, to: from + width })))),
  2,
);
const verdict = (chains: string[]): fc.Arbitrary<Verdict> =>
  fc.oneof(
    fc.constantFrom<Verdict>(
      { kind: 'accept' },
      { kind: 'drop' },
      { kind: 'reject' },
      { kind: 'return' },
      { kind: 'continue' },
    ),
    ...(chains.length > 0
      ? [
          fc
            .constantFrom(...chains)
            .chain((c) => fc.constantFrom<Verdict>({ kind: 'jump', chain: c }, { kind: 'goto', chain: c })),
        ]
      : []),
  );
let lines = 0;
const rule = (chains: string[]): fc.Arbitrary<Rule> =>
  fc
    .record({
      source: addresses,
      destination: addresses,
      protocols: sometimes(fc.constantFrom(PortSet.of(6), PortSet.of(17), PortSet.of(1), PortSet.of(6, 17))),
      destinationPorts: ports,
      sourcePorts: ports,
      icmp: sometimes(fc.constantFrom([{ type: 8 }], [{ type: 3, code: 1 }]), 4),
      states: sometimes(fc.constantFrom<Rule['states']>(['new'], ['established']), 3),
      opaque: sometimes(fc.constant(['-m recent']), 9),
      verdict: verdict(chains),
    })
    .map((r) => {
      const out: Record<string, unknown> = { verdict: r.verdict, provenance: { line: ++lines } };
      for (const [k, v] of Object.entries(r)) if (v !== undefined && k !== 'verdict') out[k] = v;
      // Ports need a ported protocol, ICMP types an ICMP one, as every real syntax requires.
      if (out.destinationPorts || out.sourcePorts) out.protocols = PortSet.of(6);
      else if (out.icmp) out.protocols = PortSet.of(1);
      return out as unknown as Rule;
    });
// Chains main → c1 → c0 only call lower ones: no loops. Half the rulesets have a second stage (another base chain
// on the same hook) that walks what the first accepts. A stage's chain may have no policy (the default action then
// decides what returns at the top); c1 often has one, c0 now and then (a goto to such a chain from the top makes it
// the base chain; a goto to it from a called chain does not).
const policy = fc.constantFrom<'accept' | 'drop'>('accept', 'drop');
const withPolicy = (p: 'accept' | 'drop' | null) => (p ? { policy: p } : {});
const ruleset: fc.Arbitrary<Ruleset> = fc
  .tuple(
    fc.tuple(fc.array(rule([]), { maxLength: 4 }), fc.option(policy, { freq: 3 })),
    fc.tuple(fc.array(rule(['c0']), { maxLength: 4 }), fc.option(policy, { freq: 2 })),
    fc.array(rule(['c0', 'c1']), { minLength: 1, maxLength: 8 }),
    fc.option(policy, { freq: 3 }),
    fc.option(fc.tuple(fc.array(rule(['c0', 'c1']), { maxLength: 4 }), fc.option(policy, { freq: 3 }))),
    policy,
  )
  .map(([[c0, c0Policy], [c1, c1Policy], main, mainPolicy, post, defaultAction]) => ({
    entry: 'main',
    ...(post ? { stages: ['post'] } : {}),
    defaultAction,
    objects: [],
    chains: {
      c0: { name: 'c0', rules: c0, ...withPolicy(c0Policy) },
      c1: { name: 'c1', rules: c1, ...withPolicy(c1Policy) },
      main: { name: 'main', rules: main, ...withPolicy(mainPolicy) },
      ...(post ? { post: { name: 'post', rules: post[0], ...withPolicy(post[1]) } } : {}),
    },
  }));
const packetText = fc
  .tuple(
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
    fc.constantFrom('tcp', 'udp', 'icmp'),
    fc.integer({ min: 0, max: 55 }),
    fc.integer({ min: 0, max: 55 }),
    fc.constantFrom('new', 'established'),
    fc.constantFrom(8, 3, 0),
  )
  .map(([s, d, proto, sp, dp, state, type]) => {
    const src = formatIpv4(BASE + s);
    const dst = formatIpv4(BASE + d);
    return proto === 'icmp'
      ? `icmp ${src} -> ${dst} type ${type} code 1 state ${state}`
      : `${proto} ${src}:${sp} -> ${dst}:${dp} state ${state}`;
  });

const hitAt = (h: { chain: string; index: number } | undefined) => (h ? `${h.chain}#${h.index}` : undefined);

function boxHolds(box: Box, text: string): boolean {
  const p = parsePacket(text);
  if (!p.ok) throw new Error(p.message);
  const v = p.value;
  const icmp = v.icmpType === undefined ? undefined : v.icmpType * 256 + (v.icmpCode ?? 0);
  return (
    box.source.contains(v.sourceText) &&
    box.destination.contains(v.destinationText) &&
    box.protocols.contains(v.protocol) &&
    (v.sourcePort === undefined || box.sourcePorts.contains(v.sourcePort)) &&
    (v.destinationPort === undefined || box.destinationPorts.contains(v.destinationPort)) &&
    (icmp === undefined || box.icmp.contains(icmp))
  );
}

describe('classify agrees with evaluate', () => {
  it('on random rulesets and packets', () => {
    fc.assert(
      fc.property(ruleset, fc.array(packetText, { minLength: 1, maxLength: 12 }), (rs, packets) => {
        for (const state of ['new', 'established'] as const) {
          const c = classify(rs, { family: 4, state });
          expect(c.overflow).toBeUndefined();
          for (const text of packets.filter((t) => t.endsWith(`state ${state}`))) {
            const p = parsePacket(text);
            if (!p.ok) throw new Error(p.message);
            const holding = c.outcomes.filter((o) => boxHolds(o.box, text));
            expect(holding, text).toHaveLength(1);
            const outcome = holding[0];
            const d = evaluate(rs, p.value);
            if (d.kind === 'decided') {
              // A box holding uninterpreted rules may be indeterminate as a whole while this packet is not.
              if (outcome?.action !== 'indeterminate') expect(outcome?.action, text).toBe(d.action);
              // Without uninterpreted rules the walk did not fork: the same rule or the same chain's policy decides.
              if (outcome?.maybe.length === 0) {
                expect(outcome.policyOf, text).toBe(d.policyOf);
                expect(hitAt(outcome.decidedBy), text).toBe(hitAt(d.decidedBy));
              }
            } else {
              expect(outcome?.action, text).toBe('indeterminate');
            }
          }
        }
      }),
      { numRuns: 300, seed: 20261206 },
    );
  });

  it('finds a rule hidden by the union of two earlier ones', () => {
    const set = (t: string) => {
      const r = CidrSet.parse([t]);
      if (!r.ok) throw new Error(r.message);
      return r.value;
    };
    const rs: Ruleset = {
      entry: 'f',
      defaultAction: 'drop',
      objects: [],
      chains: {
        f: {
          name: 'f',
          policy: 'drop',
          rules: [
            { source: set('10.0.0.0/25'), verdict: { kind: 'drop' }, provenance: { line: 1 } },
            { source: set('10.0.0.128/25'), verdict: { kind: 'accept' }, provenance: { line: 2 } },
            { source: set('10.0.0.0/24'), verdict: { kind: 'accept' }, provenance: { line: 3 } },
          ],
        },
      },
    };
    const c = classify(rs, { family: 4, source: set('10.0.0.0/24') });
    expect(c.outcomes.map((o) => o.decidedBy?.rule.provenance.line).sort()).toEqual([1, 2]);
    expect(icmpSet([{ type: 8 }]).size).toBe(256);
  });
});

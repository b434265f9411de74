/**
 * Random rulesets for comparing implementations: a small IPv4 space and port range (so rules overlap often),
 * interfaces (names, prefixes, negations), zones, states, uninterpreted matches, jumps and gotos guarded by
 * interfaces (so chains are reached in several contexts), returns (often in the stages' own chains, where the base
 * chain's policy decides), a second stage with its own policy, base chains without one (the default action then),
 * a chain with a policy reached by goto, and now and then a jump to a chain that does not exist.
 */
import fc from 'fast-check';
import { CidrSet } from '../../src/net/cidr-set.js';
import { formatIpv4 } from '../../src/net/ipv4.js';
import { PortSet } from '../../src/net/port-set.js';
import { type Packet, parsePacket } from '../../src/ruleset/packet.js';
import type { InterfaceMatch, Rule, Ruleset, TcpFlagTest, Verdict } from '../../src/ruleset/types.js';

export const BASE = 0x0a000000; // 10.0.0.0
export const INTERFACES = ['eth0', 'eth1', 'wan0'] as const;
export const ZONES = ['inside', 'outside'] as const;

/** `arb` one time in `1 + absent`, else undefined: most rules leave most fields open, as real ones do. */
const sometimes = <T>(arb: fc.Arbitrary<T>, absent = 2): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: absent }, { arbitrary: arb, weight: 1 });

const cidr = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 24, max: 30 })).map(([host, prefix]) => {
  const mask = ~(0xffffffff >>> prefix);
  return `${formatIpv4((BASE + host) & mask)}/${prefix}`;
});
const addresses = sometimes(
  fc.tuple(fc.array(cidr, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([list, negate]) => {
    const set = CidrSet.parse(list, { lenient: true });
    if (!set.ok) throw new Error(set.message);
    return negate ? CidrSet.all().subtract(set.value) : set.value;
  }),
);
const ports = sometimes(
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 10 })), { minLength: 1, maxLength: 3 })
    .map((list) => PortSet.fromRanges(list.map(([from, width]) => ({ from, to: from + width })))),
);
const iface: fc.Arbitrary<InterfaceMatch | undefined> = sometimes(
  fc.oneof(
    fc.record({ name: fc.constantFrom(...INTERFACES), prefix: fc.constant(false), negated: fc.boolean() }),
    fc.record({ name: fc.constantFrom('eth', 'wan'), prefix: fc.constant(true), negated: fc.boolean() }),
  ),
  3,
);
const zones = sometimes(fc.subarray([...ZONES], { minLength: 1 }), 6);

/** `returns`: the weight of an extra `return` (in a stage's chain, or in a chain with a policy gone to from it). */
const verdict = (chains: readonly string[], returns = 0): fc.Arbitrary<Verdict> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom<Verdict>({ kind: 'accept' }, { kind: 'drop' }, { kind: 'reject' }) },
    { weight: 2, arbitrary: fc.constantFrom<Verdict>({ kind: 'return' }, { kind: 'continue' }) },
    ...(returns > 0 ? [{ weight: returns, arbitrary: fc.constant<Verdict>({ kind: 'return' }) }] : []),
    ...(chains.length > 0
      ? [
          {
            weight: 3,
            arbitrary: fc
              .constantFrom(...chains)
              .chain((c) => fc.constantFrom<Verdict>({ kind: 'jump', chain: c }, { kind: 'goto', chain: c })),
          },
        ]
      : []),
  );

let lines = 0;
const rule = (chains: readonly string[], returns = 0): fc.Arbitrary<Rule> =>
  fc
    .record({
      family: sometimes(fc.constantFrom<4 | 6>(4, 6), 8),
      source: addresses,
      destination: addresses,
      protocols: sometimes(fc.constantFrom(PortSet.of(6), PortSet.of(17), PortSet.of(1), PortSet.of(6, 17))),
      destinationPorts: ports,
      sourcePorts: sometimes(fc.constant(PortSet.fromRanges([{ from: 0, to: 20 }])), 6),
      icmp: sometimes(fc.constantFrom([{ type: 8 }], [{ type: 3, code: 1 }]), 6),
      inInterface: iface,
      outInterface: iface,
      fromZones: zones,
      toZones: zones,
      states: sometimes(fc.constantFrom<Rule['states']>(['new'], ['established'], ['new', 'established']), 3),
      opaque: sometimes(fc.constant(['-m recent']), 8),
      tcpFlags: sometimes(
        fc.constantFrom<TcpFlagTest>(
          { mask: 0x17, values: [0x02], negated: false },
          { mask: 0x17, values: [0x02], negated: true },
          { mask: 0x12, values: [0x12], negated: false },
          { mask: 0x3f, values: [0], negated: false },
          { mask: 0x12, values: [0x02, 0x10], negated: true },
        ),
        5,
      ),
      verdict: verdict(chains, returns),
    })
    .map((r) => {
      const out: Record<string, unknown> = { verdict: r.verdict, provenance: { file: 'fw', line: ++lines } };
      for (const [k, v] of Object.entries(r)) if (v !== undefined && k !== 'verdict') out[k] = v;
      // Ports need a ported protocol, ICMP types an ICMP one, as every real syntax requires.
      // Flag matches are TCP matches, kept in `opaque` too (the way readers give them).
      if (r.tcpFlags) {
        const text = `--tcp-flags ${r.tcpFlags.mask}/${r.tcpFlags.values.join('|')}${r.tcpFlags.negated ? ' !' : ''}`;
        out.tcpFlags = { opaque: [text], tests: [r.tcpFlags] };
        out.opaque = [...(r.opaque ?? []), text];
        out.protocols = PortSet.of(6);
        delete out.icmp;
      }
      if (out.destinationPorts || out.sourcePorts) out.protocols = PortSet.of(6);
      else if (out.icmp) out.protocols = PortSet.of(1);
      return out as unknown as Rule;
    });

const policy = fc.constantFrom<'accept' | 'drop'>('accept', 'drop');
/** A chain's policy `present` times in `present + absent`. */
const maybePolicy = (present: number, absent: number) =>
  fc.oneof({ weight: present, arbitrary: policy }, { weight: absent, arbitrary: fc.constant(undefined) });
const withPolicy = (p: 'accept' | 'drop' | undefined) => (p ? { policy: p } : {});

/**
 * main → c2 → c1 → c0 (and now and then `gone`, which does not exist); a second stage half the time. c2 and c1 have
 * a policy now and then: a goto to one from the top stands for a reader's way into a base chain (its policy then
 * decides what returns), a goto to one from a called chain does not (what returns goes back to the caller).
 */
export const randomRuleset: fc.Arbitrary<Ruleset> = fc
  .tuple(
    fc.array(rule([]), { maxLength: 5 }),
    fc.tuple(fc.array(rule(['c0'], 2), { maxLength: 5 }), maybePolicy(1, 2)),
    fc.tuple(fc.array(rule(['c0', 'c1']), { maxLength: 6 }), maybePolicy(1, 3)),
    fc.array(rule(['c0', 'c1', 'c2'], 2), { minLength: 1, maxLength: 10 }),
    maybePolicy(3, 1),
    fc.option(fc.tuple(fc.array(rule(['c0', 'c2'], 2), { maxLength: 4 }), maybePolicy(3, 1))),
    fc.boolean(),
    policy,
  )
  .map(([c0, [c1, c1Policy], [c2, c2Policy], main, mainPolicy, post, broken, defaultAction]) => {
    const mainRules: Rule[] =
      broken && main.length > 1
        ? [...main.slice(0, -1), { verdict: { kind: 'jump', chain: 'gone' }, provenance: { line: 0 } }]
        : main;
    return {
      entry: 'main',
      ...(post ? { stages: ['post'] } : {}),
      defaultAction,
      objects: [],
      chains: {
        c0: { name: 'c0', rules: c0 },
        c1: { name: 'c1', rules: c1, ...withPolicy(c1Policy) },
        c2: { name: 'c2', rules: c2, ...withPolicy(c2Policy) },
        main: { name: 'main', rules: mainRules, ...withPolicy(mainPolicy) },
        ...(post ? { post: { name: 'post', rules: post[0], ...withPolicy(post[1]) } } : {}),
      },
    };
  });

export const randomPacket: fc.Arbitrary<Packet> = fc
  .record({
    s: fc.integer({ min: 0, max: 255 }),
    d: fc.integer({ min: 0, max: 255 }),
    proto: fc.constantFrom('tcp', 'udp', 'icmp'),
    sp: fc.integer({ min: 0, max: 55 }),
    dp: fc.integer({ min: 0, max: 55 }),
    state: fc.constantFrom('new', 'established'),
    flags: fc.option(fc.constantFrom('syn', 'ack', 'syn,ack', 'none', 'fin,ack')),
    type: fc.constantFrom(8, 3, 0),
    inName: fc.option(fc.constantFrom(...INTERFACES)),
    outName: fc.option(fc.constantFrom(...INTERFACES)),
    zones: fc.option(fc.tuple(fc.constantFrom(...ZONES), fc.constantFrom(...ZONES))),
  })
  .map((p) => {
    const src = formatIpv4(BASE + p.s);
    const dst = formatIpv4(BASE + p.d);
    const ends =
      p.proto === 'icmp'
        ? `icmp ${src} -> ${dst} type ${p.type} code 1`
        : `${p.proto} ${src}:${p.sp} -> ${dst}:${p.dp}`;
    const text = [
      ends,
      p.inName ? `in ${p.inName}` : '',
      p.outName ? `out ${p.outName}` : '',
      p.zones ? `from-zone ${p.zones[0]} to-zone ${p.zones[1]}` : '',
      `state ${p.state}`,
      p.proto === 'tcp' && p.flags ? `flags ${p.flags}` : '',
    ]
      .filter((x) => x)
      .join(' ');
    const r = parsePacket(text);
    if (!r.ok) throw new Error(`${text}: ${r.message}`);
    return r.value;
  });

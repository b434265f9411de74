/**
 * Print then parse, for every target with a reader: on random matrices, what a target prints and its reader reads back
 * decides packets as the neutral lowering of the same capability-checked slice does (`lowerSlice`). Objects, order
 * and chains may differ; decisions may not. Packets: the corners of every lowered rule (first and last address and
 * port), their near misses (one address or port outside), and random ones over the lab's addresses.
 *
 * Host-based targets (Windows firewall, AWS security groups) filter on the hosts they sit on: the expected decision is
 * composed from the same lowering — the destination's inbound rules when it is one of the site's hosts, then the
 * source's outbound rules when it is one and the platform blocks outbound by default (security groups; not Windows).
 * Rows a target reports it cannot express (a finding of its own) are left out of the comparison, packet by packet.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/model/matrix.js';
import { CidrSet } from '../../src/net/cidr-set.js';
import { endpointSet } from '../../src/ruleset/endpoints.js';
import { evaluate } from '../../src/ruleset/evaluate.js';
import { lowerSlice } from '../../src/ruleset/lower.js';
import { type Packet, parsePacket } from '../../src/ruleset/packet.js';
import type { Ruleset } from '../../src/ruleset/types.js';
import type { CheckedRule } from '../../src/targets/generate/capabilities.js';
import { allowRule } from '../../src/targets/generate/rules.js';
import { type TargetId, targets } from '../../src/targets/index.js';
import { isSiteHost } from '../../src/targets/kit/objects.js';
import { type ConfigFile, type ConfigFormat, configFormats } from '../../src/verify/config-formats.js';
import { arbitraryLabMatrix } from '../fixtures/targets/arbitrary.js';
import { interfacesJson } from '../targets/aws-sg/members.js';
import { checkedRules, generated } from '../targets/support/examples.js';

const READERS = [
  'nftables',
  'iptables',
  'cisco-asa',
  'panos',
  'fortios',
  'juniper-srx',
  'windows-firewall',
  'aws-sg',
  'azure-nsg',
] as const satisfies readonly TargetId[];

type Action = 'accept' | 'drop' | 'reject' | 'indeterminate';
const actionOf = (rs: Ruleset, p: Packet): Action => {
  const d = evaluate(rs, p);
  // A reject and a drop both stop the packet: platforms differ only in what the sender hears.
  return d.kind === 'decided' ? (d.action === 'reject' ? 'drop' : d.action) : 'indeterminate';
};

/** The syntaxes that read a target's output (nftables: text and JSON; panos: XML and set commands). */
const formatsOf = (id: TargetId): ConfigFormat[] => configFormats().filter((f) => f.target === id);

/** What the target prints for the lab firewall, read back by the syntax its output is detected as. */
function readBack(id: TargetId, m: Matrix): Ruleset {
  const out = generated(targets[id] as never, m, 'fw');
  const files: ConfigFile[] = out.artifacts.map((a) => ({ path: a.path, text: a.content }));
  if (id === 'aws-sg') files.push({ path: 'eni.json', text: interfacesJson(m, 'fw', files[0]?.text ?? '') });
  const formats = formatsOf(id);
  // An empty slice prints a file with no rule in it, which detection may not recognise: its target's syntax reads it.
  const format = formats.find((f) => f.detect(files[0]?.text ?? '')) ?? formats[0];
  if (!format) throw new Error(`${id}: no reader`);
  const rs = format.parse(files);
  if (!rs.ok) throw new Error(rs.issues.map((i) => `${i.file}:${i.line}: ${i.message}`).join('\n'));
  return rs.value;
}

/** Platforms that do not see the firewall's interfaces: the lowering's interface matches do not apply to them. */
const HOST_OR_CLOUD = new Set<TargetId>(['windows-firewall', 'aws-sg', 'azure-nsg']);

function withoutInterfaces(rs: Ruleset): Ruleset {
  const chains = Object.fromEntries(
    Object.entries(rs.chains).map(([name, c]) => [
      name,
      { ...c, rules: c.rules.map(({ inInterface: _in, outInterface: _out, ...rule }) => rule) },
    ]),
  );
  return { ...rs, chains };
}

/** Every row through the firewall's interfaces, or none (a side named two ways would make two packets). */
function sameHops(m: Matrix): Matrix {
  const first = m.rows[0]?.legs[0]?.hops[0];
  const interfaces = first?.fromInterface !== undefined;
  const hop = (h: NonNullable<typeof first>) => {
    const { fromInterface: _f, toInterface: _t, ...rest } = h;
    return interfaces ? { ...rest, fromInterface: 'f0', toInterface: 'f1' } : rest;
  };
  return {
    ...m,
    rows: m.rows.map((r) => ({ ...r, legs: r.legs.map((l) => ({ ...l, hops: l.hops.map(hop) })) })),
  };
}

/** The decision the lowering gives, as the platform composes it. */
function expectation(id: TargetId, rules: readonly CheckedRule[]): (p: Packet) => Action {
  const lower = (list: readonly CheckedRule[]) =>
    HOST_OR_CLOUD.has(id) ? withoutInterfaces(lowerSlice(list.map(allowRule))) : lowerSlice(list.map(allowRule));
  const lowered = lower(rules);
  if (id !== 'windows-firewall' && id !== 'aws-sg') return (p) => actionOf(lowered, p);
  const hosts = rules
    .flatMap((r) => [r.source, r.destination].filter(isSiteHost))
    .reduce((set, ep) => set.union(endpointSet(ep).set), CidrSet.empty());
  const inbound = lower(rules.filter((r) => isSiteHost(r.destination)));
  const outbound = lower(rules.filter((r) => isSiteHost(r.source)));
  const onHosts = (p: Packet, words: Uint32Array) =>
    (p.family === 4 ? hosts.v4 : hosts.v6).containsRange(words, 0, words, 0);
  return (p) => {
    const inOk = onHosts(p, p.destination) ? actionOf(inbound, p) : 'accept';
    if (inOk !== 'accept' || id === 'windows-firewall') return inOk;
    return onHosts(p, p.source) ? actionOf(outbound, p) : 'accept';
  };
}

const POOL4 = [
  '198.18.1.2',
  '198.18.1.3',
  '198.18.1.200',
  '198.18.2.2',
  '198.18.2.3',
  '198.18.2.77',
  '10.9.9.9',
  '192.0.2.1',
];
const POOL6 = ['2001:db8:1::2', '2001:db8:1::99', '2001:db8:2::2', '2001:db8:2::3', '2001:db8:2::7', '2001:db8:99::1'];

const v4 = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
const v4n = (t: string) => t.split('.').reduce((a, o) => a * 256 + Number(o), 0);

/** Corners and near misses of every lowered rule, then random packets; each in both states a stateful target sees. */
function packets(
  rules: readonly CheckedRule[],
  sides: { interfaces: boolean; zones: 'zones' | 'interfaces'; others: boolean },
  rand: () => number,
  count: number,
): Packet[] {
  const corners4: string[] = [];
  const corners6: string[] = [];
  const ports = new Set<number>([2000, 2030, 1999, 2034]);
  for (const r of lowerSlice(rules.map(allowRule)).chains.forward?.rules ?? []) {
    for (const set of [r.source, r.destination]) {
      for (const range of set?.toRanges() ?? []) {
        if (range.family === 6) corners6.push(range.first, range.last);
        else {
          const [a, b] = [v4n(range.first), v4n(range.last)];
          corners4.push(range.first, range.last, ...(a > 0 ? [v4(a - 1)] : []), ...(b < 0xffffffff ? [v4(b + 1)] : []));
        }
      }
    }
    for (const p of r.destinationPorts?.toRanges() ?? [])
      for (const x of [p.from - 1, p.from, p.to, p.to + 1]) ports.add(x);
  }
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const list4 = [...corners4, ...POOL4];
  const list6 = [...corners6, ...POOL6];
  const portList = [...ports].filter((p) => p >= 0 && p <= 65535);
  const out: Packet[] = [];
  for (let k = 0; k < count; k++) {
    const six = rand() < 0.3;
    const [src, dst] = six ? [`[${pick(list6)}]`, `[${pick(list6)}]`] : [pick(list4), pick(list4)];
    const kind = pick(['tcp', 'tcp', 'udp', 'icmp']);
    // Mostly the firewall's own sides; now and then another interface (or zone), which no rule names.
    // (Without interfaces the lowering names no side at all: every packet comes from the firewall's own zones.)
    const other = sides.interfaces && sides.others && rand() < 0.1;
    const names = sides.interfaces && sides.zones === 'interfaces' ? ['f0', 'f1'] : ['lan', 'dmz'];
    const interfaces = sides.interfaces ? ` in ${other ? 'f9' : 'f0'} out f1` : '';
    const zones = ` from-zone ${other ? 'x9' : names[0]} to-zone ${names[1]}`;
    const state = rand() < 0.15 ? ' state established' : '';
    const text =
      kind === 'icmp'
        ? `icmp ${src.replace(/[[\]]/g, '')} -> ${dst.replace(/[[\]]/g, '')} type ${six ? pick([128, 129, 1]) : pick([8, 0, 3])}${interfaces}${zones}${state}`
        : `${kind} ${src}:${40000 + Math.floor(rand() * 1000)} -> ${dst}:${pick(portList)}${interfaces}${zones}${state}`;
    const p = parsePacket(text);
    if (!p.ok) throw new Error(`${text}: ${p.message}`);
    out.push(p.value);
  }
  return out;
}

/** The rows the target reports it could not (fully) print: their traffic is not compared. */
function refusedRules(id: TargetId, m: Matrix, rules: readonly CheckedRule[]): CheckedRule[] {
  const out = generated(targets[id] as never, m, 'fw');
  const flows = new Set(out.findings.filter((f) => f.rule.startsWith(`target:${id}:`)).map((f) => f.flow));
  return rules.filter((r) => flows.has(r.row.flow));
}

describe('parse(print(slice)) decides packets as the lowering of the slice', () => {
  for (const id of READERS) {
    it(id, () => {
      let compared = 0;
      fc.assert(
        fc.property(arbitraryLabMatrix(), fc.integer({ min: 1, max: 2 ** 30 }), (raw, seed) => {
          let s = seed;
          const rand = () => {
            s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
            return s / 0x80000000;
          };
          const m = sameHops(raw);
          const rules = checkedRules(targets[id] as never, m, 'fw');
          // Nothing to print (every row refused by the capability check): some syntaxes have no empty form.
          if (rules.length === 0) return;
          const sides = {
            interfaces: m.rows[0]?.legs[0]?.hops[0]?.fromInterface !== undefined,
            zones: formatsOf(id)[0]?.zones ?? 'interfaces',
            // The ASA reader leaves a packet from an interface the configuration does not name undecided (its
            // security level is unknown): such packets are asked of the other targets only.
            others: id !== 'cisco-asa',
          };
          const back = readBack(id, m);
          const expected = expectation(id, rules);
          const refused = refusedRules(id, m, rules);
          const refusedLowered = withoutInterfaces(lowerSlice(refused.map(allowRule)));
          for (const p of packets(rules, sides, rand, 120)) {
            if (refused.length > 0 && p.state === 'new' && actionOf(refusedLowered, p) === 'accept') continue;
            const want = expected(p);
            const got = actionOf(back, p);
            expect(
              got,
              `${id}: ${p.sourceText} -> ${p.destinationText} proto ${p.protocol} port ${p.destinationPort ?? p.icmpType} ${p.state} in ${p.inInterface} zone ${p.fromZone}`,
            ).toBe(want);
            compared++;
          }
        }),
        { numRuns: 40, seed: 20270101 },
      );
      expect(compared).toBeGreaterThan(500);
    });
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../../src/ruleset/index.js';
import { parseNftJson, parseNftText } from '../../../src/targets/nftables/parse/index.js';
import { agreeWithKernel } from '../../support/kernel-agree.js';
import { netnsRequirements } from '../../support/netns.js';
import { deleteNamespaces, inNamespace, run, uniquePrefix } from '../../support/netns-base.js';
import { createOracleLab, type OracleLab } from '../../support/netns-oracle.js';
import { readOrThrow } from '../../support/nft-json.js';
import { missing, requirements } from '../../support/system.js';
import type { Sampled } from '../iptables/parse-sampler.js';

/**
 * `tcp flags` decided for connection openings: the lab's TCP probes are real SYNs of new connections (no ECN asked:
 * `net.ipv4.tcp_ecn` 2 by default), so every rule below is decided and must agree with the kernel. Each source
 * network meets one flag form whose verdict is the opposite of what follows it for that network: a form read as
 * matching where the kernel does not (or the reverse) changes the outcome. UDP probes check that no flag match holds
 * for them. The ruleset is read as written, as `nft list ruleset` lists it back, and as `nft -j list ruleset`.
 */
const skip = missing(requirements.netns, requirements.nft, netnsRequirements.ping);

/** [form, its verdict, whether an opening SYN matches it]. */
const FORMS: [string, 'accept' | 'drop', boolean][] = [
  ['tcp flags syn', 'drop', true],
  ['tcp flags syn,ack', 'accept', true],
  ['tcp flags ack', 'drop', false],
  ['tcp flags == syn', 'accept', true],
  ['tcp flags != syn', 'drop', false],
  ['tcp flags == syn|ack', 'accept', false],
  ['tcp flags ! syn', 'accept', false],
  ['tcp flags ! ack', 'drop', true],
  ['tcp flags syn / fin,syn,rst,ack', 'accept', true],
  ['tcp flags != syn / fin,syn,rst,ack', 'drop', false],
  ['tcp flags & (syn|ack) != syn', 'drop', false],
  ['tcp flags syn,ack / syn,ack', 'accept', false],
  ['tcp flags { syn | ack, syn }', 'accept', true],
  ['tcp flags != { syn, ack }', 'drop', false],
  ['tcp flags & (syn | ack) == { syn, ack }', 'drop', true],
  ['tcp flags & (syn | ack) != { syn, ack }', 'accept', false],
  ['tcp flags @opening', 'accept', true],
  ['tcp flags != @opening', 'drop', false],
  ['tcp flags & ecn == ecn', 'accept', false],
  ['tcp flags ecn,cwr', 'accept', false],
];
/** Verdict maps: [map, what follows for the network, whether the SYN is accepted]. */
const MAPS: [string, 'accept' | 'drop', boolean][] = [
  ['tcp flags vmap { syn : accept, syn | ack : drop }', 'drop', true],
  ['tcp flags & (syn | ack) vmap { syn : drop, ack : accept }', 'accept', false],
];

const net = (i: number) => `10.${80 + i}.0.0/16`;
const opposite = (v: 'accept' | 'drop') => (v === 'accept' ? 'drop' : 'accept');

const RULESET = `table inet fw {
  set opening { type tcp_flag; elements = { syn, syn | ack } }
  chain forward {
    type filter hook forward priority filter; policy drop;
    # The bad-TCP pattern of real routers: a new connection that does not open with a SYN, and an Xmas scan.
    ct state new tcp flags & (fin|syn|rst|ack) != syn drop
    tcp flags & (fin|syn|rst|psh|ack|urg) == fin|psh|urg drop
${FORMS.map(([form, verdict], i) => `    ip saddr ${net(i)} ${form} ${verdict}\n    ip saddr ${net(i)} ${opposite(verdict)}`).join('\n')}
${MAPS.map(([map, after], k) => `    ip saddr ${net(FORMS.length + k)} ${map}\n    ip saddr ${net(FORMS.length + k)} ${after}`).join('\n')}
  }
}
`;

/** Whether the kernel lets each network's SYN, and its UDP datagram, through. */
const EXPECTED = [
  ...FORMS.map(([, verdict, matches]) => ({
    syn: (matches ? verdict : opposite(verdict)) === 'accept',
    udp: verdict === 'drop',
  })),
  ...MAPS.map(([, after, syn]) => ({ syn, udp: after === 'accept' })),
];

function samples(): Sampled[] {
  return EXPECTED.flatMap((_, i) =>
    (['tcp', 'udp'] as const).map((proto, k) => {
      const src = `10.${80 + i}.0.1`;
      const dst = `198.51.100.${i * 2 + k + 1}`;
      const sport = 42000 + i * 2 + k;
      return {
        probe: { proto, src, dst, sport, dport: 80 },
        in: 'eth1',
        out: 'eth2',
        packet: `${proto} ${src}:${sport} -> ${dst}:80`,
      };
    }),
  );
}

/** `nft list ruleset` and `nft -j list ruleset` of the text, from a namespace of its own (always removed). */
async function listings(text: string): Promise<{ text: string; json: string }> {
  const ns = `${uniquePrefix('fmflags')}-l`;
  await run('ip', ['netns', 'add', ns]);
  try {
    await inNamespace(ns, 'nft', ['-f', '-'], text);
    return {
      text: await inNamespace(ns, 'nft', ['list', 'ruleset']),
      json: await inNamespace(ns, 'nft', ['-j', 'list', 'ruleset']),
    };
  } finally {
    deleteNamespaces([ns]);
  }
}

describe.skipIf(skip)('nftables tcp flags: evaluate agrees with the kernel on connection openings', () => {
  let lab: OracleLab | undefined;
  let readings: [string, Ruleset][] = [];
  beforeAll(async () => {
    lab = await createOracleLab();
    await lab.loadNft(RULESET);
    const listed = await listings(RULESET);
    readings = [
      ['as written', readOrThrow(parseNftText({ path: 'flags.nft', text: RULESET }))],
      ['as nft lists it', readOrThrow(parseNftText({ path: 'listed.nft', text: listed.text }))],
      ['as nft -j lists it', readOrThrow(parseNftJson({ path: 'listed.json', text: listed.json }))],
    ];
  }, 60_000);
  afterAll(() => lab?.destroy());

  it('reads every flag match (nothing uninterpreted), alike in the three readings', () => {
    const rulesOf = (rs: Ruleset) => rs.chains['inet fw forward']?.rules ?? [];
    for (const [, rs] of readings) {
      expect(rulesOf(rs).filter((r) => r.opaque && !r.tcpFlags)).toEqual([]);
      expect(rulesOf(rs).filter((r) => r.tcpFlags)).toHaveLength(2 + FORMS.length + 4);
    }
    // nft lists a set's elements, and a map's keys, in an order of its own.
    const tests = (rs: Ruleset) =>
      rulesOf(rs)
        .flatMap((r) => r.tcpFlags?.tests ?? [])
        .map((t) => `${t.negated ? '!' : ''}${t.mask}:${[...t.values].sort((x, y) => x - y).join(',')}`)
        .sort();
    const [written, ...listed] = readings.map(([, rs]) => tests(rs));
    for (const l of listed) expect(l).toEqual(written);
  });

  for (const at of [0, 1, 2]) {
    it(`decides every opening SYN and every UDP datagram as the kernel does (${['written', 'listed', 'JSON'][at]})`, async () => {
      const [, ruleset] = readings[at] as [string, Ruleset];
      const a = await agreeWithKernel(lab as OracleLab, ruleset, samples(), { everyArrival: true });
      expect(a.mismatches).toEqual([]);
      expect(a.indeterminate).toBe(0);
      expect(a.sent).toBe(EXPECTED.length * 2);
      expect(a.accepted).toBe(EXPECTED.filter((e) => e.syn).length + EXPECTED.filter((e) => e.udp).length);
    }, 240_000);
  }
});

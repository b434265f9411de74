/**
 * `evaluate` on the neutral ruleset agrees with the kernel, for the rules generate prints: random matrices → the
 * capability-checked slice → `lowerSlice` (the ruleset) and the nftables or iptables output (what the kernel loads)
 * → packets sampled from the ruleset's rules (inside, near misses, random) sent through a firewall namespace whose
 * interfaces are named as the rules name them → every packet reaches the other side exactly when `evaluate` on the
 * ruleset accepts it. Packets are aimed at the ruleset's rules and at the rules of the printed file (read back only
 * to aim: a printed rule wider than the ruleset is hit too), half each. Unlike the readers' kernel tests
 * (test/targets/{nftables,iptables}/parse.kernel.test.ts, which evaluate the parsed file), the ruleset here is never
 * read from the output: the printers and the neutral model agree, packet by packet, in a real kernel.
 *
 * Bounded: per target, 3 lab and 2 wide matrices, at most 200 packets each (at most 8 interface pairs): 10 tests in
 * ~80–110 s on two shared cores (each matrix ~8–20 s: lab set-up, load, one batch per interface pair). Each matrix
 * gets a lab of its own (three namespaces, unique names), destroyed whatever happens, so that no set or table of one
 * matrix survives into the next. Under another seed (99), the 10 of 12 wide matrices that print rules agreed too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/model/matrix.js';
import type { Ruleset } from '../../src/ruleset/types.js';
import type { TargetId } from '../../src/targets/index.js';
import { iptables } from '../../src/targets/iptables/index.js';
import { nftables } from '../../src/targets/nftables/index.js';
import { configFormats } from '../../src/verify/config-formats.js';
import { arbitraryLabMatrix } from '../fixtures/targets/arbitrary.js';
import { type Agreement, agreeWithKernel } from '../support/kernel-agree.js';
import { netnsRequirements } from '../support/netns.js';
import { createOracleLab } from '../support/netns-oracle.js';
import { missing, requirements } from '../support/system.js';
import { type Sampled, samplePackets } from './iptables/parse-sampler.js';
import { printedRuleset, printedSlice } from './support/ruleset-equivalence.js';
import { arbitraryWideMatrix } from './support/wide-matrix.js';

const PACKETS = 200;
const MATRICES: readonly { readonly kind: string; readonly list: readonly Matrix[] }[] = [
  { kind: 'lab', list: fc.sample(arbitraryLabMatrix(), { numRuns: 3, seed: 20261206 }) },
  { kind: 'wide', list: fc.sample(arbitraryWideMatrix(), { numRuns: 2, seed: 20261206 }) },
];

const TARGETS = [
  {
    target: nftables,
    skip: missing(requirements.netns, requirements.nft, netnsRequirements.ping),
    load: (lab: Awaited<ReturnType<typeof createOracleLab>>, files: Record<string, string>) => {
      const text = Object.entries(files).find(([path]) => path.endsWith('.nft'))?.[1];
      if (text === undefined) throw new Error('no .nft file');
      return lab.loadNft(text);
    },
  },
  {
    target: iptables,
    skip: missing(
      requirements.netns,
      requirements.iptables,
      requirements.nft,
      netnsRequirements.ping,
      netnsRequirements.ipset,
    ),
    load: (lab: Awaited<ReturnType<typeof createOracleLab>>, files: Record<string, string>) => {
      const file = (ext: string) => Object.entries(files).find(([path]) => path.endsWith(ext))?.[1];
      const v4 = file('.iptables');
      const v6 = file('.ip6tables');
      const ipset = file('.ipset');
      if (v4 === undefined || v6 === undefined) throw new Error('no .iptables or .ip6tables file');
      return lab.loadIptables({ v4, v6, ...(ipset === undefined ? {} : { ipset }) });
    },
  },
] as const;

/**
 * The printed files as their reader sees them: only a source of packets to aim (the rules the kernel holds), never
 * the expected answer.
 */
function readBack(id: string, files: Record<string, string>): Ruleset {
  const list = Object.entries(files).map(([path, text]) => ({ path, text }));
  const format = configFormats().find((f) => f.target === id && list.some((x) => f.detect(x.text)));
  const read = format?.parse(id === 'nftables' ? list.filter((x) => x.path.endsWith('.nft')) : list);
  if (!read?.ok) throw new Error(`${id}: the output does not read back`);
  return read.value;
}

/**
 * Two samples as one batch: an address one sends from is never another's destination (the sender holds its sources:
 * a packet to one of them would stay in the sender and read as dropped), as within one sample.
 */
function merged(a: readonly Sampled[], b: readonly Sampled[]): Sampled[] {
  const sources = new Set(a.map((s) => s.probe.src));
  const destinations = new Set(a.map((s) => s.probe.dst));
  return [...a, ...b.filter((s) => !destinations.has(s.probe.src) && !sources.has(s.probe.dst))];
}

for (const { target, skip, load } of TARGETS) {
  describe.skipIf(skip)(`${target.id}: evaluate on the ruleset agrees with the kernel on the printed rules`, () => {
    for (const { kind, list } of MATRICES) {
      list.forEach((m, index) => {
        it(`${kind} matrix ${index + 1} (${m.rows.length} rows)`, async () => {
          const slice = printedSlice(target.id as TargetId, m);
          if (!slice) throw new Error('the sampled matrix prints no rule: pick another seed');
          const ruleset = printedRuleset(slice);
          const files = Object.fromEntries(slice.output.artifacts.map((a) => [a.path, a.content]));
          const lab = await createOracleLab();
          let a: Agreement;
          try {
            await load(lab, files);
            // Aimed at the ruleset's rules and at the printed ones: a rule the printer adds or widens is aimed at too.
            const samples = merged(
              samplePackets(ruleset, [4, 6], PACKETS / 2, 31 + index),
              samplePackets(readBack(target.id, files), [4, 6], PACKETS / 2, 47 + index),
            );
            a = await agreeWithKernel(lab, ruleset, samples);
          } finally {
            lab.destroy();
          }
          console.log(`${target.id} ${kind} ${index + 1}: ${a.sent} packets sent, ${a.accepted} accepted`);
          expect(a.mismatches).toEqual([]);
          expect(a.indeterminate).toBe(0);
          // Packets went through, both outcomes among them (a firewall that drops or forwards all would not pass).
          expect(a.sent).toBeGreaterThan(PACKETS / 2);
          expect(a.accepted).toBeGreaterThan(0);
          expect(a.accepted).toBeLessThan(a.sent);
        }, 240_000);
      });
    }
  });
}

/**
 * `parse(print(ruleset))` is the ruleset, for every target with a reader, on random matrices — exactly, by set
 * algebra: over each context a packet of the lab can cross the firewall in, the ruleset the reader returns decides
 * every packet as the neutral lowering (`lowerSlice`) of the capability-checked slice the printer was given. No
 * sampling: the comparison splits the whole traffic space into boxes each side decides alike. What is normalised
 * (objects, order, sides, host platforms, refused rows) and why: support/ruleset-equivalence.ts.
 *
 * The sampled version (test/ruleset/print-parse.property.test.ts) asks the same of packets; this one proves it for
 * every packet of the contexts. PAN-OS prints set commands only: its XML reader reads them converted to the XML a
 * firewall holds (support/panos-set-to-xml.ts). The nftables JSON reader, and the readers on what the kernel lists
 * back, are asked in print-list-parse.kernel.test.ts.
 *
 * The readers are the registry's (support/registry.ts): every syntax a target declares is asked here, and every
 * target that prints address rules must declare one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/model/matrix.js';
import type { ConfigFile, ConfigFormat } from '../../src/ruleset/config-file.js';
import type { Ruleset } from '../../src/ruleset/types.js';
import type { TargetId } from '../../src/targets/index.js';
import { arbitraryLabMatrix } from '../fixtures/targets/arbitrary.js';
import { interfacesJson } from './aws-sg/members.js';
import { panosSetToXml } from './support/panos-set-to-xml.js';
import { ADDRESS_BASED, READERS, withoutReader } from './support/registry.js';
import { differences, type PrintedSlice, printedSlice } from './support/ruleset-equivalence.js';
import { arbitraryWideMatrix } from './support/wide-matrix.js';

/**
 * Syntaxes no printer writes, with what the printed text becomes before they read it: PAN-OS prints set commands
 * only, the XML is what a firewall holds after loading them (support/panos-set-to-xml.ts).
 */
const CONVERTED: Readonly<Record<string, (files: ConfigFile[]) => ConfigFile[]>> = {
  'panos-xml': (files) => [{ path: 'fw.xml', text: panosSetToXml(files[0]?.text ?? '') }],
};
/** Syntaxes no printer writes, asked elsewhere: what the tool lists back (`nft -j list ruleset`). */
const ELSEWHERE: Readonly<Record<string, string>> = { 'nft-json': 'print-list-parse.kernel.test.ts' };

/** Each target with a reader, and each syntax its output is read as. */
const ASKED = READERS.filter(({ format }) => !Object.hasOwn(ELSEWHERE, format.id));

/**
 * Random matrices per target and kind: 25 × 2 kinds × 10 readers take ~6 s of tests on two shared cores (each run:
 * up to 6 rows, both families, two states, up to two sides, each an exact comparison). 300 runs under another seed
 * (4242) took 50 s, all passing.
 */
const RUNS = 25;

/** What the target prints for the lab firewall, read back by `format`. */
function readBack(id: TargetId, format: ConfigFormat, slice: PrintedSlice): Ruleset {
  const m: Matrix = slice.matrix;
  const printed: ConfigFile[] = slice.output.artifacts.map((a) => ({ path: a.path, text: a.content }));
  // The security groups' members are not in the Terraform: AWS lists them (aws ec2 describe-network-interfaces).
  if (id === 'aws-sg') printed.push({ path: 'eni.json', text: interfacesJson(m, 'fw', printed[0]?.text ?? '') });
  const files = CONVERTED[format.id]?.(printed) ?? printed;
  const rs = format.parse(files);
  if (!rs.ok) throw new Error(rs.issues.map((i) => `${i.file}:${i.line}: ${i.message}`).join('\n'));
  return rs.value;
}

/** Where the read-back and the lowering part, for one random matrix. */
function roundTrip(id: TargetId, format: ConfigFormat, raw: Matrix): { lines: string[]; printed: number } {
  const slice = printedSlice(id, raw);
  // Nothing to print (every row refused by the capability check): some syntaxes have no empty form.
  if (!slice) return { lines: [], printed: 0 };
  return differences(id, slice, readBack(id, format, slice), format);
}

/** The lab's matrices (the addresses the kernel tests use), and wider ones (any prefix, every protocol, any port). */
const MATRICES = [
  ['lab', arbitraryLabMatrix],
  ['wide', arbitraryWideMatrix],
] as const;

describe('the readers asked here are the registry’s', () => {
  it('every target that prints address rules has a reader', () => {
    expect(withoutReader()).toEqual([]);
  });
  it('and each is asked here, or said where', () => {
    const asked = new Set(ASKED.map(({ id }) => id));
    expect(ADDRESS_BASED.filter((id) => !asked.has(id))).toEqual([]);
    // The exceptions name syntaxes the registry still declares.
    const declared = READERS.map(({ format }) => format.id);
    expect([...Object.keys(CONVERTED), ...Object.keys(ELSEWHERE)].filter((f) => !declared.includes(f))).toEqual([]);
  });
});

describe('parse(print(ruleset)) decides every packet as the ruleset (exact, on random matrices)', () => {
  for (const { id, format } of ASKED) {
    for (const [kind, arbitrary] of MATRICES) {
      it(`${id} (${format.id}, ${RUNS} random ${kind} matrices)`, () => {
        let printed = 0;
        fc.assert(
          fc.property(arbitrary(), (m) => {
            const r = roundTrip(id, format, m);
            printed += r.printed;
            expect(r.lines).toEqual([]);
          }),
          { numRuns: RUNS, seed: 20261206 },
        );
        // The property saw rules the target printed (a target that printed nothing would pass vacuously).
        expect(printed).toBeGreaterThan(RUNS);
      });
    }
  }
});

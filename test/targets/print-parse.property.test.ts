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
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/model/matrix.js';
import type { Ruleset } from '../../src/ruleset/types.js';
import type { TargetId } from '../../src/targets/index.js';
import { type ConfigFile, configFormats } from '../../src/verify/config-formats.js';
import { arbitraryLabMatrix } from '../fixtures/targets/arbitrary.js';
import { interfacesJson } from './aws-sg/members.js';
import { panosSetToXml } from './support/panos-set-to-xml.js';
import { differences, type PrintedSlice, printedSlice } from './support/ruleset-equivalence.js';
import { arbitraryWideMatrix } from './support/wide-matrix.js';

/** Each target with a reader, and the syntax its output is read as. */
const READERS = [
  ['nftables', 'nft'],
  ['iptables', 'iptables'],
  ['cisco-asa', 'asa'],
  ['panos', 'panos-set'],
  // PAN-OS prints set commands only: the XML is what a firewall holds after loading them (support/panos-set-to-xml.ts).
  ['panos', 'panos-xml'],
  ['fortios', 'fortios'],
  ['juniper-srx', 'srx'],
  ['windows-firewall', 'windows-firewall'],
  ['aws-sg', 'aws-sg'],
  ['azure-nsg', 'azure-nsg'],
] as const satisfies readonly (readonly [TargetId, string])[];

/**
 * Random matrices per target and kind: 25 × 2 kinds × 10 readers take ~6 s of tests on two shared cores (each run:
 * up to 6 rows, both families, two states, up to two sides, each an exact comparison). 300 runs under another seed
 * (4242) took 50 s, all passing.
 */
const RUNS = 25;

/** What the target prints for the lab firewall, read back by `format`. */
function readBack(id: TargetId, formatId: string, slice: PrintedSlice): Ruleset {
  const m: Matrix = slice.matrix;
  const files: ConfigFile[] = slice.output.artifacts.map((a) => ({ path: a.path, text: a.content }));
  if (id === 'aws-sg') files.push({ path: 'eni.json', text: interfacesJson(m, 'fw', files[0]?.text ?? '') });
  if (formatId === 'panos-xml')
    files.splice(0, files.length, { path: 'fw.xml', text: panosSetToXml(files[0]?.text ?? '') });
  const format = configFormats().find((f) => f.id === formatId);
  if (!format) throw new Error(`${id}: no reader ${formatId}`);
  const rs = format.parse(files);
  if (!rs.ok) throw new Error(rs.issues.map((i) => `${i.file}:${i.line}: ${i.message}`).join('\n'));
  return rs.value;
}

/** Where the read-back and the lowering part, for one random matrix. */
function roundTrip(id: TargetId, formatId: string, raw: Matrix): { lines: string[]; printed: number } {
  const slice = printedSlice(id, raw);
  // Nothing to print (every row refused by the capability check): some syntaxes have no empty form.
  if (!slice) return { lines: [], printed: 0 };
  const naming = configFormats().find((f) => f.id === formatId)?.zones ?? 'interfaces';
  return differences(id, slice, readBack(id, formatId, slice), naming);
}

/** The lab's matrices (the addresses the kernel tests use), and wider ones (any prefix, every protocol, any port). */
const MATRICES = [
  ['lab', arbitraryLabMatrix],
  ['wide', arbitraryWideMatrix],
] as const;

describe('parse(print(ruleset)) decides every packet as the ruleset (exact, on random matrices)', () => {
  for (const [id, formatId] of READERS) {
    for (const [kind, arbitrary] of MATRICES) {
      it(`${id} (${formatId}, ${RUNS} random ${kind} matrices)`, () => {
        let printed = 0;
        fc.assert(
          fc.property(arbitrary(), (m) => {
            const r = roundTrip(id, formatId, m);
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

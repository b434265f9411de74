import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/model/issues.js';
import type { Endpoint, Matrix } from '../../src/model/matrix.js';
import type { FirewallRule } from '../../src/targets/generate/rules.js';
import { generate, type TargetId, targets } from '../../src/targets/index.js';
import { pickFormat } from '../../src/verify/config-formats.js';
import { checkRow, describeBox, verifyFirewall } from '../../src/verify/index.js';
import { arbitraryLabMatrix } from '../fixtures/targets/arbitrary.js';
import { checkedRules } from '../targets/support/examples.js';
import { sitsOn } from '../targets/support/platforms.js';
import { ADDRESS_BASED } from '../targets/support/registry.js';

/**
 * Random matrices through every address-based target that sits on a box between the firewall's interfaces (its
 * reader is asked to be there: print-parse.property.test.ts): generate, detect the syntax (`pickFormat('auto')`,
 * one the target declares), read back with the registry's reader, verify. Every rule the target printed (after its
 * capability check) is permitted, no row is indeterminate, and no rule of the configuration opens anything beyond
 * the matrix. Host and cloud platforms (test/targets/support/platforms.ts) are not asked here: verify reads a row
 * through them as partial where its `any` side spans the site's own hosts, which hold no rule for it
 * (support/host-readers.ts); their random round trip is print-parse.property.test.ts, their verify one
 * test/targets/<id>/read.test.ts.
 */
const READABLE = ADDRESS_BASED.filter((id) => sitsOn(id) === 'box');

/** Runs per target: six targets × 30 random matrices take ~8 s of tests on two shared cores (150 runs each under another seed: ~18 s, all pass). */
const RUNS = 30;

const families = (e: Endpoint): Set<4 | 6> =>
  new Set(e.addresses.flatMap((a) => (a.kind === 'any' ? [4, 6] : a.kind === 'cidr' ? [a.family] : [])));
/** A v4-only side facing a v6-only side is no packet at all: generate reports it, verify has nothing to check. */
const sharesFamily = (rule: FirewallRule): boolean => {
  const dst = families(rule.destination);
  return [...families(rule.source)].some((f) => dst.has(f));
};

/** What went wrong for one random matrix, as short lines (empty: the round trip holds). */
function roundTrip(matrix: Matrix, target: TargetId): string[] {
  const printed = checkedRules(targets[target] as never, matrix, 'fw');
  // Nothing printed (every row reported): an output of comments only has no syntax to detect.
  if (printed.length === 0) return [];
  const out = generate(matrix, { firewall: 'fw', target });
  if (!out.ok) return out.issues.map((i) => `generate: ${i.message}`);
  const files = out.value.artifacts.map((a) => ({ path: a.path, text: a.content }));
  const picked = pickFormat('auto', files);
  if (!picked.ok) return picked.issues.map((i) => `detect: ${i.message}`);
  if (picked.value.target !== target) return [`detected as ${picked.value.id}, a syntax of ${picked.value.target}`];
  const read = picked.value.parse(files);
  if (!read.ok) return read.issues.map((i) => `read: ${formatIssue(i)}`);
  const naming = picked.value.zones ?? 'interfaces';
  const v = verifyFirewall(matrix, 'fw', read.value, {
    zones: naming,
    ...(picked.value.egress ? { egress: picked.value.egress } : {}),
  });
  const problems: string[] = [];
  for (const row of v.rows) {
    if (sharesFamily(row.rule) && row.verdict === 'indeterminate')
      problems.push(`${row.rule.id} indeterminate: ${row.reasons.map((x) => x.en).join('; ')}`);
  }
  // What the target printed (a row less the services it reported) is let through whole.
  for (const rule of printed) {
    if (!sharesFamily(rule)) continue;
    const check = checkRow(read.value, rule, naming);
    if (check.verdict !== 'permitted')
      problems.push(`${rule.id} ${check.verdict}: ${check.deniedParts.map((p) => describeBox(p.box)).join('; ')}`);
  }
  for (const rule of v.rules) {
    // Predefined rules (PAN-OS intrazone-default) are the device's, not the configuration's: no file line.
    if (rule.hit.rule.provenance.line === undefined || !rule.beyondMatrix) continue;
    const beyond = rule.beyondMatrix;
    if (beyond.length > 0)
      problems.push(
        `${rule.hit.rule.provenance.text} opens beyond the matrix: ${beyond.map((b) => describeBox(b)).join('; ')}`,
      );
  }
  return problems;
}

describe('round trip on random matrices: generate, detect, read, verify', () => {
  it('asks every box platform', () => expect(READABLE.length).toBeGreaterThan(0));
  for (const target of READABLE) {
    it(`${target} (${RUNS} random matrices)`, () => {
      let printedRules = 0;
      fc.assert(
        fc.property(arbitraryLabMatrix(), (m) => {
          printedRules += checkedRules(targets[target] as never, m, 'fw').length;
          expect(roundTrip(m, target)).toEqual([]);
        }),
        { numRuns: RUNS, seed: 11 },
      );
      // The property saw rules the target printed (a target that printed nothing would pass vacuously).
      expect(printedRules).toBeGreaterThan(RUNS);
    });
  }
});

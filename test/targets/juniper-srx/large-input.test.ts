import { describe, expect, it } from 'vitest';
import { readSrx } from '../../../src/targets/juniper-srx/parse/index.js';

const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
/** `display set` output: one address and one four-line policy per rule. */
const config = (rules: number): string => {
  const lines: string[] = [];
  for (let i = 0; i < rules; i++) lines.push(`set security address-book global address h${i} ${ip(i)}/32`);
  for (let i = 0; i < rules; i++) {
    const p = `set security policies from-zone untrust to-zone trust policy p${i}`;
    lines.push(`${p} match source-address h${i}`, `${p} match destination-address any`);
    lines.push(`${p} match application junos-https`, `${p} then permit`);
  }
  return lines.join('\n');
};
/** 20,000 lines: the old pattern took minutes on them (2,000 lines took 3 s). */
const POLICIES = 5000;

// Telling the set form from the brace form used a pattern whose \s also took newlines, so each try ran on to the end
// of the file: 2,000 lines took 3 s, 20,000 policies never finished (the test's timeout stops such a regression).
// How the time grows with the policies is measured in bench/parse-scaling.bench.ts, not asserted here.
describe('SRX reading a large policy list', () => {
  it('reads every policy of 5,000', () => {
    const r = readSrx({ path: 'srx.set', text: config(POLICIES) });
    if (!r.ok) throw new Error('not read');
    expect(r.value.policies.length).toBe(POLICIES);
  });
});

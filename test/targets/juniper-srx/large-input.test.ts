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
const timed = (rules: number): number => {
  const text = config(rules);
  const start = performance.now();
  const r = readSrx({ path: 'srx.set', text });
  const ms = performance.now() - start;
  expect(r.ok && r.value.policies.length).toBe(rules);
  return ms;
};

// Telling the set form from the brace form used a pattern whose \s also took newlines, so each try ran on to the end
// of the file: 2,000 lines took 3 s, 20,000 policies never finished.
describe('SRX reading stays linear', () => {
  it('eight times the policies take about eight times as long, not sixty-four', () => {
    timed(250); // warm-up: compiled code for the measured runs
    const small = timed(250);
    const large = timed(2000);
    expect(large / small).toBeLessThan(24);
  });
});

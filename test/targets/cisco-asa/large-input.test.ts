import { describe, expect, it } from 'vitest';
import { readAsa } from '../../../src/targets/cisco-asa/parse/index.js';

const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
/** A running-config with one network object and one entry per rule, all in one access-list. */
const config = (rules: number): string => {
  const lines = ['ASA Version 9.8(2)', 'interface GigabitEthernet0/0', ' nameif outside', ' security-level 0'];
  for (let i = 0; i < rules; i++) lines.push(`object network h${i}`, ` host ${ip(i)}`);
  for (let i = 0; i < rules; i++) {
    if (i % 100 === 0) lines.push(`access-list OUT remark block ${i / 100}`, 'access-list OUT remark second remark');
    lines.push(`access-list OUT extended permit tcp object h${i} any eq ${1 + (i % 65535)}`);
  }
  lines.push('access-group OUT in interface outside');
  return lines.join('\n');
};
const ENTRIES = 10000;

// Each entry copied its access-list's list so far: 50k entries took 33 s instead of 3 (40k: 15 s instead of 2.6).
// How the time grows with the entries is measured in bench/parse-scaling.bench.ts, not asserted here.
describe('ASA reading a large access-list', () => {
  it('reads every entry of a 10,000-entry list', () => {
    const r = readAsa('asa.cfg', config(ENTRIES));
    if (!r.ok) throw new Error('not read');
    expect(r.value.aces.length).toBe(ENTRIES);
  });
});

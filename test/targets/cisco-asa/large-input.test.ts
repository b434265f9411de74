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
const timed = (rules: number): number => {
  const text = config(rules);
  const start = performance.now();
  const r = readAsa('asa.cfg', text);
  const ms = performance.now() - start;
  expect(r.ok && r.value.aces.length).toBe(rules);
  return ms;
};

// Each entry copied its access-list's list so far: 50k entries took 33 s instead of 3 (40k: 15 s instead of 2.6).
describe('ASA reading stays linear', () => {
  it('eight times the entries take about eight times as long, not sixty-four', () => {
    timed(5000); // warm-up: compiled code for the measured runs
    const small = timed(5000);
    const large = timed(40000);
    expect(large / small).toBeLessThan(24);
  });
});

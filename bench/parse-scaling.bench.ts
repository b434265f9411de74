/**
 * How reading grows with the size of a configuration, for the readers that once grew quadratically or exponentially
 * (ASA access-lists copied per entry, SRX set/brace detection running to the end of the file, Junos and FortiOS nested
 * sets walked per path). Run: `npx tsx bench/parse-scaling.bench.ts`. Prints each size's best of 3 (after a warm-up)
 * and the ratio to the smaller size: linear reading gives about the size ratio (8×), quadratic its square.
 */
import { readAsa } from '../src/targets/cisco-asa/parse/index.js';
import { readSrx } from '../src/targets/juniper-srx/parse/index.js';

const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

function asaConfig(rules: number): string {
  const lines = ['ASA Version 9.8(2)', 'interface GigabitEthernet0/0', ' nameif outside', ' security-level 0'];
  for (let i = 0; i < rules; i++) lines.push(`object network h${i}`, ` host ${ip(i)}`);
  for (let i = 0; i < rules; i++)
    lines.push(`access-list OUT extended permit tcp object h${i} any eq ${1 + (i % 65535)}`);
  lines.push('access-group OUT in interface outside');
  return lines.join('\n');
}

function srxConfig(rules: number): string {
  const lines: string[] = [];
  for (let i = 0; i < rules; i++) lines.push(`set security address-book global address h${i} ${ip(i)}/32`);
  for (let i = 0; i < rules; i++) {
    const p = `set security policies from-zone untrust to-zone trust policy p${i}`;
    lines.push(`${p} match source-address h${i}`, `${p} match destination-address any`);
    lines.push(`${p} match application junos-https`, `${p} then permit`);
  }
  return lines.join('\n');
}

function best(run: () => void): number {
  run(); // warm-up: compiled code for the measured runs
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    run();
    least = Math.min(least, performance.now() - t0);
  }
  return least;
}

const cases: { name: string; sizes: [number, number]; read: (n: number) => () => void }[] = [
  {
    name: 'ASA access-list entries',
    sizes: [5000, 40000],
    read: (n) => {
      const t = asaConfig(n);
      return () => void readAsa('asa.cfg', t);
    },
  },
  {
    name: 'SRX policies (set form)',
    sizes: [250, 2000],
    read: (n) => {
      const t = srxConfig(n);
      return () => void readSrx({ path: 'srx.set', text: t });
    },
  },
];

console.log('reader | small | large | small ms | large ms | ratio (linear ≈ 8)');
for (const c of cases) {
  const [small, large] = c.sizes;
  const a = best(c.read(small));
  const b = best(c.read(large));
  console.log(`${c.name} | ${small} | ${large} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(b / a).toFixed(1)}`);
}

import { expectGolden } from '../support/golden.js';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/targets/index.js';
import { realisticMatrix } from '../fixtures/targets/realistic.js';
import { exampleMatrix, repoRoot } from './support/examples.js';

/**
 * Golden files of the Linux targets: the realistic fixture, and every firewall of every example site (the other
 * targets keep theirs beside their own tests). UPDATE_GOLDEN=1 rewrites them; review the diff like code. A missing
 * file fails here, even outside CI.
 */
const sites = readdirSync(`${repoRoot}examples`)
  .filter((f) => f.endsWith('-site.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));

for (const target of ['nftables', 'iptables'] as const) {
  describe(`${target} golden files`, () => {
    const dir = `${repoRoot}test/targets/${target}/golden/`;

    it('renders the realistic site as recorded', () => {
      const result = generate(realisticMatrix(), { firewall: 'fw', target });
      if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
      for (const a of result.value.artifacts) expectGolden(`${dir}realistic.${a.path}`, a.content);
      expectGolden(`${dir}realistic.findings.json`, `${JSON.stringify(result.value.findings, null, 2)}\n`);
    });

    for (const stem of sites) {
      it(`${stem}: every firewall renders as recorded, rows it cannot express listed as findings`, () => {
        const matrix = exampleMatrix(stem);
        expect(matrix.firewalls.length).toBeGreaterThan(0);
        for (const fw of matrix.firewalls) {
          const r = generate(matrix, { firewall: fw.name, target });
          if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
          for (const a of r.value.artifacts) expectGolden(`${dir}examples/${stem}.${a.path}`, a.content);
          const findings = r.value.findings.map((f) => `${f.severity} ${f.rule} ${f.flow ?? ''} ${f.key ?? ''} ${f.message.en}`);
          expectGolden(`${dir}examples/${stem}.${fw.name}.findings.txt`, `${findings.join('\n')}\n`);
        }
      });
    }
  });
}

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSiteFile } from '../../src/catalog/fs.js';
import { resolveSite } from '../../src/matrix/index.js';
import type { Matrix } from '../../src/model/matrix.js';
import { generate } from '../../src/targets/index.js';
import { repoRoot } from '../support/catalogs.js';

/**
 * Golden files of the Linux targets on every firewall of every example site (the other targets keep theirs in their
 * own folders). UPDATE_GOLDEN=1 rewrites them; review the diff like code.
 */
const sites = readdirSync(`${repoRoot}examples`).filter((f) => f.endsWith('-site.yaml'));

function matrixOf(file: string): Matrix {
  const loaded = loadSiteFile(`${repoRoot}examples/${file}`);
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  const r = resolveSite({ site: loaded.value.site, catalogs: loaded.value.catalogs });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

function compare(dir: string, name: string, content: string): void {
  const path = `${dir}${name}`;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, content);
  }
  if (!existsSync(path)) throw new Error(`missing golden file ${path}: run UPDATE_GOLDEN=1 npx vitest run test/targets`);
  expect(content).toBe(readFileSync(path, 'utf8'));
}

for (const target of ['nftables', 'iptables'] as const) {
  describe(`${target} on the example sites`, () => {
    const dir = `${repoRoot}test/targets/${target}/golden/examples/`;
    for (const file of sites) {
      const stem = file.replace(/\.yaml$/, '');
      it(`${stem}: every firewall renders as recorded, rows it cannot express listed as findings`, () => {
        const matrix = matrixOf(file);
        expect(matrix.firewalls.length).toBeGreaterThan(0);
        for (const fw of matrix.firewalls) {
          const r = generate(matrix, { firewall: fw.name, target });
          if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
          for (const a of r.value.artifacts) compare(dir, `${stem}.${a.path}`, a.content);
          const findings = r.value.findings.map((f) => `${f.severity} ${f.rule} ${f.flow ?? ''} ${f.key ?? ''} ${f.message.en}`);
          compare(dir, `${stem}.${fw.name}.findings.txt`, `${findings.join('\n')}\n`);
        }
      });
    }
  });
}

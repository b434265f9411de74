import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate } from '../../../src/targets/index.js';
import { realisticMatrix } from '../../fixtures/targets/realistic.js';

const dir = new URL('./golden/', import.meta.url).pathname;

/** Golden files: UPDATE_GOLDEN=1 rewrites them; review the diff like code. */
describe('iptables golden files', () => {
  it('renders the realistic site as recorded', () => {
    const result = generate(realisticMatrix(), { firewall: 'fw', target: 'iptables' });
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
    const files = [
      ...result.value.artifacts.map((a) => ({ name: `realistic.${a.path}`, content: a.content })),
      { name: 'realistic.findings.json', content: `${JSON.stringify(result.value.findings, null, 2)}\n` },
    ];
    for (const f of files) {
      if (process.env.UPDATE_GOLDEN === '1') {
        mkdirSync(dir, { recursive: true });
        writeFileSync(dir + f.name, f.content);
      }
      expect(f.content).toBe(readFileSync(dir + f.name, 'utf8'));
    }
  });
});

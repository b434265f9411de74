import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  renderTargetsDoc,
  renderTargetsTable,
  TARGETS_END,
  TARGETS_START,
  withTargetsTable,
} from '../../src/targets/docs.js';
import { stageFindings } from '../../src/targets/generate/findings.js';
import { targetIds, targets } from '../../src/targets/index.js';
import { configFormats } from '../../src/verify/config-formats.js';
import { repoRoot } from '../support/catalogs.js';
import { ADDRESS_BASED } from '../targets/support/registry.js';

describe("README's targets table", () => {
  const readme = readFileSync(`${repoRoot}README.md`, 'utf8');
  const table = renderTargetsTable(targets, configFormats());

  it('is what the generator writes (run npm run docs)', () => {
    expect(withTargetsTable(readme, table)).toBe(readme);
  });
  it('has one row per target, with the syntaxes that read each output back', () => {
    const rows = table.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.map((r) => r.split('`')[1])).toEqual(targetIds);
    // Every target that prints address rules names a syntax that reads its output back.
    expect(ADDRESS_BASED.length).toBeGreaterThan(0);
    for (const id of ADDRESS_BASED)
      expect(
        rows.find((r) => r.startsWith(`| \`${id}\``)),
        id,
      ).not.toMatch(/\| — \|/);
  });
  it('follows a change of a declared capability', () => {
    const changed = {
      ...targets,
      nftables: { ...targets.nftables, capabilities: { ...targets.nftables.capabilities, fqdn: true } },
    };
    expect(renderTargetsTable(changed, configFormats())).not.toBe(table);
  });
  it('refuses a README without its markers', () => {
    expect(() => withTargetsTable(readme.replace(TARGETS_START, ''), table)).toThrow(/markers/);
    expect(readme).toContain(TARGETS_END);
  });
});

describe('docs/targets.md (options and findings of each target)', () => {
  const doc = renderTargetsDoc(targets, stageFindings);
  it('is what the generator writes (run npm run docs)', () => {
    expect(readFileSync(`${repoRoot}docs/targets.md`, 'utf8')).toBe(doc);
  });
  it('lists every option of every schema and every declared finding', () => {
    for (const id of targetIds) {
      const t = targets[id];
      for (const key of Object.keys(t.options?.shape ?? {})) expect(doc, `${id} ${key}`).toContain(`| \`${key}\` |`);
      for (const f of Object.keys(t.findings?.specs ?? {})) expect(doc).toContain(`\`target:${id}:${f}\``);
    }
    for (const f of Object.keys(stageFindings.specs)) expect(doc).toContain(`\`target:<id>:${f}\``);
  });
});

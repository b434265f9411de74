import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TARGET_CAPABILITIES_FILE, targetCapabilitiesText } from '../../scripts/emit-target-capabilities.js';
import { targetNameCapabilities } from '../../src/audit/capabilities.js';
import { targetIds, targets } from '../../src/targets/index.js';
import { walkImports } from '../package/import-graph.js';
import { repoRoot } from '../support/catalogs.js';

// The audit reads what each target can match by name from a written file, so that it loads no target; `npm run docs`
// writes it from the targets' registry, so it must stay what the registry says.
describe('the audit reads target capabilities', () => {
  it('from the file `npm run docs` writes from the registry, as it writes it today', () => {
    const stale =
      'src/audit/target-capabilities.ts is stale: run `npm run docs` (written from the targets, never by hand)';
    expect(readFileSync(TARGET_CAPABILITIES_FILE, 'utf8'), stale).toBe(targetCapabilitiesText());
  });

  it('as the target registry declares them, for every target; nothing for another platform', () => {
    for (const id of targetIds) {
      const { fqdn, wildcardFqdn } = targets[id].capabilities;
      expect(targetNameCapabilities(id), id).toEqual({ fqdn, wildcardFqdn });
    }
    for (const platform of ['checkpoint', 'constructor', 'toString', '__proto__', 'hasOwnProperty', ''])
      expect(targetNameCapabilities(platform), platform).toBeUndefined();
  });

  it('without loading any target: nothing of src/targets is in the audit’s imports', () => {
    const { files } = walkImports(join(repoRoot, 'src/audit/index.ts'), repoRoot, () => false);
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => f.startsWith('src/targets/'))).toEqual([]);
  });
});

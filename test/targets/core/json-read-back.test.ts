/**
 * Generate keeps nothing by object identity: a matrix read back from JSON (where no two rows share an endpoint or an
 * address list) prints byte for byte what the resolved matrix prints, for every address-based target (the registry's:
 * support/registry.ts) and firewall.
 */
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../../src/model/matrix.js';
import { generate, type TargetId } from '../../../src/targets/index.js';
import { EXAMPLES, exampleMatrix } from '../support/examples.js';
import { ADDRESS_BASED } from '../support/registry.js';

const outputOf = (m: Matrix, firewall: string, target: TargetId): string => {
  const out = generate(m, { firewall, target });
  return out.ok
    ? JSON.stringify([out.value.artifacts, out.value.findings])
    : JSON.stringify(out.issues.map((i) => i.message));
};

describe('generate on a matrix read back from JSON', () => {
  for (const name of EXAMPLES) {
    it(`${name}: every target prints the same bytes`, () => {
      const m = exampleMatrix(name);
      const readBack = JSON.parse(JSON.stringify(m)) as Matrix;
      let compared = 0;
      for (const fw of m.firewalls) {
        for (const target of ADDRESS_BASED) {
          expect(outputOf(readBack, fw.name, target), `${fw.name} ${target}`).toBe(outputOf(m, fw.name, target));
          compared++;
        }
      }
      expect(compared).toBe(m.firewalls.length * ADDRESS_BASED.length);
    });
  }
});

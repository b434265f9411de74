import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/targets/index.js';
import { pickFormat } from '../../src/verify/config-formats.js';
import { verifyFirewall } from '../../src/verify/index.js';
import { loadExample, repoRoot } from '../support/catalogs.js';
import { NAT_WRITERS, natOnRequest, readable } from '../targets/support/registry.js';
import { comparableRows } from '../targets/support/verify-round-trip.js';

/**
 * Every NAT example, every firewall, every target whose reader fills the NAT stage: generate (the nat table on for
 * nftables and iptables), detect, read, verify. Every row whose addresses can be compared is permitted — its
 * packets arriving at the public address where the firewall translates them, and reaching the real host — and no
 * rule opens more than the matrix. (Rows that name FQDNs, the Exchange example's Internet side, are the firewall's
 * to resolve: not comparable, reported as such.)
 */
const NAT_EXAMPLES = readdirSync(`${repoRoot}examples/nat`)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => `nat/${f}`);
/** Every target that writes translations (declares a `natView`): support/registry.ts. */
const TARGETS = NAT_WRITERS;
describe('NAT examples: generate, read back, verify', () => {
  it('finds the NAT examples', () => expect(NAT_EXAMPLES.length).toBeGreaterThanOrEqual(2));
  for (const example of NAT_EXAMPLES) {
    const { matrix } = loadExample(example);
    for (const fw of matrix.firewalls) {
      for (const target of TARGETS) {
        it(`${example} ${fw.name} as ${target}`, () => {
          // `nat` is an option of the Linux targets only (the vendors always write their translations).
          const options = natOnRequest(target) ? { nat: true } : {};
          const out = generate(matrix, { firewall: fw.name, target, options });
          // A site a platform cannot take whole is refused by its target (said elsewhere), not read here.
          if (!out.ok) return;
          // The configuration files: the artifacts the target's own syntaxes read (no load script, no README).
          const files = readable(target, out.value.artifacts).map((a) => ({ path: a.path, text: a.content }));
          const picked = pickFormat('auto', files);
          if (!picked.ok) throw new Error(picked.issues.map((i) => i.message).join('\n'));
          const read = picked.value.parse(files);
          if (!read.ok) throw new Error(read.issues.map((i) => `${i.line}: ${i.message}`).join('\n'));
          const v = verifyFirewall(matrix, fw.name, read.value, {
            zones: picked.value.zones ?? 'interfaces',
            ...(picked.value.egress ? { egress: picked.value.egress } : {}),
          });
          const rows = comparableRows(v)
            .filter((r) => r.verdict !== 'permitted')
            .map((r) => `${r.rule.row.flow} ${r.verdict}: ${r.reasons.map((x) => x.en).join('; ')}`);
          // PAN-OS's predefined intrazone-default allow is the device's, not a line of the file.
          const beyond = v.rules
            .filter((r) => r.beyondMatrix && r.hit.rule.provenance.line !== undefined)
            .map((r) => r.hit.rule.provenance.text ?? '');
          expect({ rows, beyond }).toEqual({ rows: [], beyond: [] });
        });
      }
    }
  }
});

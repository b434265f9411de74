import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/model/issues.js';
import { iptables } from '../../../src/targets/iptables/index.js';
import { parseIptables } from '../../../src/targets/iptables/parse/index.js';
import { EXAMPLES, exampleMatrix, generated } from '../support/examples.js';

/** What Flowmatrix writes for iptables reads back whole: no error, no warning, nothing left uninterpreted. */
describe('iptables parse: our own output for every example site', () => {
  for (const name of EXAMPLES) {
    it(`reads back ${name}`, () => {
      const m = exampleMatrix(name);
      expect(m.firewalls.length).toBeGreaterThan(0);
      for (const fw of m.firewalls) {
        const out = generated(iptables, m, fw.name);
        const sources = out.artifacts.map((a) => ({ file: a.path, text: a.content }));
        const r = parseIptables(sources);
        if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
        expect(r.warnings).toEqual([]);
        const rules = Object.values(r.value.ruleset.chains).flatMap((c) => c.rules);
        expect(rules.filter((rule) => rule.opaque)).toEqual([]);
        // Every -A line of both files is a rule of the ruleset, and filter FORWARD is where packets start.
        const written = out.artifacts.reduce((n, a) => n + (a.content.match(/^-A /gm)?.length ?? 0), 0);
        expect(rules).toHaveLength(written);
        expect(r.value.ruleset.entry).toBe('FORWARD');
        if (out.artifacts.some((a) => a.path.endsWith('.ipset')))
          expect(r.value.ruleset.objects.length).toBeGreaterThan(0);
      }
    });
  }
});

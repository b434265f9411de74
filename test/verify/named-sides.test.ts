import { describe, expect, it } from 'vitest';
import type { Ruleset } from '../../src/ruleset/types.js';
import { targets } from '../../src/targets/index.js';
import { verifyFirewall } from '../../src/verify/index.js';
import { exampleMatrix } from '../targets/support/examples.js';

/**
 * A row whose destination is a name (the firewall's resolver knows its addresses, not us): when the firewall does one
 * thing with traffic to any address, that is what it does with the name's — denied or permitted, not indeterminate.
 * Hamilton's fw-edge carries six rows from the proxy to Microsoft's and the SMS provider's names.
 */

const matrix = exampleMatrix('hamilton-site');
const named = (r: { unverifiable: readonly unknown[] }) => r.unverifiable.length > 0;

function iptables(forward: string): Ruleset {
  const text = ['*filter', ':INPUT ACCEPT [0:0]', `:FORWARD ${forward}`, ':OUTPUT ACCEPT [0:0]', 'COMMIT', ''];
  const format = targets.iptables.formats?.find((f) => f.id === 'iptables');
  const r = format?.parse([{ path: 'fw-edge.rules', text: text.join('\n') }]);
  if (!r?.ok) throw new Error('the iptables reader refused the test ruleset');
  return r.value;
}

const verdicts = (ruleset: Ruleset) =>
  verifyFirewall(matrix, 'fw-edge', ruleset)
    .rows.filter(named)
    .map((r) => r.verdict);

describe('a named side, verified', () => {
  it('is denied when the firewall drops traffic to every address, and says by what', () => {
    const v = verifyFirewall(matrix, 'fw-edge', iptables('DROP [0:0]'));
    const rows = v.rows.filter(named);
    expect(rows.length).toBe(6);
    for (const r of rows) {
      expect(r.verdict, r.rule.id).toBe('denied');
      expect(r.deniedParts.map((p) => p.policyOf)).toContain('FORWARD');
    }
  });

  it('is permitted when the firewall accepts traffic to every address', () => {
    expect(verdicts(iptables('ACCEPT [0:0]'))).toEqual(Array(6).fill('permitted'));
  });

  it('stays indeterminate when it depends on the address the name resolves to', () => {
    const some = iptables('DROP [0:0]\n-A FORWARD -d 203.0.113.0/24 -p tcp -j ACCEPT');
    const rows = verifyFirewall(matrix, 'fw-edge', some).rows.filter(named);
    expect(rows.length).toBe(6);
    for (const r of rows) {
      expect(r.verdict, r.rule.id).toBe('indeterminate');
      expect(r.reasons.map((r) => r.en).join('\n')).toMatch(/is named \(.+\): the firewall resolves it/);
      // The French report says it in French (it said the English sentence in both).
      expect(r.reasons.map((r) => r.fr).join('\n')).toMatch(/est nommée \(.+\)\u00a0: le pare-feu résout le nom/);
    }
  });
});

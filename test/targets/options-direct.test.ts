import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/model/issues.js';
import { targetIds, targets } from '../../src/targets/index.js';
import { checkOptions } from '../../src/targets/kit/options.js';
import { realisticMatrix } from '../fixtures/targets/realistic.js';

/**
 * The library's `targets.x.print` checks its options with the target's schema as `generate` does: a bad value is an
 * error naming the option, never a printer that falls back to a default or prints the value as it came.
 */

const matrix = realisticMatrix();
const empty = { site: matrix.site, firewall: 'fw', rules: [] };
const print = (id: (typeof targetIds)[number], options: Record<string, unknown>) =>
  (targets[id].print as (input: unknown, options: unknown) => ReturnType<(typeof targets)['nftables']['print']>)(
    targets[id].scope === 'proxy' ? { ...empty, proxy: undefined } : empty,
    options,
  );

describe('a target printed directly, with options its schema refuses', () => {
  it.each([
    ['iptables', { mode: 'sideways' }, 'options.mode'],
    ['iptables', { otherwise: 'maybe' }, 'options.otherwise'],
    ['pac', { m365Type: 3 }, 'options.m365Type'],
  ] as const)('%s %j: an error at %s, nothing printed', (id, options, path) => {
    const r = print(id, options);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('every target refuses an option it does not have, by name', () => {
    for (const id of targetIds) {
      const r = print(id, { noSuchOption: true });
      expect(r.ok, id).toBe(false);
      if (!r.ok) expect(r.issues.map(formatIssue).join('\n'), id).toContain('noSuchOption');
    }
  });

  it('the additive form a target declares (verify’s rules to add) is options its schema accepts', () => {
    const declared = targetIds.flatMap((id) => {
      const t = targets[id];
      return t.scope !== 'proxy' && t.additive ? [[id, t.additive] as const] : [];
    });
    expect(declared.map(([id]) => id)).toContain('iptables');
    for (const [id, additive] of declared)
      expect(checkOptions(targets[id].options, id, additive, ['additive']).ok, id).toBe(true);
  });
});

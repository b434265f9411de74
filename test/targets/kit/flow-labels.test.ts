import { describe, expect, it } from 'vitest';
import type { RuleOrigin } from '../../../src/ruleset/firewall.js';
import { flowsLabel } from '../../../src/targets/kit/flow-labels.js';

const origin = (flow: string, ref: string): RuleOrigin => ({
  key: flow,
  catalog: 'cat',
  flow,
  ref,
  purpose: { fr: '', en: '' },
  leg: 0,
  hop: 0,
  label: `cat/${flow} ref ${ref}`,
});

describe('flowsLabel (one comment for the flows of a merged rule)', () => {
  const two = [origin('a', 'row 1'), origin('b', 'row 2')];
  const long = ['a', 'b', 'c', 'd'].map((c) => origin(c.repeat(10), 'row'));
  it.each([
    [[two[0] as RuleOrigin], 10, 'cat/a ref row 1', true],
    [two, 100, 'cat/a ref row 1 + cat/b ref row 2', true],
    [two, 20, 'cat/a + cat/b', true],
    [long, 64, 'cat/aaaaaaaaaa + cat/bbbbbbbbbb and 2 more flows, see findings', false],
    [long.slice(0, 3), 46, 'cat/aaaaaaaaaa and 2 more flows, see findings', false],
    [long.slice(0, 3), 40, '3 flows, see findings', false],
    [two, 5, '2 flows, see findings', false],
  ])('%# within %i characters', (flows, max, text, complete) => {
    expect(flowsLabel(flows, max)).toEqual({ text, complete });
  });

  it('names a flow once when two of its rows share the rule', () => {
    expect(flowsLabel([origin('a', 'row 1'), { ...origin('a', 'row 1'), key: 'other' }], 10).text).toBe('cat/a');
  });
});

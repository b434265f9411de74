import { describe, expect, it } from 'vitest';
import { CidrSet } from '../../src/net/cidr-set.js';
import { PortSet } from '../../src/net/port-set.js';
import { compareRulesets } from '../../src/ruleset/compare.js';
import type { Rule, Ruleset } from '../../src/ruleset/types.js';

const cidrs = (...list: string[]): CidrSet => {
  const r = CidrSet.parse(list);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const accept = (fields: Omit<Rule, 'verdict' | 'provenance'>): Rule => ({
  ...fields,
  verdict: { kind: 'accept' },
  provenance: {},
});
const chain = (rules: Rule[], policy: 'drop' | 'reject' = 'drop', stages?: Ruleset['chains']): Ruleset => ({
  entry: 'f',
  chains: { f: { name: 'f', rules, policy }, ...stages },
  objects: [],
  defaultAction: 'drop',
});

const web = { destination: cidrs('192.0.2.0/24'), protocols: PortSet.of(6), destinationPorts: PortSet.of(80, 443) };
const REGION = { family: 4, state: 'new' } as const;

describe('compareRulesets: decisions, not text', () => {
  it('one rule over two ports and two rules over one port each (in any order) agree', () => {
    const one = chain([accept(web)]);
    const two = chain([
      accept({ ...web, destinationPorts: PortSet.of(443) }),
      accept({ ...web, destinationPorts: PortSet.of(80) }),
    ]);
    expect(compareRulesets(one, two, REGION).disagreements).toEqual([]);
  });

  it('a rule through a jump to another chain agrees with the same rule inline', () => {
    const inline = chain([accept(web)]);
    const jumped: Ruleset = {
      ...inline,
      chains: {
        f: { name: 'f', rules: [{ verdict: { kind: 'jump', chain: 'g' }, provenance: {} }], policy: 'drop' },
        g: { name: 'g', rules: [accept(web)] },
      },
    };
    expect(compareRulesets(inline, jumped, REGION).disagreements).toEqual([]);
  });

  it('finds the one port where they part, whichever side is wider', () => {
    const narrow = chain([accept({ ...web, destinationPorts: PortSet.of(443) })]);
    const wide = chain([accept(web)]);
    for (const [a, b, left, right] of [
      [narrow, wide, 'drop', 'accept'],
      [wide, narrow, 'accept', 'drop'],
    ] as const) {
      const d = compareRulesets(a, b, REGION).disagreements;
      expect(d.map((x) => [x.left, x.right, x.box.destinationPorts.toRanges(), x.box.destination.toCidrs()])).toEqual([
        [left, right, [{ from: 80, to: 80 }], ['192.0.2.0/24']],
      ]);
    }
  });

  it('a rule hidden by an earlier drop is no accept', () => {
    const shadowed = chain([
      { destination: cidrs('192.0.2.0/24'), verdict: { kind: 'drop' }, provenance: {} },
      accept(web),
    ]);
    expect(compareRulesets(chain([]), shadowed, REGION).disagreements).toEqual([]);
    expect(compareRulesets(chain([accept(web)]), shadowed, REGION).disagreements).toHaveLength(1);
  });

  it('a reject is a drop unless asked otherwise', () => {
    const dropping = chain([], 'drop');
    const rejecting = chain([], 'reject');
    expect(compareRulesets(dropping, rejecting, REGION).disagreements).toEqual([]);
    expect(compareRulesets(dropping, rejecting, REGION, { rejectIsDrop: false }).disagreements).toHaveLength(1);
  });

  it('only the region is compared: rules for the other family or another state do not count', () => {
    const v6 = chain([accept({ family: 6 })]);
    expect(compareRulesets(chain([]), v6, REGION).disagreements).toEqual([]);
    expect(compareRulesets(chain([]), v6, { family: 6, state: 'new' }).disagreements).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { PortSet } from '../../src/net/port-set.js';
import { evaluate } from '../../src/ruleset/evaluate.js';
import { parsePacket } from '../../src/ruleset/packet.js';
import { classify } from '../../src/ruleset/region.js';
import type { Chain, FinalAction, Rule, Ruleset, Verdict } from '../../src/ruleset/types.js';

/**
 * A walk that returns with nothing to return to ends on the policy of its base chain, as the kernel does: a RETURN
 * in a built-in chain, or the end of a chain reached by goto from it, applies the built-in chain's policy (nftables:
 * the base chain's). The ruleset's default action only decides where that chain has no policy. Every ruleset here
 * has a default action unlike the policy that must decide, so a walk that took it would show.
 */
const at = (line: number) => ({ file: 'fw', line });
const rule = (line: number, verdict: Verdict, fields: Partial<Rule> = {}): Rule => ({
  ...fields,
  verdict,
  provenance: at(line),
});
const chain = (name: string, rules: Rule[], policy?: FinalAction): Chain =>
  policy ? { name, rules, policy } : { name, rules };
const ruleset = (defaultAction: FinalAction, chains: Chain[], stages?: string[]): Ruleset => ({
  entry: (chains[0] as Chain).name,
  ...(stages ? { stages } : {}),
  defaultAction,
  objects: [],
  chains: Object.fromEntries(chains.map((c) => [c.name, c])),
});
const packet = (text: string) => {
  const r = parsePacket(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const ssh = packet('tcp 10.0.0.1:40000 -> 10.0.0.2:22');
const web = packet('tcp 10.0.0.1:40000 -> 10.0.0.2:80');
const tcp22 = { protocols: PortSet.of(6), destinationPorts: PortSet.of(22) };

const cases: { name: string; rs: Ruleset; action: FinalAction; policyOf?: string; path?: number[] }[] = [
  {
    name: 'a return in the base chain applies its drop policy',
    rs: ruleset('accept', [chain('forward', [rule(1, { kind: 'return' }), rule(2, { kind: 'accept' })], 'drop')]),
    action: 'drop',
    policyOf: 'forward',
  },
  {
    name: 'the end of a user chain reached by goto applies the base chain policy',
    rs: ruleset('accept', [
      chain('forward', [rule(1, { kind: 'goto', chain: 'users' }), rule(2, { kind: 'accept' })], 'drop'),
      chain('users', [rule(3, { kind: 'accept' }, { protocols: PortSet.of(17) })]),
    ]),
    action: 'drop',
    policyOf: 'forward',
    path: [1],
  },
  {
    name: 'a return in a user chain reached by goto applies the base chain policy',
    rs: ruleset('drop', [
      chain('forward', [rule(1, { kind: 'goto', chain: 'users' })], 'accept'),
      chain('users', [rule(2, { kind: 'return' }), rule(3, { kind: 'drop' })]),
    ]),
    action: 'accept',
    policyOf: 'forward',
    path: [1],
  },
  {
    name: 'a jump, a return, then the end of the chain gone to: the base chain policy',
    rs: ruleset('accept', [
      chain('forward', [rule(1, { kind: 'goto', chain: 'users' })], 'drop'),
      chain('users', [
        rule(2, { kind: 'jump', chain: 'ssh' }),
        rule(3, { kind: 'accept' }, { protocols: PortSet.of(17) }),
      ]),
      chain('ssh', [rule(4, { kind: 'return' }), rule(5, { kind: 'accept' })]),
    ]),
    action: 'drop',
    policyOf: 'forward',
    path: [1],
  },
  {
    name: 'a jump, a return, then the end of the base chain: its policy (as before)',
    rs: ruleset('accept', [
      chain('forward', [rule(1, { kind: 'jump', chain: 'ssh' })], 'drop'),
      chain('ssh', [rule(2, { kind: 'return' }), rule(3, { kind: 'accept' })]),
    ]),
    action: 'drop',
    policyOf: 'forward',
    path: [],
  },
  {
    name: 'a stage chain that goes to a chain with a policy: that chain is the base chain',
    rs: ruleset('accept', [
      chain('forward (IPv4 only)', [rule(1, { kind: 'goto', chain: 'forward' }, { family: 4 })], 'accept'),
      chain('forward', [rule(2, { kind: 'goto', chain: 'users' })], 'drop'),
      chain('users', [rule(3, { kind: 'return' })]),
    ]),
    action: 'drop',
    policyOf: 'forward',
    path: [1, 2],
  },
  {
    name: 'a goto from a called chain to a chain with a policy leaves the base chain as it was',
    rs: ruleset('reject', [
      chain('forward', [rule(1, { kind: 'jump', chain: 'users' }), rule(2, { kind: 'return' })], 'accept'),
      chain('users', [rule(3, { kind: 'goto', chain: 'inner' })]),
      chain('inner', [rule(4, { kind: 'return' })], 'drop'),
    ]),
    action: 'accept',
    policyOf: 'forward',
  },
  {
    name: 'a chain with a policy reached by jump returns to its caller',
    rs: ruleset('reject', [
      chain('forward', [rule(1, { kind: 'jump', chain: 'inner' })], 'accept'),
      chain('inner', [rule(2, { kind: 'return' })], 'drop'),
    ]),
    action: 'accept',
    policyOf: 'forward',
    path: [],
  },
  {
    name: 'a stage chain without a policy: the default action',
    rs: ruleset('reject', [
      chain('forward', [rule(1, { kind: 'goto', chain: 'users' })]),
      chain('users', [rule(2, { kind: 'return' })]),
    ]),
    action: 'reject',
    path: [1],
  },
  {
    name: 'two stages, each returning at the top: the second stage ends on its own policy',
    rs: ruleset(
      'reject',
      [
        chain('filter forward', [rule(1, { kind: 'return' }, tcp22)], 'accept'),
        chain('guard forward', [rule(2, { kind: 'return' })], 'drop'),
      ],
      ['guard forward'],
    ),
    action: 'drop',
    policyOf: 'guard forward',
  },
];

describe('a walk with nothing to return to ends on its base chain policy', () => {
  it.each(cases)('evaluate: $name', ({ rs, action, policyOf, path }) => {
    const d = evaluate(rs, ssh);
    expect(d).toMatchObject({ kind: 'decided', action });
    if (d.kind !== 'decided') return;
    expect(d.decidedBy).toBeUndefined();
    expect(d.policyOf).toBe(policyOf);
    if (path) expect(d.path.map((h) => h.rule.provenance.line)).toEqual(path);
  });

  it.each(cases)('classify: $name', ({ rs, action, policyOf }) => {
    const c = classify(rs, { family: 4, protocols: PortSet.of(6), destinationPorts: PortSet.of(22) });
    expect(c.overflow).toBeUndefined();
    expect(c.outcomes.map((o) => [o.action, o.policyOf])).toEqual([[action, policyOf]]);
  });

  it('each of two stages applies its own policy to what returns in it', () => {
    const rs = ruleset(
      'reject',
      [
        chain('filter forward', [rule(1, { kind: 'return' })], 'accept'),
        chain('guard forward', [rule(2, { kind: 'return' }, tcp22), rule(3, { kind: 'accept' })], 'drop'),
      ],
      ['guard forward'],
    );
    expect(evaluate(rs, ssh)).toMatchObject({ action: 'drop', policyOf: 'guard forward' });
    // The first stage's return accepts (its policy); the second stage's rule then decides.
    expect(evaluate(rs, web)).toMatchObject({ action: 'accept', decidedBy: { chain: 'guard forward', index: 1 } });
    const c = classify(rs, { family: 4, protocols: PortSet.of(6) });
    const byPolicy = c.outcomes.filter((o) => o.policyOf);
    expect(byPolicy.map((o) => [o.action, o.policyOf, o.box.destinationPorts.toRanges()])).toEqual([
      ['drop', 'guard forward', [{ from: 22, to: 22 }]],
    ]);
  });

  it('an uninterpreted return at the top: both branches end on the base chain policy (decided)', () => {
    const opaque = ['-m recent'];
    const rs = ruleset('accept', [
      chain('forward', [rule(1, { kind: 'return' }, { opaque }), rule(2, { kind: 'goto', chain: 'users' })], 'drop'),
      chain('users', [
        rule(3, { kind: 'return' }, { opaque }),
        rule(4, { kind: 'accept' }, { protocols: PortSet.of(17) }),
      ]),
    ]);
    // Every branch (return, or goto then return or end) meets the drop policy; the default action would split them.
    expect(evaluate(rs, ssh)).toMatchObject({ kind: 'decided', action: 'drop', policyOf: 'forward' });
  });

  it('an uninterpreted rule at the top: the default action only where the base chain has no policy', () => {
    const rs = ruleset('reject', [
      chain('forward', [rule(1, { kind: 'return' }, { opaque: ['-m recent'] })], 'accept'),
    ]);
    expect(evaluate(rs, ssh)).toMatchObject({ kind: 'decided', action: 'accept', policyOf: 'forward' });
    const bare = ruleset('reject', [chain('forward', [rule(1, { kind: 'accept' }, { opaque: ['-m recent'] })])]);
    expect(evaluate(bare, ssh)).toMatchObject({ kind: 'indeterminate', outcomes: ['reject', 'accept'] });
  });

  // A branch into a chain that does not exist makes the stepped walk give up: the recursive walk then answers,
  // and the branches it finished must end where the stepped walk's did.
  it.each(cases)('the recursive walk agrees: $name', ({ rs, action }) => {
    const last = rs.stages?.at(-1) ?? rs.entry;
    const own = rs.chains[last] as Chain;
    const gone = rule(99, { kind: 'jump', chain: 'gone' }, { opaque: ['-m recent'] });
    const broken: Ruleset = { ...rs, chains: { ...rs.chains, [last]: { ...own, rules: [gone, ...own.rules] } } };
    expect(evaluate(broken, ssh)).toMatchObject({ kind: 'indeterminate', outcomes: [action] });
  });
});

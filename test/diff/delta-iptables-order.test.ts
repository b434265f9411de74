import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firewallDeltas } from '../../src/diff/delta/index.js';
import type { Matrix } from '../../src/model/matrix.js';
import { arbitraryLabMatrix } from '../fixtures/targets/arbitrary.js';
import { DOC_PLAN, realisticMatrix } from '../fixtures/targets/realistic.js';
import { diffPair } from './pair.js';

/**
 * The order of an iptables delta over chains (test/diff/delta.kernel.test.ts proves its end states in a kernel): no
 * intermediate state may open what neither version allows, so a chain only NEW has is created and filled before
 * anything jumps to it, in the widening phase; a chain only OLD has is emptied and deleted after every jump to it is
 * gone, in the narrowing phase.
 */
const on = (m: Matrix): Matrix => ({ ...m, firewalls: m.firewalls.map((f) => ({ ...f, platform: 'iptables' })) });

function scripts(a: Matrix, b: Matrix): string[] {
  const { deltas, errors } = firewallDeltas(on(a), on(b));
  expect(errors).toEqual([]);
  return deltas.flatMap((d) => [d.apply.content, d.rollback.content]);
}

/** Violations of the order in one script, as readable lines (none expected). */
function orderProblems(script: string): string[] {
  const lines = script.split('\n');
  const widening = lines.findIndex((l) => l.startsWith('# 2. widening'));
  const problems: string[] = [];
  const commands = lines
    .map((l, i) => ({ i, words: l.split(' ') }))
    .filter((c) => /^ip6?tables$/.test(c.words[0] ?? ''));
  const tool = (c: { words: string[] }) => c.words[0];
  const jumpsTo = (c: { words: string[] }, chain: string) => c.words.at(-1) === chain && c.words.at(-2) === '-j';
  for (const c of commands) {
    const [verb, chain] = [c.words[1], c.words[2] as string];
    if (verb === '-N') {
      if (c.i < widening) problems.push(`created before the widening phase: ${lines[c.i]}`);
      const uses = commands.filter((u) => tool(u) === tool(c) && (u.words[2] === chain || jumpsTo(u, chain)));
      for (const u of uses) if (u.i < c.i) problems.push(`used before it is created: ${lines[u.i]}`);
      const lastFill = Math.max(...uses.filter((u) => u.words[1] === '-A' && u.words[2] === chain).map((u) => u.i));
      for (const u of uses)
        if (jumpsTo(u, chain) && u.words[1] !== '-D' && u.i < lastFill)
          problems.push(`jumped to before it is filled: ${lines[u.i]}`);
    }
    if (verb === '-X') {
      if (c.i > widening) problems.push(`deleted in the widening phase: ${lines[c.i]}`);
      const flush = commands.find((u) => tool(u) === tool(c) && u.words[1] === '-F' && u.words[2] === chain);
      if (!flush || flush.i > c.i) problems.push(`deleted before it is emptied: ${lines[c.i]}`);
      for (const u of commands)
        if (tool(u) === tool(c) && u.words[1] === '-D' && jumpsTo(u, chain) && u.i > c.i)
          problems.push(`a jump to it is removed after it: ${lines[u.i]}`);
    }
    // Nothing that lets traffic through is added before the widening phase.
    if ((verb === '-I' || verb === '-A') && c.i < widening && (c.words.at(-1) !== 'DROP' || c.words.at(-2) !== '-j'))
      problems.push(`added in the narrowing phase: ${lines[c.i]}`);
  }
  return problems;
}

describe('iptables deltas over chains: what is created, filled, jumped to and deleted, in which phase', () => {
  it('the fixture pair, both ways, creates and deletes chains, in order', () => {
    const { old, new: now } = diffPair();
    const all = scripts(old, now);
    expect(all.some((s) => / -N /.test(s)) && all.some((s) => / -X /.test(s))).toBe(true);
    for (const s of all) expect(orderProblems(s)).toEqual([]);
  });

  it('a large group shrinks and grows', () => {
    const a = realisticMatrix(DOC_PLAN);
    const b = realisticMatrix({ ...DOC_PLAN, lyncClients: [...DOC_PLAN.lyncClients.slice(2), '10.31.0.0/24'] });
    for (const s of [...scripts(a, b), ...scripts(b, a)]) expect(orderProblems(s)).toEqual([]);
  });

  it('random pairs of matrices (bounded runs)', () => {
    const pairs = fc.sample(fc.tuple(arbitraryLabMatrix(), arbitraryLabMatrix()), { numRuns: 40, seed: 4242 });
    let created = 0;
    for (const [a, b] of pairs)
      for (const s of scripts(a, b)) {
        expect(orderProblems(s)).toEqual([]);
        created += s.split('\n').filter((l) => / -N /.test(l)).length;
      }
    expect(created).toBeGreaterThan(0);
  });

  it('the check sees a jump put in before its chain is filled', () => {
    const { old, new: now } = diffPair();
    const script = scripts(old, now).find((s) => / -N /.test(s)) as string;
    const lines = script.split('\n');
    const created = lines.findIndex((l) => / -N /.test(l));
    const chain = (lines[created] as string).split(' ')[2] as string;
    const jump = lines.findIndex((l) => l.endsWith(` -j ${chain}`) && / -I /.test(l));
    const moved = [...lines.slice(0, created + 1), lines[jump] as string, ...lines.slice(created + 1)];
    moved.splice(jump + 1, 1);
    expect(orderProblems(moved.join('\n'))).not.toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ChainLayout,
  ChainLayoutBuilder,
  type ChainLine,
  type LaidChain,
} from '../../../src/targets/kit/chains.js';
import { createNamer } from '../../../src/targets/kit/names.js';

const RULES = { maxLength: 64, charset: /[A-Za-z0-9_]/, reserved: ['forward'] } as const;

interface Triple {
  readonly zone: string;
  readonly source: string;
  readonly row: string;
  readonly rest: string;
}

/** A row chain's rests one by one. */
const restsOf = (chain: Extract<LaidChain, { kind: 'row' }>): string[] => chain.rests.split('\n');

/** A chain's lines, a row chain's rests as inline rules. */
const linesOf = (c: LaidChain): readonly ChainLine[] =>
  c.kind === 'row' ? restsOf(c).map((rest) => ({ match: '', rest })) : c.lines;

/** What the layout lets through: every (zone, source, rest) a packet reaches by following the jumps. */
function reached(layout: ChainLayout): Set<string> {
  const chains = new Map(layout.chains.map((c) => [c.name, linesOf(c)]));
  const out = new Set<string>();
  const walk = (lines: readonly ChainLine[], matches: readonly string[], depth: number): void => {
    expect(depth).toBeLessThan(4);
    for (const line of lines) {
      const path = line.match === '' ? matches : [...matches, line.match];
      if ('jump' in line) walk(chains.get(line.jump) ?? [], path, depth + 1);
      else out.add(`${path.join(' ')} => ${line.rest}`);
    }
  };
  walk(layout.base, [], 0);
  return out;
}

const build = (triples: readonly Triple[]): ChainLayout => {
  const b = new ChainLayoutBuilder(createNamer(RULES));
  for (const t of triples)
    b.add(
      { match: t.zone, name: [t.zone || 'any', 'zone'] },
      { match: t.source, name: [t.source || 'any'] },
      t.row,
      ['row', t.row],
      t.rest,
    );
  return b.layout();
};

const expected = (triples: readonly Triple[]): Set<string> =>
  new Set(triples.map((t) => `${[t.zone, t.source].filter((m) => m !== '').join(' ')} => ${t.rest}`));

const triple = fc.record({
  zone: fc.constantFrom('', 'iif a oif b', 'iif b oif a'),
  source: fc.constantFrom('', 'saddr @s1', 'saddr @s2', 'saddr 10.0.0.1'),
  row: fc.constantFrom('r1', 'r2', 'r3', 'r4'),
  rest: fc.constantFrom('daddr @d1 dport 80', 'daddr @d2 dport 443', 'daddr 10.0.0.9 dport 22', 'dport 53'),
});

describe('chain layout (src/targets/kit/chains.ts)', () => {
  it('lets through exactly the rules it was given, whatever their mix (accepts only: order decides nothing)', () => {
    fc.assert(
      fc.property(fc.array(triple, { maxLength: 40 }), (triples) => {
        const layout = build(triples);
        expect([...reached(layout)].sort()).toEqual([...expected(triples)].sort());
        const names = layout.chains.map((c) => c.name);

        expect(new Set(names).size).toBe(names.length);
        expect(names).not.toContain('forward');
        // No chain is left without a way in, none is empty.
        const targets = new Set(
          [...layout.base, ...layout.chains.flatMap(linesOf)].flatMap((l) => ('jump' in l ? [l.jump] : [])),
        );
        for (const c of layout.chains) {
          expect(targets.has(c.name)).toBe(true);
          expect(linesOf(c).length).toBeGreaterThan(0);
          if (c.kind === 'row') expect(new Set(restsOf(c)).size).toBe(restsOf(c).length);
        }
        // Taking gives the chains in order and lets them go.
        const copy = [...layout.chains];
        expect([...layout.take()]).toEqual(copy);
        expect(layout.chains).toEqual([]);
      }),
      { numRuns: 300, seed: 20261206 },
    );
  });

  it('shares a row chain between sources with the same rules, inlines a lone rule, jumps straight to a lone row', () => {
    const two = ['daddr @d1 dport 80 accept comment "r1"', 'daddr @d1 dport 443 accept comment "r1"'];
    const layout = build([
      ...two.map((rest) => ({ zone: 'iif a', source: 'saddr @s1', row: 'r1', rest })),
      ...two.map((rest) => ({ zone: 'iif a', source: 'saddr @s2', row: 'r1', rest })),
      { zone: 'iif a', source: 'saddr @s2', row: 'r2', rest: 'daddr @d2 dport 22 accept comment "r2"' },
    ]);
    const rows = layout.chains.filter((c) => c.kind === 'row');
    expect(rows.map(linesOf)).toEqual([two.map((rest) => ({ match: '', rest }))]);
    const zone = layout.chains.find((c) => c.kind === 'zone');
    // s1 has one row: a direct jump; s2 has two: its own chain, where r2's single rule stays inline.
    expect(zone && linesOf(zone)).toEqual([
      { match: 'saddr @s1', jump: rows[0]?.name },
      { match: 'saddr @s2', jump: expect.stringContaining('from') },
    ]);
    const s2 = layout.chains.find((c) => c.kind === 'source');
    expect(s2 && linesOf(s2)).toEqual([
      { match: '', jump: rows[0]?.name },
      { match: '', rest: 'daddr @d2 dport 22 accept comment "r2"' },
    ]);
    expect(layout.base).toEqual([{ match: 'iif a', jump: zone?.name }]);
  });

  it('gives the same rest by its parts as by its text, and a rest two rules repeat once', () => {
    const byText = new ChainLayoutBuilder(createNamer(RULES));
    const byParts = new ChainLayoutBuilder(createNamer(RULES));
    const zone = { match: 'iif a', name: ['a'] };
    const source = { match: 'saddr @s', name: ['s'] };
    byText.add(zone, source, 'r', ['r'], 'daddr @d tcp dport 80 accept');
    byParts.addParts(zone, source, 'r', ['r'], ['daddr @d', 'tcp dport 80', '', 'accept']);
    // The same rule again from another matrix row of the same label: laid out once.
    byParts.addParts(zone, source, 'r', ['r'], ['daddr @d', 'tcp dport 80', '', 'accept']);
    const plain = ({ base, chains }: ChainLayout) => ({ base, chains });
    expect(plain(byParts.layout())).toEqual(plain(byText.layout()));
  });
  it('lays out more sources than a call can spread (no interfaces: every source lands in the base chain)', () => {
    const b = new ChainLayoutBuilder(createNamer(RULES));
    const any = { match: '', name: ['any'] };
    for (let i = 0; i < 200_000; i++)
      b.add(
        any,
        { match: `saddr 10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, name: [`s${i}`] },
        `r${i}`,
        ['r'],
        'accept',
      );
    expect(b.layout().base.length).toBe(200_000);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evalWhen, formatWhen, parseWhen, type WhenAst, whenFeatures } from '../../src/model/when.js';

const parse = (text: string): WhenAst => {
  const r = parseWhen(text);
  if (!r.ok) throw new Error(`${text}: ${r.message}`);
  return r.value;
};
const on =
  (...names: string[]) =>
  (f: string) =>
    names.includes(f);

describe('parseWhen / evalWhen', () => {
  it.each([
    ['sms', [], false],
    ['sms', ['sms'], true],
    ['!adfs-onprem', [], true],
    ['graph && meeting', ['graph'], false],
    ['graph && meeting', ['graph', 'meeting'], true],
    ['a || b && c', ['a'], true], // && binds tighter
    ['(a || b) && c', ['a'], false],
    ['(a || b) && !c', ['b'], true],
    ['!!a', ['a'], true],
    ['  wifi.guest&&sms_v2 ', ['wifi.guest', 'sms_v2'], true],
  ] as const)('%s with %j on is %s', (text, features, expected) => {
    expect(evalWhen(parse(text), on(...features))).toBe(expected);
  });

  it.each([
    [
      '',
      'expected a feature name, found end of expression',
      'on attend un nom de fonctionnalité, pas la fin de l’expression',
      0,
    ],
    [
      'a &&',
      'expected a feature name, found end of expression',
      'on attend un nom de fonctionnalité, pas la fin de l’expression',
      4,
    ],
    ['(a || b', 'expected ")", found end of expression', 'on attend ")", pas la fin de l’expression', 7],
    ['a & b', 'unexpected character "&"', 'caractère inattendu "&"', 2],
    [
      'a b',
      'expected "&&", "||" or end of expression, found "b"',
      'on attend "&&", "||" ou la fin de l’expression, pas "b"',
      2,
    ],
    [
      'a )',
      'expected "&&", "||" or end of expression, found ")"',
      'on attend "&&", "||" ou la fin de l’expression, pas ")"',
      2,
    ],
  ])('rejects %j: %s at %i', (text, message, fr, offset) => {
    expect(parseWhen(text)).toEqual({ ok: false, message, fr, offset });
  });

  it('lists the features an expression names, once each', () => {
    expect(whenFeatures(parse('(a || b) && !a && c'))).toEqual(['a', 'b', 'c']);
  });

  const name = fc.constantFrom('a', 'b', 'c', 'd-e');
  const ast: fc.Arbitrary<WhenAst> = fc.letrec<{ node: WhenAst }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      name.map((n) => ({ kind: 'feature' as const, name: n })),
      tie('node').map((operand) => ({ kind: 'not' as const, operand })),
      fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('node'), right: tie('node') }),
    ),
  })).node;

  it('formatWhen output parses back to an equivalent expression', () => {
    fc.assert(
      fc.property(ast, fc.subarray(['a', 'b', 'c', 'd-e']), (tree, enabled) => {
        const again = parse(formatWhen(tree));
        expect(evalWhen(again, on(...enabled))).toBe(evalWhen(tree, on(...enabled)));
      }),
    );
  });
});

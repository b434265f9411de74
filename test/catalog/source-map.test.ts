import { describe, expect, it } from 'vitest';
import { Composer, Parser, parseDocument } from 'yaml';
import { buildSourceMap, MAX_SYNTAX_ERRORS } from '../../src/catalog/source-map.js';

const text = [
  'id: demo', // 1
  'roles:', // 2
  '  web:', // 3
  '    title: { fr: Web, en: Web }', // 4
  'flows:', // 5
  '  - id: a', // 6
  '    from: web', // 7
  '    to: [sql, web]', // 8
  '    empty:', // 9
].join('\n');

describe('source map', () => {
  const map = buildSourceMap(text);

  it('points at values, 1-based', () => {
    expect(map.position(['id'])).toEqual({ line: 1, col: 5 });
    expect(map.position(['flows', 0, 'from'])).toEqual({ line: 7, col: 11 });
    expect(map.position(['flows', 0, 'to', 1])).toEqual({ line: 8, col: 15 });
    expect(map.position(['roles', 'web', 'title', 'en'])).toEqual({ line: 4, col: 27 });
  });

  it('points at keys when asked', () => {
    expect(map.position(['flows', 0, 'from'], 'key')).toEqual({ line: 7, col: 5 });
    expect(map.position(['roles', 'web'], 'key')).toEqual({ line: 3, col: 3 });
  });

  it('points at the parent when the path goes past what exists', () => {
    expect(map.position(['flows', 0, 'purpose'])).toEqual({ line: 6, col: 5 });
    expect(map.position(['flows', 3, 'id'])).toEqual({ line: 6, col: 3 });
    expect(map.position(['roles', 'sql', 'title'])).toEqual({ line: 3, col: 3 });
  });

  it('points at the key of an entry with no value', () => {
    expect(map.position(['flows', 0, 'empty'])).toEqual({ line: 9, col: 5 });
  });

  it('has no syntax issues for valid YAML, and all of them otherwise', () => {
    expect(map.syntaxIssues).toEqual([]);
    const broken = buildSourceMap('a: 1\na: 2\nb: [1, 2\n');
    expect(broken.syntaxIssues.map((i) => [i.line, i.col, i.code])).toEqual([
      [2, 1, 'yaml-syntax'],
      [4, 1, 'yaml-syntax'], // where the closing ] was expected
    ]);
  });
});

describe('source map of a text with thousands of errors', () => {
  // The first line indented: every later line is an error (several per line).
  const flows = Array.from({ length: 2000 }, (_, i) => `  - id: f${i}\n    to: [a, b]`).join('\n');
  const broken = ` id: x\ntitle: y\nflows:\n${flows}\n`;

  it('keeps the first MAX_SYNTAX_ERRORS, in file order, and counts the others on the first', () => {
    const { syntaxIssues } = buildSourceMap(broken);
    expect(syntaxIssues).toHaveLength(MAX_SYNTAX_ERRORS);
    const lines = syntaxIssues.map((i) => i.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(syntaxIssues[0]?.line).toBe(2);
    // yaml's own count: the composer's error handler (replaced to count) and the parser's error tokens.
    const all = parseDocument(broken).errors.length;
    expect(MAX_SYNTAX_ERRORS + (syntaxIssues[0]?.more ?? 0)).toBe(all);
    expect(syntaxIssues.slice(1).every((i) => i.more === undefined)).toBe(true);
  });

  it("relies on yaml calling the composer's onError property for its errors (how they are counted, not built)", () => {
    const composer = new Composer({ uniqueKeys: true });
    let calls = 0;
    (composer as unknown as { onError: () => void }).onError = () => {
      calls++;
    };
    const [doc] = [...composer.compose(new Parser().parse('a: 1\na: 2\n b: [\n'), true)];
    expect(calls).toBeGreaterThan(1);
    expect(doc?.errors).toEqual([]);
  });

  it('finds each duplicate key and where it first appears, however many there are', () => {
    const dup = `id: x\n${Array.from({ length: 300 }, (_, i) => `k${i}: 1\nk${i}: 2`).join('\n')}\n`;
    const { syntaxIssues } = buildSourceMap(dup);
    expect(syntaxIssues[0]?.message).toBe('duplicate key "k0" (first at 2:1)');
    expect(syntaxIssues[99]?.message).toBe('duplicate key "k99" (first at 200:1)');
    expect(syntaxIssues[0]?.more).toBe(200);
  });

  it('reports an alias to no anchor where it is', () => {
    const { syntaxIssues } = buildSourceMap('a: &x 1\nb: *x\nc: [*y]\n');
    expect(syntaxIssues.map((i) => `${i.line}:${i.col} ${i.message}`)).toEqual(['3:5 undefined alias "*y"']);
  });
});

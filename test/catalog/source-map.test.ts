import { describe, expect, it } from 'vitest';
import { buildSourceMap } from '../../src/catalog/source-map.js';

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

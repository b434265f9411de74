import { describe, expect, it } from 'vitest';
import { renderDot } from '../../src/render/dot.js';
import { JSON_FORMAT_ID, renderJson } from '../../src/render/json.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { mermaidText, renderMermaid, renderSequence, roleTitlesOf } from '../../src/render/mermaid.js';
import { mdCell } from '../../src/util/markdown.js';
import { findings, matrix } from './fixtures/matrix.js';
import { expectGolden } from './golden.js';

describe('golden text formats', () => {
  for (const lang of ['fr', 'en'] as const) {
    it(`markdown ${lang}`, () => expectGolden(`matrix.${lang}.md`, renderMarkdown(matrix, { lang, findings })));
    it(`mermaid ${lang}`, () => expectGolden(`matrix.${lang}.mmd`, renderMermaid(matrix, { lang })));
    it(`dot ${lang}`, () => expectGolden(`matrix.${lang}.dot`, renderDot(matrix, { lang })));
  }
  it('json', () => expectGolden('matrix.json', renderJson(matrix, { lang: 'fr', findings })));
});

describe('markdown', () => {
  const text = renderMarkdown(matrix, { lang: 'fr', findings });
  it('escapes pipes, newlines and HTML in cells', () => {
    expect(mdCell('a|b\nc <script>')).toBe('a\\|b<br>c &lt;script&gt;');
    expect(text).not.toContain('<script>');
    expect(text).toContain('Envoi de SMS \\| notifications');
  });
  it('keeps every table row at the header width', () => {
    const tables = text.split('\n').filter((l) => l.startsWith('| '));
    const widths = new Set<number>();
    let current = -1;
    for (const l of text.split('\n')) {
      if (!l.startsWith('|')) {
        current = -1;
        continue;
      }
      const n = l.replace(/\\\|/g, '').split('|').length;
      if (current === -1) current = n;
      expect(n, l).toBe(current);
      widths.add(n);
    }
    expect(tables.length).toBeGreaterThan(10);
  });
  it('has one table per catalog and the scenario as a Mermaid sequence block', () => {
    expect(text).toContain('(`hamilton`)');
    expect(text).toContain('(`lync`)');
    expect(text).toMatch(/```mermaid\nsequenceDiagram\n {2}autonumber\n/);
  });
});

describe('mermaid', () => {
  const text = renderMermaid(matrix, { lang: 'fr' });
  it('draws zones as subgraphs and one edge per row, optional rows dashed', () => {
    expect(text.match(/^ {2}subgraph /gm)).toHaveLength(3);
    const edges = text.split('\n').filter((l) => /^ {2}n\d+ (-->|-\.->)/.test(l));
    expect(edges).toHaveLength(matrix.rows.length);
    const optional = matrix.rows.filter((r) => r.level === 'optional').length;
    expect(edges.filter((l) => l.includes('-.->'))).toHaveLength(optional);
    expect(text).toContain('|"udp/3478, tcp/443,50000-59999, udp/50000-59999"|');
  });
  it('never lets a label break the syntax', () => {
    expect(mermaidText('a "b" [c] end; <x> | #1')).toBe('a #quot;b#quot; [c] end#59; #lt;x#gt; #124; #35;1');
    for (const line of text.split('\n').slice(1)) {
      // Every quoted label closes on the same line and holds no raw quote, pipe or angle bracket.
      for (const label of line.match(/"[^"]*"/g) ?? [])
        expect(label.slice(1, -1).replaceAll('<br/>', '')).not.toMatch(/[|<>]/);
      expect((line.match(/"/g) ?? []).length % 2, line).toBe(0);
    }
    expect(text).not.toMatch(/^\s*end\s*\[/m);
  });
  it('renders a scenario as a numbered sequence diagram with role titles', () => {
    const lync = matrix.catalogs[1];
    const scenario = lync?.scenarios[0];
    if (!lync || !scenario) throw new Error('fixture lost its scenario');
    const seq = renderSequence(scenario, roleTitlesOf(matrix, 'lync'), 'fr');
    expect(seq.split('\n').slice(0, 5)).toEqual([
      'sequenceDiagram',
      '  autonumber',
      '  participant p1 as Client externe',
      '  participant p2 as Edge [accès]',
      '  participant p3 as front-end',
    ]);
    expect(seq).toContain('p2->>p3: Relais#59; authentification');
    expect(seq.match(/->>/g)).toHaveLength(scenario.steps.length);
  });
});

describe('dot', () => {
  const text = renderDot(matrix, { lang: 'en' });
  it('clusters per zone, escapes quotes and keeps one edge per row', () => {
    expect(text.match(/subgraph "cluster_/g)).toHaveLength(3);
    expect(text).toContain('SMS provider \\"Texto\\"');
    expect(text.match(/ -> /g)).toHaveLength(matrix.rows.length);
  });
});

describe('json', () => {
  const text = renderJson(matrix, { lang: 'fr', findings });
  it('is a versioned envelope that gives the matrix back', () => {
    const doc = JSON.parse(text);
    expect(Object.keys(doc)).toEqual(['format', 'version', 'matrix', 'findings']);
    expect(doc.format).toBe(JSON_FORMAT_ID);
    expect(doc.version).toBe(1);
    expect(doc.matrix).toEqual(JSON.parse(JSON.stringify(matrix)));
    expect(doc.findings).toEqual(findings);
  });
  it('does not depend on the key order of the input', () => {
    const shuffled = JSON.parse(JSON.stringify(matrix), (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    );
    expect(renderJson(shuffled, { lang: 'en', findings })).toBe(text);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Column } from '../../src/render/columns.js';
import { eachLineCells } from '../../src/render/columns.js';
import {
  buildTable,
  cellJson,
  cellText,
  type MatrixTable,
  parseMatrixQuery,
  selectLines,
} from '../../src/server/matrix-table.js';
import { loadSiteText } from '../../src/server/site-model.js';

/**
 * The grid's dictionary-encoded table against the plainest reading of the same query: every cell's text computed
 * again by the documents' own code, lower-cased and searched per line, sorted with the collator, ties by line.
 */
const site = loadSiteText(readFileSync(new URL('../../examples/hamilton-site.yaml', import.meta.url), 'utf8'));
if (!site.ok) throw new Error('hamilton-site does not load');
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

describe.each(['en', 'fr'] as const)('the matrix table in %s', (lang) => {
  const table = buildTable(site.model.matrix, lang);
  const rows: string[][] = [];
  eachLineCells(
    table.lines,
    table.columns,
    lang,
    (v) => v,
    (values) => {
      rows.push([...values]);
    },
  );
  const ids = table.columns.map((c) => c.id);

  function reference(params: URLSearchParams): number[] {
    const q = params.get('q')?.trim().toLowerCase();
    const filters = [...params]
      .filter(([k, v]) => k.startsWith('filter[') && v !== '')
      .map(([k, v]) => [ids.indexOf(k.slice(7, -1)), v.toLowerCase()] as const);
    let out = rows
      .map((_, i) => i)
      .filter((i) => {
        const row = rows[i] as string[];
        if (q && !row.some((cell) => cell.toLowerCase().includes(q))) return false;
        return filters.every(([c, text]) => (row[c] as string).toLowerCase().includes(text));
      });
    const sort = params.get('sort');
    if (sort) {
      const [id, dir] = sort.split(':');
      const c = ids.indexOf(id as string);
      out = out.sort(
        (a, b) => collator.compare((rows[a] as string[])[c] as string, (rows[b] as string[])[c] as string) || a - b,
      );
      if (dir === 'desc') out.reverse();
    }
    return out;
  }

  it('holds every cell as the documents write it', () => {
    expect(rows.length).toBe(table.lines.length);
    rows.forEach((row, i) => {
      row.forEach((text, c) => {
        expect(cellText(table, c, i)).toBe(text);
        expect(JSON.parse(cellJson(table, c, i))).toBe(text);
      });
    });
  });

  it('selects and orders lines as the plain reading does, for filters, searches and sorts drawn from the data', () => {
    // Deterministic draws: a part of some cell, lower- or upper-cased, for a search or a column filter.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const queries: string[] = ['', 'sort=flow:asc', 'q=zzz-nowhere', 'filter[flow]=zzz-nowhere&sort=ports:desc'];
    for (let k = 0; k < 60; k++) {
      const i = next(rows.length);
      const c = next(ids.length);
      const text = (rows[i] as string[])[c] as string;
      const start = next(Math.max(1, text.length));
      const part = text.slice(start, start + 1 + next(6));
      const word = k % 3 === 0 ? part.toUpperCase() : part;
      const params = new URLSearchParams();
      if (k % 2 === 0) params.set(`filter[${ids[c]}]`, word);
      else params.set('q', word);
      if (k % 4 === 1) params.set(`filter[${ids[next(ids.length)]}]`, (rows[i] as string[])[c]?.slice(0, 1) ?? '');
      if (k % 3 !== 2) params.set('sort', `${ids[next(ids.length)]}:${k % 2 ? 'asc' : 'desc'}`);
      queries.push(params.toString());
    }
    for (const text of queries) {
      const params = new URLSearchParams(text);
      const selected = selectLines(table, parseMatrixQuery(params, table));
      expect([...selected], text).toEqual(reference(params));
      // Asked again: the same answer (the kept selection).
      expect(selectLines(table, parseMatrixQuery(params, table))).toBe(selected);
    }
  });
});

describe('sorting a column', () => {
  // A hand-made table: texts the collator holds equal (case) interleave by line, numbers in natural order.
  const texts = ['smtp', 'b', 'SMTP', 'a10', 'Smtp', 'a2', 'B', 'smtp'];
  const table: MatrixTable = {
    columns: [{ id: 'service' } as Column],
    lines: texts.map(() => ({}) as MatrixTable['lines'][number]),
    data: [
      {
        texts: [...new Set(texts)],
        lowered: [...new Set(texts)].map((t) => t.toLowerCase()),
        codes: Uint32Array.from(texts.map((t) => [...new Set(texts)].indexOf(t))),
        json: [],
      },
    ],
    orders: new Map(),
    selections: new Map(),
  };
  const sorted = (sort: string, filter = '') =>
    selectLines(table, parseMatrixQuery(new URLSearchParams(`sort=${sort}${filter}`), table)).map((i) => texts[i]);

  it('orders naturally, case aside, ties by line; descending is the exact reverse', () => {
    expect(sorted('service:asc')).toEqual(['a2', 'a10', 'b', 'B', 'smtp', 'SMTP', 'Smtp', 'smtp']);
    expect(sorted('service:desc')).toEqual(['smtp', 'Smtp', 'SMTP', 'smtp', 'B', 'b', 'a10', 'a2']);
    expect(sorted('service:asc', '&filter[service]=MT')).toEqual(['smtp', 'SMTP', 'Smtp', 'smtp']);
  });
});

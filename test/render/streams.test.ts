import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticFiles } from '../../bench/synthetic.js';
import { loadSiteFile } from '../../src/catalog/fs.js';
import { resolveSite } from '../../src/matrix/index.js';
import type { Matrix } from '../../src/model/matrix.js';
import { formats } from '../../src/render/index.js';
import { JSON_FORMAT_ID, JSON_FORMAT_VERSION, streamJson } from '../../src/render/json.js';
import { jsonChunks, sortKeys } from '../../src/render/json-stream.js';
import { loadExample } from '../support/catalogs.js';
import { findings, matrix } from './fixtures/matrix.js';

/**
 * Documents are written piece by piece, so that one larger than a string may be (~512 MiB: a JSON of 5,000 flows
 * × 200 hosts, an HTML of 400k rows) is still written; joined, the pieces are the bytes the whole render gives.
 */

/** The JSON document as it was written in one piece before streaming: the reference the stream must equal. */
const wholeJson = (m: Matrix, f?: unknown) =>
  `${JSON.stringify(
    {
      format: JSON_FORMAT_ID,
      version: JSON_FORMAT_VERSION,
      matrix: sortKeys(m),
      ...(f ? { findings: sortKeys(f) } : {}),
    },
    null,
    2,
  )}\n`;

/** Anything JSON.stringify meets in plain data, holes and dropped members included. */
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constant(() => 1),
  ),
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 4 }),
  object: fc.dictionary(fc.string({ maxLength: 6 }), tie('node'), { maxKeys: 4 }),
}));

describe('JSON piece by piece', () => {
  it('gives exactly JSON.stringify(sortKeys(v), null, 2) for any value, at any starting indentation', () => {
    fc.assert(
      fc.property(value.node, fc.integer({ min: 0, max: 5 }), (v, depth) => {
        const whole = JSON.stringify(sortKeys(v), null, 2) ?? 'null';
        const indent = ' '.repeat(depth * 2);
        expect([...jsonChunks(v, indent, depth)].join('')).toBe(whole.replaceAll('\n', `\n${indent}`));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the bytes of the whole document for every example site, with and without findings', () => {
    for (const site of ['hamilton-site', 'exchange-2007-site', 'lync-2013-edge-site']) {
      const m = loadExample(site).matrix;
      expect([...streamJson(m, { lang: 'en' })].join('')).toBe(wholeJson(m));
    }
    expect([...streamJson(matrix, { lang: 'fr', findings })].join('')).toBe(wholeJson(matrix, findings));
    expect([...streamJson(matrix, { lang: 'fr', findings: [] })].join('')).toBe(wholeJson(matrix, []));
  });
});

describe('every text document of a large matrix', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flowmatrix-streams-'));
  const files = syntheticFiles(2_000);
  writeFileSync(join(dir, 'synthetic.yaml'), files.catalog);
  writeFileSync(join(dir, 'site.yaml'), files.site);
  const loaded = loadSiteFile(join(dir, 'site.yaml'));
  if (!loaded.ok) throw new Error('the synthetic site does not load');
  const resolved = resolveSite({ site: loaded.value.site, catalogs: loaded.value.catalogs });
  if (!resolved.ok) throw new Error('the synthetic site does not resolve');
  const big = resolved.value;

  it.each(['json', 'html', 'md', 'csv'] as const)(
    '%s comes in pieces no larger than a row, which join into the render',
    (id) => {
      const format = formats[id] as {
        render: (m: Matrix, o: { lang: 'en' }) => string;
        stream?: (m: Matrix, o: { lang: 'en' }) => Iterable<string>;
      };
      expect(format.stream).toBeDefined();
      const pieces = [...(format.stream?.(big, { lang: 'en' }) ?? [])];
      const total = pieces.reduce((n, p) => n + p.length, 0);
      const largest = Math.max(...pieces.map((p) => p.length));
      expect(total).toBeGreaterThan(1_000_000);
      // The page's head (style, script, summary) is the largest fixed piece: tens of KiB, whatever the row count.
      expect(largest).toBeLessThan(64 * 1024);
      expect(pieces.join('')).toBe(format.render(big, { lang: 'en' }));
    },
  );
});

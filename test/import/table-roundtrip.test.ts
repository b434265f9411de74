import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';
import { loadExample, repoRoot } from '../support/catalogs.js';
import { lineSet, loadSite, tempDir } from './support.js';

const examples = readdirSync(join(repoRoot, 'examples'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/**
 * The matrix Flowmatrix writes, read back by `import table`, gives the same matrix: the same lines (source and
 * destination addresses, protocol, port range) and as many rows, for every example site, from XLSX and from CSV
 * (plain and French Excel flavours), in English and in French.
 */
describe('import table: round trip of the matrix Flowmatrix writes', () => {
  it('covers every example', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });
  const variants = [
    { ext: 'xlsx', args: ['-f', 'xlsx'] },
    { ext: 'csv', args: ['-f', 'csv'] },
    { ext: 'csv', args: ['-f', 'csv', '--excel-fr', '--lang', 'fr'] },
    { ext: 'xlsx', args: ['-f', 'xlsx', '--lang', 'fr'] },
  ];
  for (const example of examples)
    for (const v of variants)
      it(`${example} ${v.args.join(' ')}`, async () => {
        const original = loadExample(example).matrix;
        const dir = tempDir('roundtrip');
        const file = join(dir, `${example.replace(/\.yaml$/, '')}.${v.ext}`);
        const written = await run(['matrix', `examples/${example}`, ...v.args, '-o', file]);
        expect(written.code, written.err).toBe(0);
        const imported = await run(['import', 'table', file, '-o', join(dir, 'out')]);
        expect(imported.code, imported.err).toBe(0);
        const site = readdirSync(join(dir, 'out')).find((f) => f.endsWith('-site.yaml')) as string;
        const back = loadSite(join(dir, 'out', site));
        expect(lineSet(back)).toEqual(lineSet(original));
        expect(back.rows.length).toBe(original.rows.length);
      });
});

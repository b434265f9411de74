import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';
import { repoRoot } from '../support/catalogs.js';
import { missing, requirements } from '../support/system.js';
import { m365Dir, tempDir } from './support.js';

/** The `$schema` a written YAML file names, resolved from where the file is. */
const schemaOf = (file: string): string =>
  resolve(dirname(file), /^# yaml-language-server: \$schema=(\S+)\n/.exec(readFileSync(file, 'utf8'))?.[1] ?? '');

describe('imported files name the installed schema from where they are written', () => {
  it('import table: the catalog and the site, in a folder two levels deep', async () => {
    const dir = tempDir('schema');
    const csv = join(dir, 'flows.csv');
    writeFileSync(csv, 'Source;Destination;Protocole;Port\n10.1.1.10;172.16.50.10;TCP;443\n');
    const out = join(dir, 'a', 'b');
    mkdirSync(out, { recursive: true });
    expect((await run(['import', 'table', csv, '-o', out])).code).toBe(0);
    expect(schemaOf(join(out, 'flows.catalog.yaml'))).toBe(join(repoRoot, 'schemas', 'catalog.schema.json'));
    expect(schemaOf(join(out, 'flows-site.yaml'))).toBe(join(repoRoot, 'schemas', 'site.schema.json'));
  });

  it.skipIf(missing(requirements.fixtures))(
    'import m365 -o FILE, and on standard output from the working folder',
    async () => {
      const answer = join(m365Dir(), 'endpoints-worldwide-2025-12-01.terraform-provider-microsoft365.json');
      const file = join(tempDir('schema'), 'm365.yaml');
      expect((await run(['import', 'm365', answer, '-o', file])).code).toBe(0);
      expect(schemaOf(file)).toBe(join(repoRoot, 'schemas', 'catalog.schema.json'));
      const cwd = tempDir('schema');
      const printed = await run(['import', 'm365', answer], {}, cwd);
      writeFileSync(join(cwd, 'printed.yaml'), printed.out);
      expect(schemaOf(join(cwd, 'printed.yaml'))).toBe(join(repoRoot, 'schemas', 'catalog.schema.json'));
    },
  );
});

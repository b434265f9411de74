import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'flowmatrix-catalog-new-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('flowmatrix catalog new', () => {
  it.each(['en', 'fr'])('writes a starter (--lang %s) that validates, shows and audits as is', async (lang) => {
    const file = join(dir, `starter-${lang}.yaml`);
    const made = await run(['catalog', 'new', `my-app-${lang}`, '--lang', lang, '-o', file]);
    expect(made.code, made.err).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\S*schemas\/catalog\.schema\.json\n/);
    expect(text).toContain(`id: my-app-${lang}`);
    for (const key of ['roles:', 'features:', 'parameters:', 'flows:']) expect(text).toContain(key);
    expect(text).toMatch(/services: \['tcp\/\$\{app_port\}'\]/);
    const valid = await run(['validate', file]);
    expect(valid.code, valid.err).toBe(0);
    const shown = await run(['catalog', 'show', file, '--format', 'csv', '--lang', lang]);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toContain(',tcp,8443,');
    const audited = await run(['audit', '--catalog', file]);
    expect(audited.code, audited.err).toBe(0);
  });

  it.each([
    ['in a folder of its own', undefined],
    ['with FLOWMATRIX_CATALOGS elsewhere', 'test/catalog/fixtures/builtins'],
  ])('names a schema that is there from where the file is (%s)', async (_, catalogs) => {
    const file = join(mkdtempSync(join(dir, 'sub-')), 'app.yaml');
    const saved = process.env.FLOWMATRIX_CATALOGS;
    if (catalogs !== undefined) process.env.FLOWMATRIX_CATALOGS = catalogs;
    try {
      expect((await run(['catalog', 'new', 'app', '-o', file])).code).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.FLOWMATRIX_CATALOGS;
      else process.env.FLOWMATRIX_CATALOGS = saved;
    }
    const schema = /^# yaml-language-server: \$schema=(\S+)\n/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
    expect(existsSync(resolve(dirname(file), schema)), schema).toBe(true);
    expect(resolve(dirname(file), schema)).toBe(resolve('schemas/catalog.schema.json'));
  });

  it('never replaces an existing file', async () => {
    const file = join(dir, 'taken.yaml');
    writeFileSync(file, 'mine\n');
    const r = await run(['catalog', 'new', 'taken', '-o', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('it already exists — choose another name, or remove the file first');
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
  });

  it('prints to standard output without -o, and refuses an id that is not one', async () => {
    const r = await run(['catalog', 'new', 'printed']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('id: printed\n');
    const bad = await run(['catalog', 'new', 'My App']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('ids are lowercase letters');
  });
});

describe('catalog commands take a file path as well as a built-in id', () => {
  it('shows and audits a catalog file; an unknown name says how to give a path', async () => {
    const shown = await run(['catalog', 'show', './examples/authoring/01-first-catalog.yaml', '--format', 'json']);
    expect(shown.code, shown.err).toBe(0);
    const catalog = JSON.parse(shown.out) as { id: string; flows: { id: string; ref: string }[] };
    expect(catalog.id).toBe('expenses');
    // In-house: a flow without `ref` is referenced by its id.
    expect(catalog.flows.map((f) => f.ref)).toEqual(catalog.flows.map((f) => f.id));
    const audited = await run(['audit', '--catalog', 'examples/authoring/03-vendor-document.yaml', '-f', 'json']);
    expect(audited.code, audited.err).toBe(0);
    expect(audited.out).toContain('source-contradiction');
    const unknown = await run(['catalog', 'show', 'hamiltn']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('did you mean "hamilton"?');
    expect(unknown.err).toContain('or give a path to a catalog file');
  });
});

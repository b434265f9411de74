import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listBuiltinCatalogs, loadBuiltinCatalog, loadCatalogFile, loadSiteFile } from '../../src/catalog/fs.js';
import { resolveCatalog } from '../../src/matrix/index.js';
import { isComplete, pick, type WrittenText } from '../../src/model/text.js';
import { formats } from '../../src/render/index.js';
import { run } from '../cli/run.js';
import { repoRoot } from '../support/catalogs.js';

/**
 * docs/writing-a-catalog.md cannot drift: every excerpt is in the file it names, every example file validates,
 * and every mistake it shows gives the output it shows.
 */
const GUIDE = readFileSync(`${repoRoot}docs/writing-a-catalog.md`, 'utf8');
const DIR = 'examples/authoring';
const BLOCK = /<!-- (example|output): (\S+) -->\n```(?:yaml|text)\n([\s\S]*?)```/g;
const blocks = [...GUIDE.matchAll(BLOCK)].map((m) => ({ kind: m[1], file: m[2] as string, body: m[3] as string }));

describe('docs/writing-a-catalog.md', () => {
  it('shows only excerpts of the files it names, and names every example file', () => {
    expect(blocks.length).toBeGreaterThan(10);
    for (const b of blocks.filter((x) => x.kind === 'example'))
      expect(readFileSync(`${repoRoot}${b.file}`, 'utf8'), b.file).toContain(b.body);
    const shown = new Set(blocks.map((b) => b.file));
    const files = [
      ...readdirSync(`${repoRoot}${DIR}`)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => `${DIR}/${f}`),
      ...readdirSync(`${repoRoot}${DIR}/mistakes`).map((f) => `${DIR}/mistakes/${f}`),
    ];
    for (const f of files) expect(shown, f).toContain(f);
  });

  it('says what validate says about each mistake', async () => {
    for (const b of blocks.filter((x) => x.kind === 'output')) {
      const r = await run(['validate', b.file]);
      expect(r.code, b.file).toBe(2);
      const lines = r.err.split('\n').filter((l) => l.startsWith(b.file));
      expect(`${lines.join('\n')}\n`, b.file).toBe(b.body);
    }
  });

  it('uses example catalogs and a site that validate as they are', async () => {
    const files = readdirSync(`${repoRoot}${DIR}`)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => `${DIR}/${f}`);
    const r = await run(['validate', ...files]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const site = loadSiteFile(`${repoRoot}${DIR}/site.yaml`);
    expect(site.ok && site.warnings).toEqual([]);
  });
});

/** Every `{ fr?, en? }` text of a value, found by shape. */
function texts(value: unknown, out: WrittenText[] = []): WrittenText[] {
  if (Array.isArray(value)) for (const v of value) texts(v, out);
  else if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length > 0 && keys.every((k) => k === 'fr' || k === 'en')) out.push(value as WrittenText);
    else for (const v of Object.values(value)) texts(v, out);
  }
  return out;
}

describe('texts in one language', () => {
  it('built-in catalogs keep both languages in every text', () => {
    for (const id of listBuiltinCatalogs()) {
      const loaded = loadBuiltinCatalog(id);
      if (!loaded.ok) throw new Error(id);
      const found = texts(loaded.value);
      expect(found.length, id).toBeGreaterThan(10);
      expect(
        found.filter((t) => !isComplete(t)),
        id,
      ).toEqual([]);
    }
  });

  it('pick marks the language that is missing, in the language of the document', () => {
    expect(pick({ en: 'Web server' }, 'fr')).toBe('[fr manquant] Web server');
    expect(pick({ fr: 'Serveur web' }, 'en')).toBe('[en missing] Serveur web');
    expect(pick({ fr: 'Serveur web' }, 'fr')).toBe('Serveur web');
    expect(pick({ fr: 'a', en: 'b' }, 'en')).toBe('b');
    expect(pick(undefined, 'en')).toBe('');
  });

  it('renders an English-only catalog in French with every text marked, in every document format', async () => {
    const loaded = loadCatalogFile(`${repoRoot}${DIR}/03-vendor-document.yaml`);
    if (!loaded.ok) throw new Error('load');
    const resolved = resolveCatalog(loaded.value);
    if (!resolved.ok) throw new Error('resolve');
    const show = async (format: 'md' | 'csv' | 'html' | 'mermaid'): Promise<string> =>
      String(await formats[format].render(resolved.value, { lang: 'fr' }));
    for (const format of ['md', 'csv', 'html', 'mermaid'] as const) {
      const out = await show(format);
      expect(out, format).not.toContain('undefined');
      expect(out, format).toContain('fr manquant');
    }
    const md = await show('md');
    expect(md).toContain('[fr manquant\\] Badge reader');
    expect(md).toContain('[fr manquant\\] A member of staff badges in');
    // The text written in French stays French.
    expect(md).toContain('Pas une ligne du tableau 1');
  });

  it('says a catalog without source is in-house', async () => {
    const r = await run(['catalog', 'show', `${DIR}/01-first-catalog.yaml`, '--lang', 'en']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('in-house catalog, no source document');
    const fr = await run(['catalog', 'show', `${DIR}/01-first-catalog.yaml`, '--lang', 'fr']);
    expect(fr.out).toContain('catalogue interne, sans document source');
  });
});

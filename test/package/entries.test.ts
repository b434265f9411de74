import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/catalogs.js';
import { specifiers, walkImports } from './import-graph.js';

/**
 * The package's two entries (package.json `exports`): `flowmatrix` is pure (a browser bundle can hold it: no `node:`
 * module, no Node-only package anywhere in its imports); `flowmatrix/node` adds files, YAML text and XLSX.
 */
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  exports: Record<string, { types: string; import: string } | string>;
};
const builtins = new Set(builtinModules);
/** Dependencies that need Node (native code, sockets, file streams). */
const NODE_ONLY = ['pg', '@node-rs/argon2', '@hono/node-server', 'cli-progress', 'exceljs', 'commander'];
const nodeOnly = (spec: string): boolean =>
  spec.startsWith('node:') ||
  builtins.has(spec.split('/')[0] as string) ||
  NODE_ONLY.some((p) => spec === p || spec.startsWith(`${p}/`));

describe('package entries', () => {
  it('export flowmatrix and flowmatrix/node, each from its own source file', () => {
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
    expect(pkg.exports['./node']).toEqual({ types: './dist/node.d.ts', import: './dist/node.js' });
  });

  it('flowmatrix imports nothing a browser lacks, however deep', () => {
    const { files, problems } = walkImports(join(repoRoot, 'src/index.ts'), repoRoot, nodeOnly);
    expect(files.length).toBeGreaterThan(100);
    expect(problems.map((p) => `${p.file} imports ${p.specifier} (via ${p.via.join(' > ') || 'the entry'})`)).toEqual(
      [],
    );
  });

  it('the walker sees what the node entry adds (it can fail)', () => {
    const { problems } = walkImports(join(repoRoot, 'src/node.ts'), repoRoot, nodeOnly);
    expect(problems.map((p) => p.specifier)).toContain('node:fs');
    expect(
      specifiers("import type { A } from 'node:fs';\nexport { b } from './b.js';\nawait import('node:zlib');"),
    ).toEqual(['./b.js', 'node:zlib']);
  });

  it('flowmatrix gives the pipeline and the audit; flowmatrix/node adds loaders and every format', async () => {
    const pure = await import('../../src/index.js');
    for (const name of ['resolveSite', 'generate', 'runAudit', 'auditSite', 'verifyFirewall', 'textFormats', 'audit'])
      expect(pure, name).toHaveProperty(name);
    expect(pure).not.toHaveProperty('loadSiteFile');
    expect(Object.keys(pure.textFormats)).not.toContain('xlsx');
    const node = await import('../../src/node.js');
    for (const name of Object.keys(pure)) expect(node, name).toHaveProperty(name);
    for (const name of ['loadSiteFile', 'loadCatalogFile', 'parseSiteText', 'formats'])
      expect(node, name).toHaveProperty(name);
    expect(Object.keys(node.formats)).toContain('xlsx');
  });

  it('a site read with flowmatrix/node goes through the pure pipeline', async () => {
    const { loadSiteFile, resolveSite, textFormats, generate, runAudit } = await import('../../src/node.js');
    const loaded = loadSiteFile(join(repoRoot, 'examples/hamilton-site.yaml'));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const matrix = resolveSite(loaded.value);
    expect(matrix.ok).toBe(true);
    if (!matrix.ok) return;
    expect(textFormats.csv.render(matrix.value, { lang: 'en' })).toContain('hamilton');
    expect(generate(matrix.value, { firewall: 'fw-internal' }).ok).toBe(true);
    expect(runAudit).toBeTypeOf('function');
  });

  /** A browser library build of one entry with Vite: its warnings and whether Node modules were stubbed out. */
  async function browserBundle(entry: string): Promise<{ warnings: string[]; stubbed: boolean; imports: string[] }> {
    const { build } = await import('vite');
    const warnings: string[] = [];
    const out = await build({
      root: repoRoot,
      configFile: false,
      logLevel: 'silent',
      build: {
        write: false,
        minify: false,
        lib: { entry: join(repoRoot, entry), formats: ['es'], fileName: 'bundle' },
        rollupOptions: { onwarn: (w) => warnings.push(String(w.message ?? w)) },
      },
    });
    const chunks = (Array.isArray(out) ? out : [out])
      .flatMap((o) => ('output' in o ? o.output : []))
      .filter((o) => o.type === 'chunk');
    return {
      warnings,
      stubbed: chunks.some((c) => /__vite-browser-external|from "node:/.test(c.code)),
      imports: chunks.flatMap((c) => c.imports),
    };
  }

  it('flowmatrix bundles for the browser with Vite: no Node module stubbed out, nothing left to import', async () => {
    const pure = await browserBundle('src/index.ts');
    expect(pure.warnings).toEqual([]);
    expect(pure.stubbed).toBe(false);
    expect(pure.imports).toEqual([]);
    // The same build of flowmatrix/node does stub Node's modules out: the check can fail.
    const node = await browserBundle('src/node.ts');
    expect(node.stubbed).toBe(true);
  }, 120_000);
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/catalogs.js';
import { importLines } from './import-graph.js';

/**
 * The folders of src/ depend one way, along the pipeline: load → resolve → matrix → ruleset → print / verify / diff.
 * A folder imports only from its own tier or a lower one; inside a tier the folders are peers, and their imports
 * must not go round a cycle. Every import counts: `import … from`, `export … from`, `import('…')`, and `import type`
 * too (erased from the JavaScript, but a type that reaches upwards is the same knot; there is none left). The files
 * at the root of src/ are the package's entries.
 */
const TIERS: readonly (readonly string[])[] = [
  ['util'],
  ['net'],
  ['model'],
  ['ruleset'],
  ['catalog', 'import'], // load
  ['matrix'], // resolve
  ['targets', 'render', 'audit', 'verify', 'diff', 'probe'], // the outputs
  ['store'],
  ['server'],
  ['cli'],
  ['index.ts', 'node.ts'], // the entries: flowmatrix and flowmatrix/node
];

/** src/a/b.ts → a; src/index.ts → index.ts. */
const folderOf = (file: string): string => file.split('/')[1] as string;

/**
 * The imports between folders that go against `tiers`: to a higher tier, or round a cycle of peers. `sources` maps
 * each file (`src/…/x.ts`) to its text.
 */
function layerProblems(sources: ReadonlyMap<string, string>, tiers: readonly (readonly string[])[]): string[] {
  const tier = new Map(tiers.flatMap((folders, i) => folders.map((f) => [f, i] as const)));
  const problems: string[] = [];
  const crossings = new Map<string, { from: string; to: string; at: string[] }>();
  for (const [file, source] of sources) {
    const from = folderOf(file);
    if (!tier.has(from)) problems.push(`${file}: folder ${from} has no tier`);
    for (const { specifier, line, typeOnly } of importLines(source)) {
      if (!specifier.startsWith('.')) continue;
      const target = join(dirname(file), specifier.replace(/\.js$/, '.ts'));
      const at = `${file}:${line}${typeOnly ? ' (type-only)' : ''}`;
      if (!sources.has(target)) {
        problems.push(`${at} imports ${specifier}: no such source`);
        continue;
      }
      const to = folderOf(target);
      if (to === from) continue;
      const [a, b] = [tier.get(from) ?? -1, tier.get(to) ?? -1];
      if (b > a) problems.push(`${at} imports ${specifier}: ${from} is below ${to}`);
      else if (a === b) {
        const key = `${from} → ${to}`;
        const crossing = crossings.get(key) ?? { from, to, at: [] };
        crossing.at.push(at);
        crossings.set(key, crossing);
      }
    }
  }
  // Peers in a cycle: each folder that reaches back to itself through its peers.
  const next = new Map<string, string[]>();
  for (const { from, to } of crossings.values()) next.set(from, [...(next.get(from) ?? []), to]);
  const reaches = (start: string, goal: string): boolean => {
    const seen = new Set<string>();
    const queue = [start];
    while (queue.length > 0) {
      const folder = queue.shift() as string;
      if (folder === goal) return true;
      if (seen.has(folder)) continue;
      seen.add(folder);
      queue.push(...(next.get(folder) ?? []));
    }
    return false;
  };
  for (const { from, to, at } of crossings.values())
    if (reaches(to, from))
      for (const where of at) problems.push(`${where}: ${from} → ${to} closes a cycle back to ${from}`);
  return problems;
}

/** Every TypeScript source under src/, by its path from the repository (`src/…`). */
function sourcesOf(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) out.set(relative(root, path), readFileSync(path, 'utf8'));
    }
  };
  walk(join(root, 'src'));
  return out;
}

describe('layers', () => {
  const sources = sourcesOf(repoRoot);

  it('every folder of src/ has its tier', () => {
    const folders = new Set([...sources.keys()].map(folderOf));
    expect([...folders].sort()).toEqual(TIERS.flat().sort());
    expect(existsSync(join(repoRoot, 'src/index.ts'))).toBe(true);
  });

  it('src/ imports only downwards, and peers make no cycle (file:line of each import that does)', () => {
    expect(sources.size).toBeGreaterThan(500);
    expect(layerProblems(sources, TIERS)).toEqual([]);
  });

  it('the check can fail: an import upwards, a cycle of peers, a missing file', () => {
    const files = new Map([
      ['src/net/a.ts', "import { m } from '../model/m.js';\n"],
      ['src/model/m.ts', "export const m = 1;\nimport type { A } from '../cli/c.js';\n"],
      ['src/cli/c.ts', "export type A = 1;\nexport { x } from './gone.js';\n"],
      ['src/render/r.ts', "import { v } from '../verify/v.js';\n"],
      ['src/verify/v.ts', "export const v = 1;\nawait import('../render/r.js');\n"],
      ['src/audit/a.ts', "import {\n  v,\n} from '../verify/v.js';\n"],
    ]);
    expect(layerProblems(files, TIERS)).toEqual([
      'src/net/a.ts:1 imports ../model/m.js: net is below model',
      'src/model/m.ts:2 (type-only) imports ../cli/c.js: model is below cli',
      'src/cli/c.ts:2 imports ./gone.js: no such source',
      'src/render/r.ts:1: render → verify closes a cycle back to render',
      'src/verify/v.ts:2: verify → render closes a cycle back to verify',
    ]);
  });
});

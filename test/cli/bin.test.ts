import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/catalogs.js';

const exec = promisify(execFile);

/**
 * A copy of the layout bin/flowmatrix.js looks at, with the real bin and the real tsx, where each entry point
 * only says which one ran: the test sees the choice, not a timing.
 */
function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'flowmatrix-bin-'));
  mkdirSync(join(root, 'bin'));
  copyFileSync(join(repoRoot, 'bin/flowmatrix.js'), join(root, 'bin/flowmatrix.js'));
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  mkdirSync(join(root, 'src/cli'), { recursive: true });
  mkdirSync(join(root, 'src/model/deep'), { recursive: true });
  // Type annotations: only tsx can run this one.
  writeFileSync(join(root, 'src/cli/main.ts'), "const ran: string = 'src';\nconsole.log(ran);\n");
  writeFileSync(join(root, 'src/model/deep/file.ts'), 'export {};\n');
  mkdirSync(join(root, 'dist/cli'), { recursive: true });
  writeFileSync(join(root, 'dist/cli/main.js'), "console.log('dist');\n");
  return root;
}

const at = (root: string, path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds);
/** Every source entry at t=1000, the build at t=2000: a fresh build. */
function freshBuild(root: string): void {
  for (const p of ['src', 'src/cli', 'src/cli/main.ts', 'src/model', 'src/model/deep', 'src/model/deep/file.ts'])
    at(root, p, 1000);
  at(root, 'dist/cli/main.js', 2000);
}
const ranFrom = async (root: string) =>
  (await exec(process.execPath, [join(root, 'bin/flowmatrix.js')], { cwd: root })).stdout.trim();

describe('bin/flowmatrix.js', () => {
  it('runs the build when it is at least as new as every source, the sources through tsx otherwise', async () => {
    const root = tree();
    try {
      freshBuild(root);
      expect(await ranFrom(root)).toBe('dist');
      at(root, 'dist/cli/main.js', 1000); // built the same second as the last edit
      expect(await ranFrom(root)).toBe('dist');

      freshBuild(root);
      at(root, 'src/model/deep/file.ts', 3000); // a source edited after the build, deep down
      expect(await ranFrom(root)).toBe('src');

      freshBuild(root);
      at(root, 'src/model/deep', 3000); // a source removed after the build: only its folder changed
      expect(await ranFrom(root)).toBe('src');

      freshBuild(root);
      rmSync(join(root, 'dist'), { recursive: true }); // never built
      expect(await ranFrom(root)).toBe('src');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);

  it('runs the bundle made from the build, the build itself when the bundle is older or the build stale', async () => {
    const root = tree();
    try {
      mkdirSync(join(root, 'dist/cli-bundle'));
      writeFileSync(join(root, 'dist/cli-bundle/main.js'), "console.log('bundle');\n");
      freshBuild(root);
      at(root, 'dist/cli-bundle/main.js', 2000);
      expect(await ranFrom(root)).toBe('bundle');
      at(root, 'dist/cli-bundle/main.js', 1500); // `tsc` ran again after the bundle was made
      expect(await ranFrom(root)).toBe('dist');
      at(root, 'dist/cli-bundle/main.js', 2500);
      at(root, 'src/cli/main.ts', 3000); // a source edited after both
      expect(await ranFrom(root)).toBe('src');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);

  it('runs the build of an installed package, which has no sources', async () => {
    const root = tree();
    try {
      rmSync(join(root, 'src'), { recursive: true });
      expect(await ranFrom(root)).toBe('dist');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

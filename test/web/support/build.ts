import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildWeb } from '../../../scripts/build-web.mjs';

const root = new URL('../../../', import.meta.url).pathname;
export const webDist = join(root, 'dist/web');
const lockDir = join(root, 'dist/.web-build.lock');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  try {
    return statSync(join(webDist, 'index.html')).mtimeMs >= newestMtime(join(root, 'web'));
  } catch {
    return false;
  }
}

/**
 * Builds `web/` into `dist/web/` when the build is missing or older than a source file. Test files run in parallel
 * workers, so one builds (a lock directory) while the others wait for it; a stale lock (a killed run) is broken.
 */
export async function ensureWebBuilt(): Promise<string> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (isFresh()) return webDist;
    mkdirSync(join(root, 'dist'), { recursive: true });
    try {
      mkdirSync(lockDir);
    } catch {
      if (Date.now() - statSync(lockDir).mtimeMs > 120_000) rmSync(lockDir, { recursive: true, force: true });
      await sleep(200);
      continue;
    }
    try {
      if (!isFresh()) await buildWeb({ quiet: true });
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
    return webDist;
  }
  throw new Error('timed out waiting for another test worker to build the web app');
}

#!/usr/bin/env node
// Runs the build (dist/, its bundle when there is one) whenever it is at least as new as every file and folder
// under src/ — always so in an installed package (no src/), and in a clone after `npm install` (prepare) or
// `npm run build`. When the sources
// are newer (edited, pulled) or dist/ is missing, runs them through tsx instead, so the CLI never lags behind them.
// The check walks src/ (~200 entries, ~2 ms); tsx costs ~0.5 s more per run and compiled code is faster.
// No V8 flag: a larger young generation (64 MiB semi-spaces) once cut garbage collection at 10k flows, but since the
// printers keep fewer intermediate strings it costs time and ~200 MiB at 100k terms (bench/README.md, "Generate
// speed and memory").
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = `${root}/dist/cli/main.js`;
const sourceDir = `${root}/src`;

/** The latest change under a folder: files, and folders too (removing or renaming a file changes its folder). */
function newestChange(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    const changed = entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs;
    if (changed > newest) newest = changed;
  }
  return newest;
}

const builtAt = existsSync(built) ? statSync(built).mtimeMs : undefined;
const fresh = builtAt !== undefined && (!existsSync(sourceDir) || newestChange(sourceDir) <= builtAt);
// The bundle (scripts/bundle-cli.mjs) loads ~0.25 s faster; it is used only when made from this very build.
const bundle = `${root}/dist/cli-bundle/main.js`;
const bundled = fresh && existsSync(bundle) && statSync(bundle).mtimeMs >= builtAt;
if (bundled) {
  await import(new URL('../dist/cli-bundle/main.js', import.meta.url).href);
} else if (fresh) {
  await import(new URL('../dist/cli/main.js', import.meta.url).href);
} else if (existsSync(`${root}/node_modules/tsx`)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
} else if (builtAt !== undefined) {
  process.stderr.write('flowmatrix: dist/ is older than src/ and tsx is not installed — run `npm run build`\n');
  await import(new URL('../dist/cli/main.js', import.meta.url).href);
} else {
  process.stderr.write('flowmatrix: no build (dist/) and no tsx — run `npm install` (it builds) or `npm run build`\n');
  process.exitCode = 2;
}

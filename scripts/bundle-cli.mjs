#!/usr/bin/env node
/**
 * Bundles the built CLI (`dist/cli/main.js`, from `tsc`) into `dist/cli-bundle/`: our modules and the small pure
 * libraries they import in a few files, each command's code still a chunk loaded when it runs. Node then reads a
 * handful of files instead of ~500 modules: a small `generate` goes from ~0.6 to ~0.35 s on the 2-core CI machine
 * (bench/README.md, "Generate speed and memory"). bin/flowmatrix.js runs the bundle when it is as new as dist/cli.
 * Packages with native code, WebAssembly or files of their own found at run time stay in node_modules, as do the
 * web server's (loaded by `serve` only). esbuild is a dev dependency: where it is absent, no bundle is made and bin
 * runs dist/cli as it is.
 */
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/cli-bundle`;

/** Left to node_modules: native or WebAssembly code, large CommonJS loaded lazily, and the server's stack. */
const EXTERNAL = [
  '@electric-sql/pglite',
  '@node-rs/argon2',
  'exceljs',
  'pg',
  'kysely',
  'hono',
  '@hono/node-server',
  '@hono/zod-validator',
  'openid-client',
  'jose',
];

export async function bundleCli({ quiet = false } = {}) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    if (!quiet) console.error('bundle-cli: esbuild is not installed; bin/flowmatrix.js runs dist/cli unbundled');
    return false;
  }
  if (!existsSync(`${root}dist/cli/main.js`)) throw new Error('dist/cli/main.js is missing: run tsc first');
  rmSync(out, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [`${root}dist/cli/main.js`],
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // CommonJS dependencies bundled into ESM still call require() for node's own modules.
    banner: {
      js: "import { createRequire as __flowmatrixRequire } from 'node:module'; const require = __flowmatrixRequire(import.meta.url);",
    },
    logLevel: quiet ? 'error' : 'warning',
  });
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  bundleCli().catch((err) => {
    console.error(`bundle-cli: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}

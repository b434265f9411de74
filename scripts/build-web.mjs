#!/usr/bin/env node
/**
 * Builds the browser app (`web/`) into `dist/web/`, which `flowmatrix serve` serves. Run by `npm run prepare`
 * (so `npm install` / `npm ci` leave a ready app) and by the browser tests when `dist/web` is older than `web/`.
 * Vite is a dev dependency: where it is absent (a production install), the prebuilt `dist/web` is kept.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildWeb({ quiet = false } = {}) {
  let vite;
  try {
    vite = await import('vite');
  } catch {
    if (existsSync(`${root}dist/web/index.html`)) return;
    throw new Error('vite is missing: run `npm install` (with dev dependencies) to build the web app');
  }
  await vite.build({
    configFile: `${root}web/vite.config.ts`,
    logLevel: quiet ? 'warn' : 'info',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWeb().catch((err) => {
    console.error(`build-web: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}

import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { ensureWebBuilt } from './build.js';

/** Which databases the browser tests run over: PGlite always, PostgreSQL too when a test database is given. */
export const DATABASES: readonly ('pglite' | 'postgres')[] = process.env.FLOWMATRIX_TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

export const ADMIN_PASSWORD = 'correct horse battery staple 42';

export interface RunningServer {
  readonly url: string;
  readonly database: 'pglite' | 'postgres';
  close(): Promise<void>;
}

// The server modules, loaded once they exist on this branch (they are built in parallel on `web-server`).
interface ServerModules {
  openStore(o: { db: string; schema?: string }): Promise<{ close(): Promise<void> }>;
  createApp(o: { store: unknown; options?: Record<string, unknown> }): {
    fetch: (r: Request) => Response | Promise<Response>;
  };
  seedStore(store: unknown, o: { adminPassword: string }): Promise<unknown>;
}
const serverModule = '../../../src/server/testing.js';

/**
 * The real server in this process on a free loopback port: a fresh PGlite directory (or a fresh PostgreSQL schema),
 * migrated and seeded as `flowmatrix serve` does on first run (built-in catalogs, example sites, `admin` with
 * ADMIN_PASSWORD), serving the web app built from `web/`.
 */
export async function startServer(database: 'pglite' | 'postgres' = 'pglite'): Promise<RunningServer> {
  const webDir = await ensureWebBuilt();
  const { openStore, createApp, seedStore } = (await import(serverModule)) as ServerModules;
  const dir = mkdtempSync(join(tmpdir(), 'fm-web-'));
  const schema = `fm_web_${process.pid}_${Date.now().toString(36)}`;
  const store =
    database === 'postgres'
      ? await openStore({ db: process.env.FLOWMATRIX_TEST_DATABASE_URL as string, schema })
      : await openStore({ db: join(dir, 'db') });
  await seedStore(store, { adminPassword: ADMIN_PASSWORD });
  const app = createApp({
    store,
    options: { webDir, secureCookies: false, loginLimit: { max: 1000, windowMs: 60_000 } },
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

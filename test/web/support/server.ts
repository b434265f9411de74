import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../../../src/server/app.js';
import { hashPassword } from '../../../src/server/auth.js';
import type { ServerOptions } from '../../../src/server/context.js';
import { openStore, type Store } from '../../../src/store/open.js';
import { seed } from '../../../src/store/seed.js';
import { REQUIRE_SYSTEM } from '../../support/system.js';
import { ensureWebBuilt } from './build.js';

const TEST_DATABASE_URL = process.env.FLOWMATRIX_TEST_DATABASE_URL;
if (!TEST_DATABASE_URL && REQUIRE_SYSTEM)
  throw new Error(
    'FLOWMATRIX_REQUIRE_SYSTEM=1 and FLOWMATRIX_TEST_DATABASE_URL is not set: the browser journeys run on PostgreSQL too (.ci/run starts one)',
  );

/**
 * Which databases the browser tests run over: PGlite always, PostgreSQL too when a test database is given (the
 * same journeys on both; under FLOWMATRIX_REQUIRE_SYSTEM=1 it must be given).
 */
export const DATABASES: readonly ('pglite' | 'postgres')[] = TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export const ADMIN_PASSWORD = 'correct horse battery staple 42';

export interface RunningServer {
  readonly url: string;
  readonly database: 'pglite' | 'postgres';
  /** The server's store, for setting up what no route makes (a catalog updated with the package). */
  readonly store: Store;
  close(): Promise<void>;
}

/**
 * The real server in this process on a free loopback port: a fresh PGlite directory (or a fresh PostgreSQL schema),
 * migrated and seeded as `flowmatrix serve` does on first run (built-in catalogs, example sites, `admin` with
 * ADMIN_PASSWORD), serving the web app built from `web/`. `extra` gives more server options once the URL is known
 * (an OIDC provider needs the callback address).
 */
export async function startServer(
  database: 'pglite' | 'postgres' = 'pglite',
  extra: (url: string) => Promise<ServerOptions> | ServerOptions = () => ({}),
): Promise<RunningServer> {
  const webDir = await ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'fm-web-'));
  const schema = `fm_web_${randomBytes(6).toString('hex')}`;
  const store =
    database === 'postgres'
      ? await openStore({ db: TEST_DATABASE_URL as string, schema })
      : await openStore({ db: join(dir, 'db') });
  await seed(store, { adminPassword: ADMIN_PASSWORD, hashPassword });
  // The app is made once the port is known; nothing reaches the server before it resolves.
  let app: ReturnType<typeof createApp> | undefined;
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve(
      { fetch: (req, env) => (app as ReturnType<typeof createApp>).fetch(req, env), hostname: '127.0.0.1', port: 0 },
      () => resolve(s),
    );
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  app = createApp({
    store,
    options: { webDir, secureCookies: false, loginLimit: { max: 1000, windowMs: 60_000 }, ...(await extra(url)) },
  });
  return {
    url,
    database,
    store,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      if (database === 'postgres') await dropSchema(TEST_DATABASE_URL as string, schema);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The fresh schema of a PostgreSQL run goes with the server. */
async function dropSchema(url: string, schema: string): Promise<void> {
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  } finally {
    await admin.end();
  }
}

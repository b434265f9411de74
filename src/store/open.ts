import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import { migrate } from './migrations.js';
import { pgliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

/** An open database: the Kysely handle, which driver serves it, and how to close it. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly driver: 'pglite' | 'postgres';
  /** Where the data lives, for the start-up message (a directory, or the URL without its password). */
  readonly location: string;
  /** PostgreSQL: the schema worked in, when not the default. */
  readonly schema?: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A data directory (PGlite), `memory://` (PGlite, nothing kept), or a `postgres://` URL. */
  readonly db: string;
  /** PostgreSQL only: work in this schema (created when missing). Tests use one fresh schema each. */
  readonly schema?: string;
}

export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//i.test(db);

/** Opens the store and brings it to the latest schema. */
export async function openStore(options: OpenOptions): Promise<Store> {
  const store = isPostgresUrl(options.db)
    ? await openPostgres(options.db, options.schema)
    : await openPglite(options.db);
  try {
    await migrate(store.db as Kysely<unknown>, options.schema);
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}

async function openPglite(dir: string): Promise<Store> {
  // Loaded on demand: the PostgreSQL path does not pay for the WebAssembly module.
  const { PGlite } = await import('@electric-sql/pglite');
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir.startsWith('memory://') ? {} : { dataDir: dir });
  const db = new Kysely<Database>({ dialect: pgliteDialect(client) });
  return {
    db,
    driver: 'pglite',
    location: dir,
    close: async () => {
      await db.destroy();
      if (!client.closed) await client.close();
    },
  };
}

async function openPostgres(url: string, schema: string | undefined): Promise<Store> {
  const pg = (await import('pg')).default;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name "${schema}"`);
  if (schema !== undefined) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    driver: 'postgres',
    location: redactUrl(url),
    ...(schema !== undefined ? { schema } : {}),
    close: () => db.destroy(),
  };
}

/** The URL as it may be printed: without its password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

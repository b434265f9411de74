import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

const TABLES = [
  `CREATE TABLE users (
    id serial PRIMARY KEY,
    username text NOT NULL UNIQUE,
    display_name text NOT NULL,
    password_hash text,
    role text NOT NULL CHECK (role IN ('viewer','requester','approver','implementer','admin')),
    locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('fr','en')),
    disabled boolean NOT NULL DEFAULT false,
    oidc_subject text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE sessions (
    id text PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
  )`,
  `CREATE TABLE api_tokens (
    id serial PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name text NOT NULL,
    token_hash text NOT NULL UNIQUE,
    scope text NOT NULL CHECK (scope IN ('read','write')),
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
  )`,
  `CREATE TABLE catalogs (
    id text PRIMARY KEY,
    built_in boolean NOT NULL,
    current_version integer NOT NULL
  )`,
  `CREATE TABLE catalog_versions (
    catalog_id text NOT NULL REFERENCES catalogs(id),
    version integer NOT NULL,
    yaml text NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    by integer REFERENCES users(id),
    message text NOT NULL,
    PRIMARY KEY (catalog_id, version)
  )`,
  `CREATE TABLE sites (
    id serial PRIMARY KEY,
    name text NOT NULL,
    current_version integer NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by integer REFERENCES users(id),
    deleted_at timestamptz
  )`,
  `CREATE UNIQUE INDEX sites_live_name ON sites (name) WHERE deleted_at IS NULL`,
  `CREATE TABLE site_versions (
    site_id integer NOT NULL REFERENCES sites(id),
    version integer NOT NULL,
    yaml text NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    by integer REFERENCES users(id),
    message text NOT NULL,
    PRIMARY KEY (site_id, version)
  )`,
  `CREATE TABLE saved_views (
    id serial PRIMARY KEY,
    site_id integer NOT NULL REFERENCES sites(id),
    user_id integer NOT NULL REFERENCES users(id),
    name text NOT NULL,
    query text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE runs (
    id serial PRIMARY KEY,
    site_id integer NOT NULL REFERENCES sites(id),
    kind text NOT NULL CHECK (kind IN ('verify','probe')),
    firewall text,
    site_version integer NOT NULL,
    report jsonb NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    by integer NOT NULL REFERENCES users(id)
  )`,
  `CREATE TABLE change_requests (
    id serial PRIMARY KEY,
    site_id integer NOT NULL REFERENCES sites(id),
    title text NOT NULL,
    description text NOT NULL,
    yaml text NOT NULL,
    base_version integer NOT NULL,
    state text NOT NULL CHECK (state IN ('draft','submitted','approved','rejected','implemented','verified')),
    requester_id integer NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE change_comments (
    id serial PRIMARY KEY,
    change_id integer NOT NULL REFERENCES change_requests(id),
    author_id integer NOT NULL REFERENCES users(id),
    text text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE change_evidence (
    id serial PRIMARY KEY,
    change_id integer NOT NULL REFERENCES change_requests(id),
    run_id integer NOT NULL REFERENCES runs(id),
    by integer NOT NULL REFERENCES users(id),
    at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE change_transitions (
    id serial PRIMARY KEY,
    change_id integer NOT NULL REFERENCES change_requests(id),
    from_state text NOT NULL,
    to_state text NOT NULL,
    by integer NOT NULL REFERENCES users(id),
    at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE change_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    actor_id integer,
    actor text NOT NULL,
    entity text NOT NULL,
    entity_id text NOT NULL,
    action text NOT NULL,
    before jsonb,
    after jsonb
  )`,
  `CREATE INDEX change_log_entity ON change_log (entity, entity_id)`,
  `CREATE INDEX change_log_actor ON change_log (actor)`,
];

/** The log is append-only in the database itself: whoever holds the connection cannot rewrite history. */
const APPEND_ONLY = [
  `CREATE FUNCTION change_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'change_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END $$`,
  `CREATE TRIGGER change_log_no_update BEFORE UPDATE OR DELETE ON change_log
    FOR EACH ROW EXECUTE FUNCTION change_log_refuse()`,
  `CREATE TRIGGER change_log_no_truncate BEFORE TRUNCATE ON change_log
    FOR EACH STATEMENT EXECUTE FUNCTION change_log_refuse()`,
];

/**
 * The one migration set, for PGlite and PostgreSQL alike (PGlite is PostgreSQL, so the SQL is the same).
 * Append new migrations; never edit one that has shipped.
 */
const migrations: Record<string, Migration> = {
  '0001-initial': {
    async up(db: Kysely<unknown>) {
      for (const statement of TABLES) await sql.raw(statement).execute(db);
      for (const statement of APPEND_ONLY) await sql.raw(statement).execute(db);
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the database to the latest schema; throws with the failing migration's name. */
export async function migrate(db: Kysely<unknown>, schema?: string): Promise<void> {
  // In a named schema, Kysely's bookkeeping tables are named with it: else it may take another schema's for ours.
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

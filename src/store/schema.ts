import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** The tables, as Kysely sees them. One migration set (migrations.ts) creates them on PGlite and PostgreSQL alike. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in (`DEFAULT now()`). */
type Now = ColumnType<Date, Date | string | undefined, Date | string>;
type MaybeTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** JSON columns: written as text (JSON.stringify), read back parsed. */
type Json = ColumnType<unknown, string, string>;

export const ROLES = ['viewer', 'requester', 'approver', 'implementer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  /** Argon2id hash; null for OIDC-only accounts. */
  password_hash: string | null;
  role: Role;
  locale: 'fr' | 'en';
  disabled: Generated<boolean>;
  /** `issuer|subject` of an OIDC identity. */
  oidc_subject: string | null;
  created_at: Now;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value: a stolen database does not give live sessions. */
  id: string;
  user_id: number;
  created_at: Now;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  scope: 'read' | 'write';
  expires_at: Timestamp;
  created_at: Now;
  revoked_at: MaybeTimestamp;
}

export interface CatalogsTable {
  id: string;
  built_in: boolean;
  current_version: number;
}

export interface CatalogVersionsTable {
  catalog_id: string;
  version: number;
  yaml: string;
  at: Now;
  by: number | null;
  message: string;
}

export interface SitesTable {
  id: Generated<number>;
  name: string;
  current_version: number;
  updated_at: Now;
  updated_by: number | null;
  deleted_at: MaybeTimestamp;
}

export interface SiteVersionsTable {
  site_id: number;
  version: number;
  yaml: string;
  at: Now;
  by: number | null;
  message: string;
}

export interface SavedViewsTable {
  id: Generated<number>;
  site_id: number;
  user_id: number;
  name: string;
  query: string;
  created_at: Now;
}

export interface RunsTable {
  id: Generated<number>;
  site_id: number;
  kind: 'verify' | 'probe';
  firewall: string | null;
  site_version: number;
  report: Json;
  at: Now;
  by: number;
}

export const CHANGE_STATES = ['draft', 'submitted', 'approved', 'rejected', 'implemented', 'verified'] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

export interface ChangeRequestsTable {
  id: Generated<number>;
  site_id: number;
  title: string;
  description: string;
  yaml: string;
  base_version: number;
  state: ChangeState;
  requester_id: number;
  created_at: Now;
  updated_at: Now;
}

export interface ChangeCommentsTable {
  id: Generated<number>;
  change_id: number;
  author_id: number;
  text: string;
  at: Now;
}

export interface ChangeEvidenceTable {
  id: Generated<number>;
  change_id: number;
  run_id: number;
  by: number;
  at: Now;
}

export interface ChangeTransitionsTable {
  id: Generated<number>;
  change_id: number;
  from_state: ChangeState;
  to_state: ChangeState;
  by: number;
  at: Now;
}

/** Append-only: triggers refuse UPDATE, DELETE and TRUNCATE (migrations.ts). */
export interface ChangeLogTable {
  id: Generated<string>;
  at: Now;
  actor_id: number | null;
  actor: string;
  entity: string;
  entity_id: string;
  action: string;
  before: Json | null;
  after: Json | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  catalogs: CatalogsTable;
  catalog_versions: CatalogVersionsTable;
  sites: SitesTable;
  site_versions: SiteVersionsTable;
  saved_views: SavedViewsTable;
  runs: RunsTable;
  change_requests: ChangeRequestsTable;
  change_comments: ChangeCommentsTable;
  change_evidence: ChangeEvidenceTable;
  change_transitions: ChangeTransitionsTable;
  change_log: ChangeLogTable;
}

export type User = Selectable<UsersTable>;
export type NewLogEntry = Insertable<ChangeLogTable>;

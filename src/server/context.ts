import type { Store } from '../store/open.js';
import type { Role } from '../store/schema.js';
import type { TableCache } from './matrix-table.js';
import type { LoginLimiter } from './rate-limit.js';
import type { ReadCache } from './read-cache.js';
import type { ModelCache } from './site-model.js';
import type { SiteHead } from './sites.js';

/** The signed-in user as routes see it. */
export interface AuthUser {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly locale: 'fr' | 'en';
}

export interface OidcOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Where the provider sends the browser back: `<public URL>/api/auth/oidc/callback`. */
  readonly redirectUri: string;
  /** Role given to a user the first time they sign in through OIDC. */
  readonly defaultRole?: Role;
  /** Allow an `http://` issuer (tests on loopback only). */
  readonly allowInsecure?: boolean;
}

export interface ServerOptions {
  /** Cookies marked Secure: `auto` (default) unless the request came over plain HTTP to a loopback host. */
  readonly secureCookies?: boolean | 'auto';
  readonly oidc?: OidcOptions;
  /** The built browser app (index.html + assets); not served when absent. */
  readonly webDir?: string;
  /** Session lifetime in hours (default 12). */
  readonly sessionHours?: number;
  /** Failed logins allowed per user and address in a window (default 5 per minute). */
  readonly loginLimit?: { readonly max: number; readonly windowMs: number };
  /** Load the most recently edited sites and build their grid tables in the background after start (warm.ts). */
  readonly warm?: boolean;
  /** The day audits are made for (`YYYY-MM-DD`); default today. */
  readonly today?: () => string;
}

/** A session as the cache keeps it: its user, and when it ends (checked at every hit). */
export interface CachedSession {
  readonly user: AuthUser;
  readonly expiresAt: number;
}

/** What every route may use: the store, the caches, the options. */
export interface AppContext {
  readonly store: Store;
  readonly models: ModelCache;
  readonly tables: TableCache;
  /** Session cookie hash → its user (see read-cache.ts for how long and when dropped). */
  readonly sessions: ReadCache<string, CachedSession>;
  /** Site id → its head; `0` → the list of live sites. Dropped at every site write (`forgetSites`). */
  readonly heads: ReadCache<number, SiteHead | readonly SiteHead[]>;
  readonly options: ServerOptions;
  readonly limiter: LoginLimiter;
}

export type AppEnv = {
  Variables: {
    app: AppContext;
    user: AuthUser | null;
    via: 'session' | 'token' | 'none';
    tokenScope: 'read' | 'write' | null;
    sessionHash: string | null;
  };
};

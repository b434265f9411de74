import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.js';
import { hashPassword } from '../../src/server/auth.js';
import type { AppEnv, ServerOptions } from '../../src/server/context.js';
import { openStore, type Store } from '../../src/store/open.js';
import { ROLES, type Role } from '../../src/store/schema.js';
import { seed } from '../../src/store/seed.js';
import { REQUIRE_SYSTEM } from '../support/system.js';

/**
 * The databases every store and API test runs on: the embedded one always, a PostgreSQL server when
 * FLOWMATRIX_TEST_DATABASE_URL names one (`.ci/run` starts one). Under FLOWMATRIX_REQUIRE_SYSTEM=1 it must.
 */
export type Driver = 'pglite' | 'postgres';

export function drivers(): Driver[] {
  const url = process.env.FLOWMATRIX_TEST_DATABASE_URL;
  if (!url && REQUIRE_SYSTEM)
    throw new Error(
      'FLOWMATRIX_REQUIRE_SYSTEM=1 and FLOWMATRIX_TEST_DATABASE_URL is not set (PostgreSQL: apt-get install -y postgresql; .ci/run starts one)',
    );
  if (!url)
    console.warn('skipping PostgreSQL: set FLOWMATRIX_TEST_DATABASE_URL=postgres://… to run these tests on it too');
  return url ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh, empty, migrated store: PGlite in memory, or a new schema on the PostgreSQL server (dropped by `close`). */
export async function freshStore(driver: Driver): Promise<Store> {
  if (driver === 'pglite') return openStore({ db: 'memory://' });
  const url = process.env.FLOWMATRIX_TEST_DATABASE_URL as string;
  const schema = `fm_test_${randomBytes(6).toString('hex')}`;
  const store = await openStore({ db: url, schema });
  return {
    ...store,
    close: async () => {
      const pg = (await import('pg')).default;
      await store.close();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

export const PASSWORD = 'correct horse battery staple';

/** A password each, one user per role, named after it. */
export async function addRoleUsers(store: Store): Promise<Record<Role, number>> {
  const hash = await hashPassword(PASSWORD);
  const ids = {} as Record<Role, number>;
  for (const role of ROLES) {
    const username = role === 'admin' ? 'root' : role;
    const row = await store.db
      .insertInto('users')
      .values({ username, display_name: `The ${role}`, password_hash: hash, role, locale: 'en', oidc_subject: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[role] = row.id;
  }
  return ids;
}

export interface TestServer {
  readonly store: Store;
  readonly app: Hono<AppEnv>;
  readonly users: Record<Role, number>;
  close(): Promise<void>;
}

/** A store seeded as on first run (catalogs, example sites, admin), a user per role, and the app over it. */
export async function testServer(driver: Driver, options: ServerOptions = {}): Promise<TestServer> {
  const store = await freshStore(driver);
  await seed(store, { hashPassword, adminPassword: PASSWORD });
  const users = await addRoleUsers(store);
  const app = createApp({ store, options: { today: () => '2026-06-01', ...options } });
  return { store, app, users, close: () => store.close() };
}

/**
 * A browser's view of the API: a cookie jar, the CSRF header on every non-GET call, JSON in and out. Calls the app
 * in process (`app.request`), the same code path as over a socket.
 */
export class Client {
  private readonly cookies = new Map<string, string>();
  csrf = '';
  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly base = 'http://127.0.0.1',
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.request(`${this.base}${path}`, {
      method,
      headers: {
        ...(cookie ? { Cookie: cookie } : {}),
        ...(method !== 'GET' && this.csrf ? { 'X-CSRF-Token': this.csrf } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    for (const set of res.headers.getSetCookie()) {
      const [pair = ''] = set.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/Max-Age=0/i.test(set) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body: unknown = {}) => this.request('POST', path, body);
  put = (path: string, body: unknown) => this.request('PUT', path, body);
  patch = (path: string, body: unknown) => this.request('PATCH', path, body);
  delete = (path: string) => this.request('DELETE', path);

  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely; the types live in src/server/api-types.ts
  async json<T = any>(res: Response | Promise<Response>): Promise<T> {
    return (await res).json() as Promise<T>;
  }

  /** GET /api/session for the CSRF token, then sign in. */
  async login(username: string, password = PASSWORD): Promise<Response> {
    const session = await this.json(this.get('/api/session'));
    this.csrf = session.csrfToken;
    const res = await this.post('/api/auth/login', { username, password });
    if (res.ok) this.csrf = (await res.clone().json()).csrfToken;
    return res;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

/** A client signed in as the user of `role` (see addRoleUsers). */
export async function signedIn(app: Hono<AppEnv>, role: Role): Promise<Client> {
  const client = new Client(app);
  const res = await client.login(role === 'admin' ? 'root' : role);
  if (!res.ok) throw new Error(`login as ${role} failed: ${res.status} ${await res.text()}`);
  return client;
}

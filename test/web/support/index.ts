import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { SiteSummary } from '../../../src/server/api-types.js';
import type { ServerOptions } from '../../../src/server/context.js';
import { missing, requirements } from '../../support/system.js';
import { launchChromium } from './browser.js';
import { ADMIN_PASSWORD, type RunningServer, startServer } from './server.js';

export { axeViolations, login, newPage, typeInto } from './browser.js';
export { ADMIN_PASSWORD, DATABASES } from './server.js';

/** The words a screen shows in `lang`: `w('Refusé', 'Denied')`. */
export const inLang =
  (lang: 'fr' | 'en') =>
  (fr: string, en: string): string =>
    lang === 'fr' ? fr : en;

/** Why the browser tests skip here (undefined: they run); throws under FLOWMATRIX_REQUIRE_SYSTEM=1. */
export const noBrowser = (): string | undefined => missing(requirements.chromium);

export interface WebContext {
  server: RunningServer;
  browser: Browser;
  /** The API as `admin`, for setting up data faster than through the screens. */
  api: ApiClient;
}

/**
 * For a `describe` block: one server over `database` and one Chromium for the whole file (cheap on 2 cores), closed
 * afterwards. Returns a holder filled in `beforeAll`. `extra`: more server options, given the server's URL.
 */
export function useWebServer(
  database: 'pglite' | 'postgres' = 'pglite',
  extra?: (url: string) => Promise<ServerOptions> | ServerOptions,
): WebContext {
  const ctx = {} as WebContext;
  beforeAll(async () => {
    const [server, browser] = await Promise.all([startServer(database, extra), launchChromium()]);
    ctx.server = server;
    ctx.browser = browser;
    ctx.api = await ApiClient.login(server.url, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  return ctx;
}

/** A minimal API client with a session cookie and the CSRF token (test set-up only; the screens use their own). */
export class ApiClient {
  private constructor(
    readonly base: string,
    private cookie: string,
    private csrf: string,
  ) {}

  static async login(base: string, username: string, password: string): Promise<ApiClient> {
    const first = await fetch(`${base}/api/session`);
    const anon = (await first.json()) as { csrfToken: string };
    const cookie0 = first.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': anon.csrfToken, cookie: cookie0 },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    const cookie =
      res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ') || cookie0;
    const session = (await (await fetch(`${base}/api/session`, { headers: { cookie } })).json()) as {
      csrfToken: string;
    };
    return new ApiClient(base, cookie, session.csrfToken);
  }

  /** A site of the database by name (the example sites are named after their files: `hamilton-site`). */
  async site(name: string): Promise<SiteSummary> {
    const found = (await this.call<SiteSummary[]>('GET', '/api/sites')).find((s) => s.name === name);
    if (!found) throw new Error(`no site named ${name} in the test database`);
    return found;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-csrf-token': this.csrf, cookie: this.cookie },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { z } from 'zod';
import { logChange } from '../../store/log.js';
import type { Route } from '../app.js';
import { checkPassword, csrfToken, forgetSessionsAfter, SESSION_COOKIE, secretHash, startSession } from '../auth.js';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { bodyOf, userOf } from '../input.js';
import { oidcCallback, oidcStart } from '../oidc.js';

const Login = z.strictObject({ username: z.string().min(1).max(200), password: z.string().min(1).max(1000) });
const Me = z.strictObject({ locale: z.enum(['fr', 'en']) });

/** The caller's address, for the login limit; `local` when the app is called in-process (tests). */
function addressOf(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

export const sessionRoutes: readonly Route[] = [
  [
    'GET /api/session',
    (c) => c.json({ user: c.var.user, csrfToken: csrfToken(c), oidc: c.var.app.options.oidc !== undefined }),
  ],
  [
    'POST /api/auth/login',
    async (c) => {
      const { username, password } = await bodyOf(c, Login);
      const { limiter, store } = c.var.app;
      const key = `${addressOf(c)}|${username.toLowerCase()}`;
      const wait = limiter.retryAfter(key);
      if (wait > 0) {
        c.header('Retry-After', String(Math.ceil(wait / 1000)));
        throw new ApiError(429, 'rate-limited', 'too many failed sign-ins', `wait ${Math.ceil(wait / 1000)} s`);
      }
      const row = await store.db
        .selectFrom('users')
        .select(['id', 'password_hash', 'disabled'])
        .where('username', '=', username)
        .executeTakeFirst();
      const ok = await checkPassword(row?.password_hash ?? null, password);
      if (!row || !ok || row.disabled) {
        limiter.fail(key);
        throw new ApiError(401, 'bad-credentials', 'wrong user name or password');
      }
      limiter.succeed(key);
      const csrf = await startSession(c, row.id);
      await logChange(store.db, { id: row.id, username }, { entity: 'session', entityId: row.id, action: 'login' });
      const user = await store.db
        .selectFrom('users')
        .select(['id', 'username', 'display_name as displayName', 'role', 'locale'])
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      // The CSRF cookie was renewed with the session: the page needs the new token.
      return c.json({ user, csrfToken: csrf });
    },
  ],
  [
    'POST /api/auth/logout',
    async (c) => {
      const cookie = getCookie(c, SESSION_COOKIE);
      if (cookie) {
        const id = secretHash(cookie);
        await c.var.app.store.db.deleteFrom('sessions').where('id', '=', id).execute();
        c.var.app.sessions.delete(id);
      }
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true });
    },
  ],
  ['GET /api/auth/oidc/start', oidcStart],
  ['GET /api/auth/oidc/callback', oidcCallback],
  [
    'PATCH /api/me',
    async (c) => {
      const { locale } = await bodyOf(c, Me);
      const user = userOf(c);
      await forgetSessionsAfter(c, () =>
        c.var.app.store.db.updateTable('users').set({ locale }).where('id', '=', user.id).execute(),
      );
      return c.json({ ...user, locale });
    },
  ],
];

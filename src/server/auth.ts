import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv, AuthUser, CachedSession } from './context.js';

export const SESSION_COOKIE = 'fm_session';
export const CSRF_COOKIE = 'fm_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/** A random secret for cookies and tokens (256 bits, URL-safe). */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** What the database keeps of a secret: its SHA-256, so a copy of the database opens no session. */
export const secretHash = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Argon2id (memory-hard), the library's defaults (19 MiB, 2 passes). */
/** The shortest password an account may have: the users API and the admin password given at start alike. */
export const MIN_PASSWORD_LENGTH = 12;

export const hashPassword = (password: string): Promise<string> => hash(password);

/** A hash nobody's password matches: unknown users cost as much as known ones (no timing oracle). */
let decoy: Promise<string> | undefined;

export async function checkPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    decoy ??= hash(newSecret());
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;

/** Secure unless configured off, or `auto` and the request came over plain HTTP to a loopback host. */
export function secureCookie(c: Context<AppEnv>): boolean {
  const setting = c.var.app.options.secureCookies ?? 'auto';
  if (setting !== 'auto') return setting;
  const url = new URL(c.req.url);
  return !(url.protocol === 'http:' && LOOPBACK.test(url.host));
}

export function setAppCookie(c: Context<AppEnv>, name: string, value: string, maxAgeSeconds?: number): void {
  setCookie(c, name, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureCookie(c),
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  });
}

/** The CSRF token of this browser: a cookie the page cannot read, echoed by `GET /api/session` for the header. */
export function csrfToken(c: Context<AppEnv>): string {
  const current = getCookie(c, CSRF_COOKIE);
  if (current && /^[A-Za-z0-9_-]{43}$/.test(current)) return current;
  const fresh = newSecret();
  setAppCookie(c, CSRF_COOKIE, fresh);
  return fresh;
}

/** Non-GET calls from a browser must echo the CSRF cookie in `X-CSRF-Token` (double submit; bearer calls need not). */
export const csrfOk = (c: Context<AppEnv>): boolean => sameSecret(c.req.header(CSRF_HEADER), getCookie(c, CSRF_COOKIE));

type UserRow = { id: number; username: string; display_name: string; role: AuthUser['role']; locale: 'fr' | 'en' };
const toUser = (r: UserRow): AuthUser => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  locale: r.locale,
});

/** Who is calling: a bearer token, else the session cookie, else nobody. Disabled users and expired grants are nobody. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db } = c.var.app.store;
  c.set('user', null);
  c.set('via', 'none');
  c.set('tokenScope', null);
  c.set('sessionHash', null);
  const now = new Date();
  const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')?.[1];
  if (bearer) {
    const row = await db
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.locale', 't.scope'])
      .where('t.token_hash', '=', secretHash(bearer))
      .where('t.revoked_at', 'is', null)
      .where('t.expires_at', '>', now)
      .where('u.disabled', '=', false)
      .executeTakeFirst();
    if (!row) {
      return c.json(
        {
          error: {
            code: 'bad-token',
            message: 'the API token is unknown, revoked or expired',
            hint: 'create a new token',
          },
        },
        401,
      );
    }
    c.set('user', toUser(row));
    c.set('via', 'token');
    c.set('tokenScope', row.scope);
    return next();
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie) {
    const id = secretHash(cookie);
    const session = await sessionOf(c, id, now);
    if (session) {
      c.set('user', session.user);
      c.set('via', 'session');
      c.set('sessionHash', id);
    }
  }
  return next();
};

/**
 * The live session of a cookie hash, and its user: from the cache while it holds it and the session has not ended,
 * else from the database. Logout, a user's change and a session's end drop it (see read-cache.ts).
 */
async function sessionOf(c: Context<AppEnv>, id: string, now: Date): Promise<CachedSession | undefined> {
  const { sessions, store } = c.var.app;
  const cached = sessions.get(id, now.getTime());
  if (cached) {
    if (cached.expiresAt > now.getTime()) return cached;
    sessions.delete(id);
  }
  const generation = sessions.generation;
  const row = await store.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.locale', 's.expires_at'])
    .where('s.id', '=', id)
    .where('s.expires_at', '>', now)
    .where('u.disabled', '=', false)
    .executeTakeFirst();
  if (!row) return undefined;
  const session = { user: toUser(row), expiresAt: new Date(row.expires_at).getTime() };
  sessions.set(id, session, generation, now.getTime());
  return session;
}

/** Runs a write to users or sessions, then drops every cached session, whether the write succeeded or not. */
export async function forgetSessionsAfter<T>(c: Context<AppEnv>, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } finally {
    c.var.app.sessions.clear();
  }
}

/** Opens a session for a user: a new cookie (never reusing one the browser brought), a new CSRF token (returned). */
export async function startSession(c: Context<AppEnv>, userId: number): Promise<string> {
  const hours = c.var.app.options.sessionHours ?? 12;
  const secret = newSecret();
  await c.var.app.store.db
    .insertInto('sessions')
    .values({ id: secretHash(secret), user_id: userId, expires_at: new Date(Date.now() + hours * 3600_000) })
    .execute();
  setAppCookie(c, SESSION_COOKIE, secret, hours * 3600);
  const csrf = newSecret();
  setAppCookie(c, CSRF_COOKIE, csrf);
  return csrf;
}

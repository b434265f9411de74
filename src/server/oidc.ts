import type { Context, Handler } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import type * as Oidc from 'openid-client';
import { logChange } from '../store/log.js';
import { newSecret, setAppCookie, startSession } from './auth.js';
import type { AppEnv, OidcOptions } from './context.js';
import { ApiError } from './errors.js';

/**
 * Sign-in through an OpenID Connect provider (authorization code + PKCE, state and nonce checked by openid-client).
 * A first sign-in creates the account (role `defaultRole`, viewer unless configured); an administrator then gives
 * it a role, and the language of the sign-in page it came from. The name comes from the ID token, or from the UserInfo
 * endpoint when the provider keeps profile claims there (conformant providers do, in the code flow). The pending
 * sign-in lives in memory for ten minutes, keyed by a cookie.
 */
const PENDING_COOKIE = 'fm_oidc';
const PENDING_MS = 10 * 60_000;

interface Pending {
  readonly verifier: string;
  readonly state: string;
  readonly nonce: string;
  readonly locale: 'fr' | 'en';
  readonly until: number;
}

const configs = new WeakMap<OidcOptions, Promise<Oidc.Configuration>>();
const pending = new Map<string, Pending>();

async function configOf(options: OidcOptions): Promise<{ client: typeof Oidc; config: Oidc.Configuration }> {
  const client = await import('openid-client');
  let config = configs.get(options);
  if (!config) {
    config = client.discovery(new URL(options.issuer), options.clientId, options.clientSecret, undefined, {
      ...(options.allowInsecure ? { execute: [client.allowInsecureRequests] } : {}),
    });
    // A failed discovery is retried on the next sign-in rather than remembered.
    config.catch(() => configs.delete(options));
    configs.set(options, config);
  }
  return { client, config: await config };
}

function optionsOf(c: Context<AppEnv>): OidcOptions {
  const options = c.var.app.options.oidc;
  if (!options) throw new ApiError(404, 'oidc-off', 'OIDC sign-in is not configured', 'see flowmatrix serve --help');
  return options;
}

export const oidcStart: Handler<AppEnv> = async (c) => {
  const options = optionsOf(c);
  const { client, config } = await configOf(options);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const now = Date.now();
  for (const [key, p] of pending) if (p.until < now) pending.delete(key);
  if (pending.size > 10_000)
    throw new ApiError(429, 'rate-limited', 'too many sign-ins in progress', 'try again later');
  const key = newSecret();
  const locale = c.req.query('lang') === 'fr' ? 'fr' : 'en';
  pending.set(key, { verifier, state, nonce, locale, until: now + PENDING_MS });
  setAppCookie(c, PENDING_COOKIE, key, PENDING_MS / 1000);
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: options.redirectUri,
    scope: 'openid profile email',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return c.redirect(url.toString(), 302);
};

export const oidcCallback: Handler<AppEnv> = async (c) => {
  const options = optionsOf(c);
  const key = getCookie(c, PENDING_COOKIE) ?? '';
  const started = pending.get(key);
  pending.delete(key);
  deleteCookie(c, PENDING_COOKIE, { path: '/' });
  if (!started || started.until < Date.now())
    throw new ApiError(400, 'oidc-expired', 'no sign-in in progress (or it took too long)', 'start again');
  const { client, config } = await configOf(options);
  const callback = new URL(options.redirectUri);
  callback.search = new URL(c.req.url).search;
  let claims: Oidc.IDToken | undefined;
  try {
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: started.verifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
    });
    claims = tokens.claims();
    // Conformant providers keep profile claims out of the code flow's ID token: ask UserInfo for them.
    if (claims && claims.name === undefined && claims.preferred_username === undefined)
      if (config.serverMetadata().userinfo_endpoint)
        claims = { ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims };
  } catch (e) {
    throw new ApiError(401, 'oidc-failed', `the identity provider's answer was refused: ${(e as Error).message}`);
  }
  if (!claims) throw new ApiError(401, 'oidc-failed', 'the identity provider gave no ID token');
  const userId = await accountFor(c, options, claims, started.locale);
  await startSession(c, userId);
  return c.redirect('/', 302);
};

/** The account of an OIDC identity (issuer + subject), created on first sign-in; disabled accounts are refused. */
async function accountFor(
  c: Context<AppEnv>,
  options: OidcOptions,
  claims: Oidc.IDToken,
  locale: 'fr' | 'en',
): Promise<number> {
  const { db } = c.var.app.store;
  const subject = `${claims.iss}|${claims.sub}`;
  const known = await db
    .selectFrom('users')
    .select(['id', 'disabled'])
    .where('oidc_subject', '=', subject)
    .executeTakeFirst();
  if (known) {
    if (known.disabled) throw new ApiError(403, 'disabled', 'this account is disabled', 'ask an administrator');
    return known.id;
  }
  const wanted = String(claims.preferred_username ?? claims.email ?? claims.sub).slice(0, 80);
  let username = wanted;
  for (let n = 2; await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst(); n++)
    username = `${wanted}-${n}`;
  const role = options.defaultRole ?? 'viewer';
  const user = await db
    .insertInto('users')
    .values({
      username,
      display_name: String(claims.name ?? username).slice(0, 200),
      password_hash: null,
      role,
      locale,
      oidc_subject: subject,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await logChange(
    db,
    { id: user.id, username },
    { entity: 'user', entityId: user.id, action: 'create', after: { username, role, oidc: claims.iss } },
  );
  return user.id;
}

import { type Handler, Hono } from 'hono';
import type { Store } from '../store/open.js';
import { ACCESS, allows, type RouteKey } from './access.js';
import { authenticate, csrfOk } from './auth.js';
import type { AppContext, AppEnv, ServerOptions } from './context.js';
import { ApiError, errorResponse } from './errors.js';
import { TableCache } from './matrix-table.js';
import { LoginLimiter } from './rate-limit.js';
import { ReadCache, readCacheLifetime } from './read-cache.js';
import { adminRoutes } from './routes/admin.js';
import { auditRoutes } from './routes/audit.js';
import { catalogRoutes } from './routes/catalogs.js';
import { changeRoutes } from './routes/changes.js';
import { historyRoutes } from './routes/history.js';
import { matrixRoutes } from './routes/matrix.js';
import { rulesRoutes } from './routes/rules.js';
import { runRoutes } from './routes/runs.js';
import { sessionRoutes } from './routes/session.js';
import { siteRoutes } from './routes/sites.js';
import { topologyRoutes } from './routes/topology.js';
import { viewRoutes } from './routes/views.js';
import { ModelCache } from './site-model.js';
import { serveWeb } from './static.js';
import { warmSites } from './warm.js';

/** One route: its key in the access table (`METHOD /path`) and its handler. */
export type Route = readonly [RouteKey, Handler<AppEnv>];

/** Every area's routes; the access table (access.ts) says who may call each. */
const AREAS: readonly (readonly Route[])[] = [
  sessionRoutes,
  catalogRoutes,
  siteRoutes,
  matrixRoutes,
  viewRoutes,
  topologyRoutes,
  auditRoutes,
  rulesRoutes,
  runRoutes,
  historyRoutes,
  changeRoutes,
  adminRoutes,
];

/** The guard in front of every route: bearer scope, CSRF, signed in, role. */
function guard(key: RouteKey): Handler<AppEnv> {
  const access = ACCESS[key];
  const method = key.slice(0, key.indexOf(' '));
  return async (c, next) => {
    const writes = method !== 'GET';
    if (c.var.via === 'token' && writes && c.var.tokenScope !== 'write')
      throw new ApiError(403, 'token-scope', 'this API token may only read', 'create a token with scope "write"');
    if (c.var.via !== 'token' && writes && !csrfOk(c))
      throw new ApiError(
        403,
        'csrf',
        'missing or wrong X-CSRF-Token header',
        'send the csrfToken of GET /api/session in the X-CSRF-Token header',
      );
    if (access !== 'public' && c.var.user === null)
      throw new ApiError(401, 'unauthenticated', 'sign in first', 'POST /api/auth/login, or send an API token');
    if (!allows(access, c.var.user?.role))
      throw new ApiError(403, 'forbidden', `the role "${c.var.user?.role}" may not do this`, 'ask an administrator');
    await next();
  };
}

export interface CreateAppInput {
  readonly store: Store;
  readonly options?: ServerOptions;
}

export function createApp({ store, options = {} }: CreateAppInput): Hono<AppEnv> {
  const limit = options.loginLimit ?? { max: 5, windowMs: 60_000 };
  const ctx: AppContext = {
    store,
    options,
    models: new ModelCache(),
    tables: new TableCache(),
    sessions: new ReadCache(readCacheLifetime(store.driver)),
    heads: new ReadCache(readCacheLifetime(store.driver)),
    limiter: new LoginLimiter(limit.max, limit.windowMs),
  };
  if (options.warm)
    setImmediate(() => {
      warmSites(ctx).catch((e: unknown) => console.error('warming the sites failed:', e));
    });
  const app = new Hono<AppEnv>();
  app.onError((e, c) => {
    if (e instanceof ApiError) return errorResponse(c, e);
    if (e instanceof SyntaxError && /JSON/.test(e.message))
      return errorResponse(c, new ApiError(400, 'bad-json', 'the request body is not valid JSON'));
    console.error(e);
    return errorResponse(c, new ApiError(500, 'internal', 'internal error', 'see the server log'));
  });
  app.use('*', async (c, next) => {
    c.set('app', ctx);
    await next();
  });
  app.use('/api/*', authenticate);
  for (const routes of AREAS)
    for (const [key, handler] of routes) {
      const space = key.indexOf(' ');
      app.on(key.slice(0, space), key.slice(space + 1), guard(key), handler);
    }
  app.all('/api/*', (c) =>
    errorResponse(c, new ApiError(404, 'not-found', `no API route ${c.req.method} ${c.req.path}`)),
  );
  if (options.webDir) serveWeb(app, options.webDir);
  return app;
}

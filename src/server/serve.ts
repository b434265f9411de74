import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { serve as listen, type ServerType } from '@hono/node-server';
import { catalogsDir } from '../catalog/registry.js';
import { counted } from '../model/text.js';
import { isPostgresUrl, openStore, type Store } from '../store/open.js';
import { seed } from '../store/seed.js';
import { createApp } from './app.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './auth.js';
import type { OidcOptions, ServerOptions } from './context.js';

/** What serving reads of its caller's context (the CLI's context is one). */
export interface ServeContext {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly err: (text: string) => void;
}

/** `flowmatrix serve`'s options, as the command line gives them. */
export interface ServeOptions {
  port?: string;
  host?: string;
  db?: string;
}

/** How `serve` ends: the CLI's exit codes for a clean stop and for input it refuses. */
export const SERVE_EXIT = { ok: 0, badInput: 2 } as const;
export type ServeExit = (typeof SERVE_EXIT)[keyof typeof SERVE_EXIT];

export interface RunningServer {
  readonly url: string;
  readonly store: Store;
  close(): Promise<void>;
}

/** The built browser app, beside the package's catalogs. */
export const webDir = (): string => join(dirname(catalogsDir()), 'dist', 'web');

function oidcFromEnv(env: ServeContext['env']): OidcOptions | undefined {
  const { FLOWMATRIX_OIDC_ISSUER: issuer, FLOWMATRIX_OIDC_CLIENT_ID: clientId } = env;
  const { FLOWMATRIX_OIDC_CLIENT_SECRET: clientSecret, FLOWMATRIX_PUBLIC_URL: publicUrl } = env;
  if (!issuer || !clientId || !clientSecret || !publicUrl) return undefined;
  return { issuer, clientId, clientSecret, redirectUri: new URL('/api/auth/oidc/callback', publicUrl).toString() };
}

/** Opens, migrates and seeds the store, then listens. Prints the URL and, on first run, the admin login. */
export async function startServer(
  options: { port: number; host: string; db: string; server?: ServerOptions },
  ctx: ServeContext,
): Promise<RunningServer> {
  const store = await openStore({ db: options.db });
  const seeded = await seed(store, {
    hashPassword,
    ...(ctx.env.FLOWMATRIX_ADMIN_PASSWORD ? { adminPassword: ctx.env.FLOWMATRIX_ADMIN_PASSWORD } : {}),
  });
  const oidc = oidcFromEnv(ctx.env);
  const web = options.server?.webDir ?? webDir();
  const app = createApp({
    store,
    options: { webDir: web, warm: true, ...(oidc ? { oidc } : {}), ...options.server },
  });
  const server = await new Promise<ServerType>((ready, failed) => {
    const s = listen({ fetch: app.fetch, port: options.port, hostname: options.host }, () => ready(s));
    s.once('error', failed);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/`;
  ctx.err(`Flowmatrix is serving ${url}  (database: ${store.driver} ${store.location})\n`);
  // `npm run build` builds the CLI and the API, not the browser app: say so here, not only on a page.
  if (!existsSync(join(web, 'index.html')))
    ctx.err(
      `warning: the web app is not built (${web} has no index.html): the API works, pages say "not built" — run npm run prepare\n`,
    );
  if (seeded.admin) {
    const { username, password, generated } = seeded.admin;
    ctx.err(
      generated
        ? `First run: sign in as "${username}" with the password ${password}\n  (shown this once; set FLOWMATRIX_ADMIN_PASSWORD to choose it)\n`
        : `First run: sign in as "${username}" with the password in FLOWMATRIX_ADMIN_PASSWORD\n`,
    );
  }
  if (seeded.sites > 0)
    ctx.err(`Added ${counted(seeded.sites, 'example site', 'example sites', 'en')} and the built-in catalogs.\n`);
  return {
    url,
    store,
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      await store.close();
    },
  };
}

/** `flowmatrix serve`: runs until SIGINT or SIGTERM. */
export async function serve(options: ServeOptions, ctx: ServeContext): Promise<ServeExit> {
  const port = Number(options.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    ctx.err(`--port ${options.port}: expected a port number 0 to 65535 — e.g. --port 8080\n`);
    return SERVE_EXIT.badInput;
  }
  const password = ctx.env.FLOWMATRIX_ADMIN_PASSWORD;
  if (password !== undefined && password !== '' && password.length < MIN_PASSWORD_LENGTH) {
    ctx.err(
      `FLOWMATRIX_ADMIN_PASSWORD: ${password.length} characters, at least ${MIN_PASSWORD_LENGTH} needed (as for every account) — choose a longer one, or unset it to have one generated\n`,
    );
    return SERVE_EXIT.badInput;
  }
  const given = options.db ?? ctx.env.DATABASE_URL ?? ctx.env.FLOWMATRIX_DB ?? '.flowmatrix/db';
  const db = isPostgresUrl(given) || given.startsWith('memory://') ? given : resolve(ctx.cwd, given);
  let running: RunningServer;
  try {
    running = await startServer({ port, host: options.host ?? '127.0.0.1', db }, ctx);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    ctx.err(`cannot start the server: ${message} — check --port, --host and --db\n`);
    return SERVE_EXIT.badInput;
  }
  await new Promise<void>((stop) => {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  ctx.err('stopping…\n');
  await running.close();
  return SERVE_EXIT.ok;
}

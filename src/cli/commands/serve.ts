import type { ServeOptions } from '../../server/serve.js';
import { defineCommand } from '../command.js';

export const serveCommand = defineCommand<ServeOptions>({
  name: 'serve',
  summary: 'Serve the web app and its API: browse, edit, audit, generate and review changes as a team',
  description:
    'Opens the database (migrating it to the current schema), seeds it on first run with the built-in catalogs, the example sites ' +
    'and an "admin" account, then serves the browser app and the JSON API (docs/api.md) until stopped with Ctrl-C. ' +
    'The database is an embedded PostgreSQL (PGlite) in a folder by default; give --db postgres://… or set DATABASE_URL to use a ' +
    'PostgreSQL server (same schema, same migrations). The admin password is FLOWMATRIX_ADMIN_PASSWORD (12 characters or more), or generated and printed once. ' +
    'Sign-in through an OpenID Connect provider is on when FLOWMATRIX_OIDC_ISSUER, FLOWMATRIX_OIDC_CLIENT_ID, ' +
    'FLOWMATRIX_OIDC_CLIENT_SECRET and FLOWMATRIX_PUBLIC_URL are set. Cookies are marked Secure unless the app is reached over plain ' +
    'HTTP on a loopback address: serve other hosts behind HTTPS (a reverse proxy).',
  examples: [
    'flowmatrix serve                                   # http://127.0.0.1:8080, data in .flowmatrix/db',
    'flowmatrix serve --port 9000 --db /var/lib/flowmatrix',
    'DATABASE_URL=postgres://fm:secret@db.example/flowmatrix flowmatrix serve',
    "FLOWMATRIX_ADMIN_PASSWORD='at least 12 characters' flowmatrix serve --host 0.0.0.0   # behind an HTTPS reverse proxy",
  ],
  configure: (cmd) =>
    cmd
      .option('--port <port>', 'TCP port to listen on', '8080')
      .option('--host <host>', 'address to listen on (127.0.0.1: this machine only)', '127.0.0.1')
      .option(
        '--db <dir|url>',
        'data folder (embedded database), memory:// (embedded, nothing kept) or postgres:// URL; default DATABASE_URL, else .flowmatrix/db',
      ),
  handler: async (_args, options, ctx) => (await import('../../server/serve.js')).serve(options, ctx),
});

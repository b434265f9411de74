import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './context.js';

/** The built browser app: its files as they are, and index.html for every other page (client routes). */
export function serveWeb(app: Hono<AppEnv>, webDir: string): void {
  const index = join(webDir, 'index.html');
  // Not built yet (a clone before `npm run prepare`): pages say so, and `serve` warns at start.
  if (existsSync(webDir)) app.use('/*', serveStatic({ root: webDir }));
  app.get('*', (c) => {
    if (!existsSync(index)) return c.text('the web app is not built: run npm run prepare', 404);
    return c.html(readFileSync(index, 'utf8'));
  });
}

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/serve.js';
import { run } from '../cli/run.js';

/** Starts the real server on a free port over an in-memory store; what it printed at start. */
async function startupText(webDir: string): Promise<string> {
  let err = '';
  const ctx = {
    cwd: process.cwd(),
    env: { FLOWMATRIX_ADMIN_PASSWORD: 'a long enough password' },
    out: () => {},
    err: (s: string) => {
      err += s;
    },
    interactive: false,
  };
  const running = await startServer(
    { port: 0, host: '127.0.0.1', db: 'memory://', server: { webDir, warm: false } },
    ctx,
  );
  await running.close();
  return err;
}

describe('flowmatrix serve at start', () => {
  it('warns when the web app is not built, and only then', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fm-web-'));
    expect(await startupText(join(dir, 'missing'))).toMatch(/warning: the web app is not built .* npm run prepare/);
    mkdirSync(join(dir, 'built'));
    writeFileSync(join(dir, 'built', 'index.html'), '<!doctype html>');
    expect(await startupText(join(dir, 'built'))).not.toContain('warning');
  }, 60_000);

  it('refuses an admin password shorter than the users API allows (12), exit 2', async () => {
    const r = await run(['serve', '--db', 'memory://'], { FLOWMATRIX_ADMIN_PASSWORD: 'change-me' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('FLOWMATRIX_ADMIN_PASSWORD: 9 characters, at least 12 needed');
    const help = await run(['serve', '--help']);
    const example = help.out.match(/FLOWMATRIX_ADMIN_PASSWORD='([^']*)'/)?.[1] ?? '';
    expect(example.length).toBeGreaterThanOrEqual(12);
  });
});

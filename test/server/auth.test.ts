import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { Client, drivers, PASSWORD, signedIn, type TestServer, testServer } from './support.js';

describe.each(drivers())('sign-in, sessions, CSRF and tokens on %s', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await testServer(driver, { loginLimit: { max: 3, windowMs: 60_000 } });
  });
  afterAll(() => server?.close());

  it('signs in with a session cookie that is HttpOnly and SameSite=Lax, Secure unless plain HTTP on loopback', async () => {
    const local = new Client(server.app);
    const session = await local.json(local.get('/api/session'));
    expect(session).toMatchObject({ user: null, oidc: false });
    local.csrf = session.csrfToken;
    const res = await local.post('/api/auth/login', { username: 'viewer', password: PASSWORD });
    expect(res.status).toBe(200);
    const set = res.headers.getSetCookie().find((c) => c.startsWith('fm_session=')) as string;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(set).not.toMatch(/Secure/);
    expect((await local.json(local.get('/api/session'))).user).toMatchObject({ username: 'viewer', role: 'viewer' });

    const remote = new Client(server.app, 'https://flowmatrix.example');
    await remote.login('viewer');
    expect(remote.cookie('fm_session')).toBeDefined();
    const plainRemote = new Client(server.app, 'http://flowmatrix.example');
    remote.csrf = (await remote.json(remote.get('/api/session'))).csrfToken;
    const r = await plainRemote.login('viewer');
    expect(r.headers.getSetCookie().find((c) => c.startsWith('fm_session='))).toMatch(/Secure/);
  });

  it('stores sessions in the database, hashed; signing out ends them', async () => {
    const client = await signedIn(server.app, 'requester');
    const cookie = client.cookie('fm_session') as string;
    const rows = await server.store.db.selectFrom('sessions').select('id').execute();
    expect(rows.map((r) => r.id)).not.toContain(cookie);
    expect(rows.length).toBeGreaterThan(0);
    expect((await client.post('/api/auth/logout')).status).toBe(200);
    expect((await client.json(client.get('/api/session'))).user).toBeNull();
    expect((await client.get('/api/sites')).status).toBe(401);
  });

  it('refuses a signed-out session cookie at once, even replayed after the server has seen it', async () => {
    const client = await signedIn(server.app, 'viewer');
    const cookie = `fm_session=${client.cookie('fm_session')}`;
    expect((await client.get('/api/sites')).status).toBe(200);
    expect((await client.post('/api/auth/logout')).status).toBe(200);
    const replay = new Client(server.app);
    expect((await replay.request('GET', '/api/sites', undefined, { Cookie: cookie })).status).toBe(401);
    expect((await replay.json(replay.request('GET', '/api/session', undefined, { Cookie: cookie }))).user).toBeNull();
  });

  it('applies a role change at the next request of a session already seen', async () => {
    const admin = await signedIn(server.app, 'admin');
    const created = await admin.json(
      admin.post('/api/users', { username: 'promoted', password: 'a long enough password', role: 'viewer' }),
    );
    const user = new Client(server.app);
    expect((await user.login('promoted', 'a long enough password')).status).toBe(200);
    expect((await user.get('/api/users')).status).toBe(403);
    expect((await admin.patch(`/api/users/${created.id}`, { role: 'admin' })).status).toBe(200);
    expect((await user.get('/api/users')).status).toBe(200);
    expect((await admin.patch(`/api/users/${created.id}`, { role: 'viewer' })).status).toBe(200);
    expect((await user.get('/api/users')).status).toBe(403);
    expect((await user.json(user.get('/api/session'))).user.role).toBe('viewer');
  });

  it('refuses a session that ended while the server kept it', async () => {
    // A second app over the same database whose sessions last 1.5 s.
    const brief = createApp({ store: server.store, options: { sessionHours: 1.5 / 3600 } });
    const client = await signedIn(brief, 'viewer');
    expect((await client.get('/api/sites')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect((await client.get('/api/sites')).status).toBe(401);
  });

  it('refuses a write without the CSRF header, or with a wrong one', async () => {
    const client = await signedIn(server.app, 'requester');
    const good = client.csrf;
    client.csrf = '';
    const none = await client.post('/api/validate', { yaml: 'x: 1' });
    expect(none.status).toBe(403);
    expect((await none.json()).error.code).toBe('csrf');
    // One character changed (a token ending in A once made this "wrong" token the right one: 1 run in 64).
    client.csrf = `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`;
    expect((await client.post('/api/validate', { yaml: 'x: 1' })).status).toBe(403);
    client.csrf = good;
    expect((await client.post('/api/validate', { yaml: 'x: 1' })).status).toBe(200);
    // A login form posted from another site carries no token either.
    const stranger = new Client(server.app);
    expect((await stranger.post('/api/auth/login', { username: 'viewer', password: PASSWORD })).status).toBe(403);
  });

  it('limits failed sign-ins: 429 with Retry-After, even for the right password, until the window passes', async () => {
    const client = new Client(server.app);
    client.csrf = (await client.json(client.get('/api/session'))).csrfToken;
    for (let i = 0; i < 3; i++)
      expect((await client.post('/api/auth/login', { username: 'approver', password: 'wrong' })).status).toBe(401);
    const limited = await client.post('/api/auth/login', { username: 'approver', password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe('rate-limited');
    // Other users are not locked out by it.
    expect((await client.login('implementer')).status).toBe(200);
  });

  it('refuses a disabled user, and ends their sessions at once', async () => {
    const admin = await signedIn(server.app, 'admin');
    const created = await admin.json(
      admin.post('/api/users', { username: 'temp', password: 'a long enough password', role: 'viewer' }),
    );
    const temp = new Client(server.app);
    expect((await temp.login('temp', 'a long enough password')).status).toBe(200);
    // Signed in and seen once (the server keeps sessions it has seen for a while): disabling still ends it at once.
    expect((await temp.get('/api/sites')).status).toBe(200);
    expect((await admin.patch(`/api/users/${created.id}`, { disabled: true })).status).toBe(200);
    expect((await temp.get('/api/sites')).status).toBe(401);
    expect((await new Client(server.app).login('temp', 'a long enough password')).status).toBe(401);
  });

  it('API tokens: bearer, no CSRF; read scope reads only; revoked and expired tokens are refused', async () => {
    const requester = await signedIn(server.app, 'requester');
    const read = await requester.json(
      requester.post('/api/tokens', { name: 'ci read', scope: 'read', expiresInDays: 1 }),
    );
    const write = await requester.json(
      requester.post('/api/tokens', { name: 'ci write', scope: 'write', expiresInDays: 1 }),
    );
    expect(read.token).toMatch(/^fm_/);
    const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
    const robot = new Client(server.app);
    expect((await robot.request('GET', '/api/sites', undefined, bearer(read.token))).status).toBe(200);
    const denied = await robot.request('POST', '/api/validate', { yaml: 'x: 1' }, bearer(read.token));
    expect(denied.status).toBe(403);
    expect((await denied.json()).error.code).toBe('token-scope');
    expect((await robot.request('POST', '/api/validate', { yaml: 'x: 1' }, bearer(write.token))).status).toBe(200);
    // The token acts with its user's role: a requester's write token cannot manage users.
    expect((await robot.request('GET', '/api/users', undefined, bearer(write.token))).status).toBe(403);
    // Listed without the secret; the database keeps a hash only.
    const listed = await requester.json(requester.get('/api/tokens'));
    expect(JSON.stringify(listed)).not.toContain(read.token);
    const stored = await server.store.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(stored.map((t) => t.token_hash)).not.toContain(read.token);

    expect((await requester.delete(`/api/tokens/${read.id}`)).status).toBe(200);
    expect((await robot.request('GET', '/api/sites', undefined, bearer(read.token))).status).toBe(401);
    await server.store.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', write.id)
      .execute();
    const expired = await robot.request('GET', '/api/sites', undefined, bearer(write.token));
    expect(expired.status).toBe(401);
    expect((await expired.json()).error.code).toBe('bad-token');
  });

  it('changes the locale of the signed-in user', async () => {
    const viewer = await signedIn(server.app, 'viewer');
    expect((await viewer.patch('/api/me', { locale: 'fr' })).status).toBe(200);
    expect((await viewer.json(viewer.get('/api/session'))).user.locale).toBe('fr');
  });

  it('serves the built web app, index.html for client routes, and JSON errors under /api', async () => {
    const web = mkdtempSync(join(tmpdir(), 'fm-web-'));
    try {
      mkdirSync(join(web, 'assets'));
      writeFileSync(join(web, 'index.html'), '<!doctype html><title>Flowmatrix</title>');
      writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
      const app = createApp({ store: server.store, options: { webDir: web } });
      const page = await app.request('http://127.0.0.1/app/sites/3/matrix');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Flowmatrix</title>');
      expect(await (await app.request('http://127.0.0.1/assets/app.js')).text()).toBe('console.log(1)');
      const api = await app.request('http://127.0.0.1/api/nothing-here');
      expect(api.status).toBe(404);
      expect((await api.json()).error.code).toBe('not-found');
    } finally {
      rmSync(web, { recursive: true, force: true });
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIdp, type TestIdp } from '../support/oidc-idp.js';
import { Client, type TestServer, testServer } from './support.js';

/**
 * OIDC sign-in against a real provider (oidc-provider, started here on a loopback port with its development
 * login and consent pages, test/support/oidc-idp.ts): the app's discovery, authorization code + PKCE, state, nonce and ID token checks run
 * for real. One driver is enough: the store work is the same as a password sign-in's.
 */
const CALLBACK = 'http://127.0.0.1/api/auth/oidc/callback';

describe('OIDC sign-in against a real provider', () => {
  let idp: TestIdp;
  let issuer: string;
  let server: TestServer;
  beforeAll(async () => {
    idp = await startTestIdp(CALLBACK);
    issuer = idp.issuer;
    server = await testServer('pglite', { oidc: idp.options });
  });
  afterAll(async () => {
    await server?.close();
    await idp?.close();
  });

  /** The browser at the provider: follows redirects, fills the login form, then the consent form. */
  async function atProvider(start: string, login: string): Promise<string> {
    const jar = new Map<string, string>();
    let url = start;
    let body: URLSearchParams | undefined;
    for (let step = 0; step < 20; step++) {
      if (url.startsWith(CALLBACK)) return url;
      const res = await fetch(url, {
        method: body ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
          ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(body ? { body } : {}),
      });
      for (const c of res.headers.getSetCookie()) {
        const pair = c.split(';')[0] as string;
        jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
      }
      body = undefined;
      const location = res.headers.get('location');
      if (location) {
        url = new URL(location, url).toString();
        continue;
      }
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`unexpected page at ${url}: ${res.status} ${html.slice(0, 200)}`);
      url = new URL(action.replaceAll('&amp;', '&'), url).toString();
      body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
    }
    throw new Error('the provider never sent the browser back');
  }

  it('signs a new user in as a viewer, and the same identity again into the same account', async () => {
    const browser = new Client(server.app);
    expect((await browser.json(browser.get('/api/session'))).oidc).toBe(true);
    const start = await browser.get('/api/auth/oidc/start');
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location') as string);
    expect(authorize.origin).toBe(issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const back = new URL(await atProvider(authorize.toString(), 'alice'));
    const done = await browser.get(`${back.pathname}${back.search}`);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/');
    const session = await browser.json(browser.get('/api/session'));
    // The name comes from UserInfo (the provider keeps it out of the ID token), as given.
    expect(session.user).toMatchObject({
      username: 'alice',
      role: 'viewer',
      displayName: 'alice <img src=x>',
      locale: 'en',
    });

    const again = new Client(server.app);
    const second = new URL((await again.get('/api/auth/oidc/start')).headers.get('location') as string);
    const back2 = new URL(await atProvider(second.toString(), 'alice'));
    await again.get(`${back2.pathname}${back2.search}`);
    expect((await again.json(again.get('/api/session'))).user.id).toBe(session.user.id);
  });

  it('gives a new account the language of the sign-in page it started from', async () => {
    const browser = new Client(server.app);
    const start = new URL((await browser.get('/api/auth/oidc/start?lang=fr')).headers.get('location') as string);
    const back = new URL(await atProvider(start.toString(), 'chloe'));
    expect((await browser.get(`${back.pathname}${back.search}`)).status).toBe(302);
    expect((await browser.json(browser.get('/api/session'))).user).toMatchObject({ username: 'chloe', locale: 'fr' });
  });

  it('refuses a callback with a forged state, or without a sign-in in progress', async () => {
    const browser = new Client(server.app);
    const start = new URL((await browser.get('/api/auth/oidc/start')).headers.get('location') as string);
    const back = new URL(await atProvider(start.toString(), 'mallory'));
    back.searchParams.set('state', 'forged');
    const forged = await browser.get(`${back.pathname}${back.search}`);
    expect(forged.status).toBe(401);
    expect((await browser.json(browser.get('/api/session'))).user).toBeNull();
    const stranger = new Client(server.app);
    expect((await stranger.get(`${back.pathname}${back.search}`)).status).toBe(400);
  });
});

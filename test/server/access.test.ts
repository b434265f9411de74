import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS, type RouteKey } from '../../src/server/access.js';
import { ROLES, type Role } from '../../src/store/schema.js';
import { Client, drivers, signedIn, type TestServer, testServer } from './support.js';

/** A concrete path for a route: ids that do not exist, so an allowed call ends in 400/404, never changing anything. */
const pathOf = (key: RouteKey): string =>
  key
    .slice(key.indexOf(' ') + 1)
    .replace(':viewId', '999')
    .replace(':firewall', 'no-such-fw')
    .replace(':target', 'nftables')
    .replace(':v', '999')
    .replace('/catalogs/:id', '/catalogs/no-such-catalog')
    .replace(':id', '999');

describe.each(drivers())('the route × role table on %s', (driver) => {
  let server: TestServer;
  const clients = {} as Record<Role, Client>;
  let anonymous: Client;
  beforeAll(async () => {
    server = await testServer(driver);
    for (const role of ROLES) clients[role] = await signedIn(server.app, role);
    anonymous = new Client(server.app);
    anonymous.csrf = (await anonymous.json(anonymous.get('/api/session'))).csrfToken;
  });
  afterAll(() => server?.close());

  // Signing out is checked last: it would end the sessions the other rows use.
  const LOGOUT: RouteKey = 'POST /api/auth/logout';
  const routes = [
    ...(Object.entries(ACCESS) as [RouteKey, (typeof ACCESS)[RouteKey]][]).filter(([k]) => k !== LOGOUT),
    [LOGOUT, ACCESS[LOGOUT]] as const,
  ];

  it.each(routes)('%s', async (key, access) => {
    const method = key.slice(0, key.indexOf(' '));
    const path = pathOf(key);
    const body = method === 'GET' ? undefined : {};
    for (const role of ROLES) {
      const res = await clients[role].request(method, path, body);
      const allowed = access === 'public' || access.includes(role);
      if (allowed) {
        expect([401, 403], `${role} ${key} → ${res.status}`).not.toContain(res.status);
        expect(res.status, `${role} ${key}`).toBeLessThan(500);
      } else expect(res.status, `${role} ${key}`).toBe(403);
    }
    const res = await anonymous.request(method, path, body);
    if (access === 'public') expect(res.status).toBeLessThan(500);
    else expect(res.status, `anonymous ${key}`).toBe(401);
  });

  it('refuses a route missing from the table (fail closed)', async () => {
    const res = await clients.admin.get('/api/not-a-route');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not-found');
  });
});

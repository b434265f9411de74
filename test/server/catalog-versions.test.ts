import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeCatalogUpdate } from './catalog-update.js';
import { type Client, drivers, signedIn, type TestServer, testServer } from './support.js';

describe.each(drivers())('catalog versions on %s', (driver) => {
  let server: TestServer;
  let viewer: Client;
  let updated = '';
  beforeAll(async () => {
    server = await testServer(driver);
    viewer = await signedIn(server.app, 'viewer');
    updated = await storeCatalogUpdate(server.store);
  });
  afterAll(() => server?.close());

  it('serves the text of each version, and the diff of the two names the changed rows', async () => {
    const versions = await viewer.json(viewer.get('/api/catalogs/hamilton/versions'));
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const v1 = await viewer.json(viewer.get('/api/catalogs/hamilton/versions/1'));
    const v2 = await viewer.json(viewer.get('/api/catalogs/hamilton/versions/2'));
    expect(v1.version).toBe(1);
    expect(v1.yaml).toContain('tcp/1433], app: TDS');
    expect(v2).toEqual({ version: 2, yaml: updated });
    const diff = await viewer.json(viewer.get('/api/catalogs/hamilton/diff?from=1&to=2'));
    expect(JSON.stringify(diff)).toContain('1434');
  });

  it('answers 404 for a version or catalog that does not exist, 400 for a version that is not a number', async () => {
    expect((await viewer.get('/api/catalogs/hamilton/versions/3')).status).toBe(404);
    expect((await viewer.get('/api/catalogs/no-such/versions/1')).status).toBe(404);
    const bad = await viewer.get('/api/catalogs/hamilton/versions/x');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.hint).toBeTruthy();
  });
});

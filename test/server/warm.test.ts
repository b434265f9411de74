import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/auth.js';
import { TableCache, tableKey } from '../../src/server/matrix-table.js';
import { ModelCache } from '../../src/server/site-model.js';
import { warmSites } from '../../src/server/warm.js';
import type { Store } from '../../src/store/open.js';
import { seed } from '../../src/store/seed.js';
import { drivers, freshStore, PASSWORD } from './support.js';

describe.each(drivers())('warming the sites after a start on %s', (driver) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(driver);
    await seed(store, { hashPassword, adminPassword: PASSWORD });
  });
  afterAll(() => store?.close());

  it('loads the most recently edited sites and builds their tables in the users’ language', async () => {
    await store.db.updateTable('users').set({ locale: 'fr' }).execute();
    const sites = await store.db
      .selectFrom('sites')
      .select(['id', 'current_version as version'])
      .orderBy('updated_at', 'desc')
      .execute();
    expect(sites.length).toBeGreaterThan(0);
    const app = { store, models: new ModelCache(), tables: new TableCache() };
    expect(await warmSites(app)).toBe(Math.min(4, sites.length));
    for (const site of sites.slice(0, 4)) {
      expect(app.tables.has(tableKey(site.id, site.version, 'fr'))).toBe(true);
      expect(app.tables.has(tableKey(site.id, site.version, 'en'))).toBe(false);
      // Loaded already: the cache does not read the text again.
      const load = await app.models.get(site.id, site.version, () => Promise.reject(new Error('read again')));
      expect(load.ok).toBe(true);
    }
  });
});

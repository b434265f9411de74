import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/auth.js';
import { logChange } from '../../src/store/log.js';
import { migrate } from '../../src/store/migrations.js';
import type { Store } from '../../src/store/open.js';
import { seed } from '../../src/store/seed.js';
import { drivers, freshStore } from './support.js';

describe.each(drivers())('store on %s', (driver) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(driver);
  });
  afterAll(() => store?.close());

  it('migrates twice without change and seeds once: catalogs, example sites, one admin', async () => {
    await migrate(store.db as never, store.schema);
    const first = await seed(store, { hashPassword, adminPassword: 'first-password-1' });
    expect(first.admin).toEqual({ username: 'admin', password: 'first-password-1', generated: false });
    expect(first.catalogs).toBeGreaterThanOrEqual(5);
    expect(first.sites).toBeGreaterThanOrEqual(5);
    const again = await seed(store, { hashPassword });
    expect(again).toEqual({ catalogs: 0, sites: 0 });
    const admins = await store.db.selectFrom('users').select('username').execute();
    expect(admins.map((u) => u.username)).toEqual(['admin']);
  });

  it('keeps the change log append-only in the database itself: UPDATE, DELETE and TRUNCATE refused', async () => {
    await logChange(
      store.db,
      { id: null, username: 'system' },
      { entity: 'test', entityId: 1, action: 'probe', before: { a: 1 }, after: { a: 2 } },
    );
    const count = async () =>
      Number(
        (await store.db.selectFrom('change_log').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n,
      );
    const before = await count();
    await expect(store.db.updateTable('change_log').set({ actor: 'mallory' }).execute()).rejects.toThrow(/append-only/);
    await expect(store.db.deleteFrom('change_log').execute()).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE change_log`.execute(store.db)).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before);
    const last = await store.db.selectFrom('change_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last).toMatchObject({ entity: 'test', action: 'probe', before: { a: 1 }, after: { a: 2 } });
  });
});

import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { builtinCatalogPath, catalogsDir, listBuiltinCatalogs } from '../catalog/registry.js';
import { logChange, SYSTEM } from './log.js';
import type { Store } from './open.js';

export interface SeedResult {
  /** Set when the admin account was created now: its password, shown once. */
  readonly admin?: { readonly username: string; readonly password: string; readonly generated: boolean };
  readonly catalogs: number;
  readonly sites: number;
}

export interface SeedOptions {
  /** The first admin's password; generated when absent. */
  readonly adminPassword?: string;
  readonly hashPassword: (password: string) => Promise<string>;
  /** Add the example sites when the database has no site yet (default true). */
  readonly examples?: boolean;
}

/** The example sites shipped with the package (`examples/*.yaml`, not the tutorial folders). */
export function exampleSites(): { name: string; yaml: string }[] {
  const dir = join(dirname(catalogsDir()), 'examples');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('-site.yaml'))
    .sort()
    .map((f) => ({ name: f.replace(/\.yaml$/, ''), yaml: readFileSync(join(dir, f), 'utf8') }));
}

/**
 * First run: the admin account, the built-in catalogs (a new version when the package's file changed since) and
 * the example sites. Safe to run at every start: what exists is left alone.
 */
export async function seed(store: Store, options: SeedOptions): Promise<SeedResult> {
  const { db } = store;
  let admin: SeedResult['admin'];
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (!anyUser) {
    const generated = !options.adminPassword;
    const password = options.adminPassword || randomBytes(12).toString('base64url');
    const user = await db
      .insertInto('users')
      .values({
        username: 'admin',
        display_name: 'Administrator',
        password_hash: await options.hashPassword(password),
        role: 'admin',
        locale: 'en',
        oidc_subject: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await logChange(db, SYSTEM, {
      entity: 'user',
      entityId: user.id,
      action: 'create',
      after: { username: 'admin', role: 'admin' },
    });
    admin = { username: 'admin', password, generated };
  }

  let catalogs = 0;
  for (const id of listBuiltinCatalogs()) {
    const yaml = readFileSync(builtinCatalogPath(id) as string, 'utf8');
    const changed = await db.transaction().execute(async (trx) => {
      const head = await trx.selectFrom('catalogs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!head) {
        await trx.insertInto('catalogs').values({ id, built_in: true, current_version: 1 }).execute();
        await trx
          .insertInto('catalog_versions')
          .values({ catalog_id: id, version: 1, yaml, by: null, message: 'built-in' })
          .execute();
        await logChange(trx, SYSTEM, { entity: 'catalog', entityId: id, action: 'create', after: { version: 1 } });
        return true;
      }
      const last = await trx
        .selectFrom('catalog_versions')
        .select('yaml')
        .where('catalog_id', '=', id)
        .where('version', '=', head.current_version)
        .executeTakeFirstOrThrow();
      if (last.yaml === yaml) return false;
      const version = head.current_version + 1;
      await trx
        .insertInto('catalog_versions')
        .values({ catalog_id: id, version, yaml, by: null, message: 'updated with the package' })
        .execute();
      await trx.updateTable('catalogs').set({ current_version: version }).where('id', '=', id).execute();
      await logChange(trx, SYSTEM, {
        entity: 'catalog',
        entityId: id,
        action: 'edit',
        before: { version: head.current_version, yaml: last.yaml },
        after: { version, yaml },
      });
      return true;
    });
    if (changed) catalogs++;
  }

  let sites = 0;
  const anySite = await db.selectFrom('sites').select('id').limit(1).executeTakeFirst();
  if (!anySite && options.examples !== false) {
    for (const example of exampleSites()) {
      await db.transaction().execute(async (trx) => {
        const site = await trx
          .insertInto('sites')
          .values({ name: example.name, current_version: 1, updated_by: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('site_versions')
          .values({ site_id: site.id, version: 1, yaml: example.yaml, by: null, message: 'example' })
          .execute();
        await logChange(trx, SYSTEM, {
          entity: 'site',
          entityId: site.id,
          action: 'create',
          after: { name: example.name },
        });
      });
      sites++;
    }
  }
  return { ...(admin ? { admin } : {}), catalogs, sites };
}

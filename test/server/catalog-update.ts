import type { Store } from '../../src/store/open.js';

/** A second version of the built-in hamilton catalog, as a package update stores it: SQL Server moves to 1434. */
export async function storeCatalogUpdate(store: Store, id = 'hamilton'): Promise<string> {
  const head = await store.db
    .selectFrom('catalogs')
    .select('current_version')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const { yaml } = await store.db
    .selectFrom('catalog_versions')
    .select('yaml')
    .where('catalog_id', '=', id)
    .where('version', '=', head.current_version)
    .executeTakeFirstOrThrow();
  const next = yaml.replace('mssql: { ports: [tcp/1433], app: TDS }', 'mssql: { ports: [tcp/1434], app: TDS }');
  if (next === yaml) throw new Error('the hamilton catalog no longer declares mssql on tcp/1433');
  const version = head.current_version + 1;
  await store.db
    .insertInto('catalog_versions')
    .values({ catalog_id: id, version, yaml: next, by: null, message: 'updated with the package' })
    .execute();
  await store.db.updateTable('catalogs').set({ current_version: version }).where('id', '=', id).execute();
  return next;
}

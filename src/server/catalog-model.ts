import { parseCatalogText } from '../catalog/parse.js';
import type { Catalog } from '../model/catalog.js';
import type { Store } from '../store/open.js';
import { notFound } from './errors.js';

/** Parsed catalogs by id and version: a stored version never changes. */
const parsed = new Map<string, Catalog>();

/** One stored version of a catalog, parsed (built-in catalogs are valid; a broken one is a server error). */
export async function catalogVersion(
  store: Store,
  id: string,
  version?: number,
): Promise<{ catalog: Catalog; version: number }> {
  const head = await store.db.selectFrom('catalogs').select('current_version').where('id', '=', id).executeTakeFirst();
  if (!head) throw notFound(`catalog "${id}"`);
  const v = version ?? head.current_version;
  const key = `${id}@${v}`;
  const hit = parsed.get(key);
  if (hit) return { catalog: hit, version: v };
  const row = await store.db
    .selectFrom('catalog_versions')
    .select('yaml')
    .where('catalog_id', '=', id)
    .where('version', '=', v)
    .executeTakeFirst();
  if (!row) throw notFound(`version ${v} of catalog "${id}"`);
  const result = parseCatalogText(row.yaml, `${id}.yaml`);
  if (!result.ok) throw new Error(`stored catalog ${key} does not load: ${result.issues[0]?.message}`);
  parsed.set(key, result.value);
  return { catalog: result.value, version: v };
}

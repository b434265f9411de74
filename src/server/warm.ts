import type { Lang } from '../model/text.js';
import type { Store } from '../store/open.js';
import { siteTable, type TableCache, tableKey } from './matrix-table.js';
import type { ModelCache } from './site-model.js';
import { siteText } from './sites.js';

/** Sites warmed at start: as many as the table cache keeps. */
const WARMED = 4;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * After a start, the most recently edited sites are loaded, resolved and their grid tables built in the users' most
 * common language, one at a time, yielding to requests between steps: the first opening of a site after a restart
 * then finds its matrix ready instead of paying seconds for a 100k-row site.
 */
export async function warmSites(app: { store: Store; models: ModelCache; tables: TableCache }): Promise<number> {
  const { db } = app.store;
  const sites = await db
    .selectFrom('sites')
    .select(['id', 'current_version as version'])
    .where('deleted_at', 'is', null)
    .orderBy('updated_at', 'desc')
    .limit(WARMED)
    .execute();
  const common = await db
    .selectFrom('users')
    .select(['locale', db.fn.countAll().as('n')])
    .groupBy('locale')
    .orderBy('n', 'desc')
    .executeTakeFirst();
  const lang: Lang = common?.locale === 'fr' ? 'fr' : 'en';
  let warmed = 0;
  // Oldest first: the most recent ends last in the caches, the last to be pushed out.
  for (const site of sites.reverse()) {
    await nextTurn();
    const load = await app.models.get(site.id, site.version, () => siteText(db, site.id, site.version));
    if (!load.ok) continue;
    await nextTurn();
    app.tables.get(tableKey(site.id, site.version, lang), () => siteTable(load.model, lang));
    warmed++;
  }
  return warmed;
}

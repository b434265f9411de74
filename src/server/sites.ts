import type { Context } from 'hono';
import type { Kysely, Transaction } from 'kysely';
import type { Lang } from '../model/text.js';
import { type Actor, logChange } from '../store/log.js';
import type { Database } from '../store/schema.js';
import type { AppEnv } from './context.js';
import { ApiError, notFound } from './errors.js';
import { idParam } from './input.js';
import { siteTable, tableKey } from './matrix-table.js';
import { apiIssues, checkSiteLoad, type SiteModel } from './site-model.js';

import { lineDiff } from './text-diff.js';

export interface SiteHead {
  readonly id: number;
  readonly name: string;
  readonly version: number;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

const headsOf = (db: Kysely<Database>) =>
  db
    .selectFrom('sites as s')
    .leftJoin('users as u', 'u.id', 's.updated_by')
    .select(['s.id', 's.name', 's.current_version as version', 's.updated_at as updatedAt', 'u.username as updatedBy'])
    .where('s.deleted_at', 'is', null);

const toHead = (row: Omit<SiteHead, 'updatedBy'> & { updatedBy: string | null }): SiteHead => ({
  ...row,
  updatedBy: row.updatedBy ?? 'system',
});

/** The key of the list of sites in the heads cache (site ids start at 1). */
const LIST = 0;

/** The live site named by the `:id` path parameter; 404 when there is none (or it was deleted). */
export async function siteHead(c: Context<AppEnv>, param = 'id'): Promise<SiteHead> {
  const id = idParam(c, param, 'site');
  const { heads, store } = c.var.app;
  const cached = heads.get(id);
  if (cached) return cached as SiteHead;
  const generation = heads.generation;
  const row = await headsOf(store.db).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('site');
  const head = toHead(row);
  heads.set(id, head, generation);
  return head;
}

/** Every live site's head, by name. */
export async function siteHeads(c: Context<AppEnv>): Promise<readonly SiteHead[]> {
  const { heads, store } = c.var.app;
  const cached = heads.get(LIST);
  if (cached) return cached as readonly SiteHead[];
  const generation = heads.generation;
  const list = (await headsOf(store.db).orderBy('s.name').execute()).map(toHead);
  heads.set(LIST, list, generation);
  return list;
}

/**
 * Runs a transaction that writes sites (a new site or version, a deletion), then drops the cached heads and list —
 * after the commit, and whether it succeeded or not (see read-cache.ts).
 */
export async function writeSites<T>(c: Context<AppEnv>, write: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  try {
    return await c.var.app.store.db.transaction().execute(write);
  } finally {
    c.var.app.heads.clear();
  }
}

/**
 * A site version just written and checked: its resolved model joins the cache (the check loaded it already), and
 * its grid table is built right after the answer goes out, so the first opening of the matrix finds it ready.
 */
export function rememberSite(c: Context<AppEnv>, siteId: number, version: number, model: SiteModel): void {
  const { models, tables } = c.var.app;
  models.put(siteId, version, { ok: true, model });
  // The writer's language (a wrong `?lang=` on a write is not worth failing a save that is already stored).
  const asked = c.req.query('lang');
  const lang: Lang = asked === 'fr' || asked === 'en' ? asked : (c.var.user?.locale ?? 'en');
  const key = tableKey(siteId, version, lang);
  setImmediate(() => {
    if (tables.has(key)) return;
    try {
      tables.get(key, () => siteTable(model, lang));
    } catch (e) {
      // The request that opens the matrix builds it again and reports the failure.
      console.error(e);
    }
  });
}

export async function siteText(db: Kysely<Database>, siteId: number, version: number): Promise<string> {
  const row = await db
    .selectFrom('site_versions')
    .select('yaml')
    .where('site_id', '=', siteId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw notFound(`version ${version} of the site`);
  return row.yaml;
}

/** The site of `:id` resolved (cached per version); 422 with the positioned issues when its text does not resolve. */
export async function siteModel(c: Context<AppEnv>): Promise<{ head: SiteHead; model: SiteModel }> {
  const head = await siteHead(c);
  const { models, store } = c.var.app;
  const load = await models.get(head.id, head.version, () => siteText(store.db, head.id, head.version));
  if (!load.ok)
    throw new ApiError(
      422,
      'invalid-site',
      'the current version of this site does not resolve',
      'fix it in the editor',
      {
        issues: apiIssues(load.issues),
      },
    );
  return { head, model: load.model };
}

/** Refuses a site text `flowmatrix validate` refuses: 422 with every issue positioned. Else its model. */
export function checkSiteText(yaml: string): SiteModel {
  const load = checkSiteLoad(yaml);
  if (!load.ok)
    throw new ApiError(422, 'invalid-site', 'the site text has errors', 'fix the positions listed in issues', {
      issues: apiIssues(load.issues),
    });
  return load.model;
}

/**
 * Writes a new version of a site if nobody wrote one since `baseVersion` (optimistic concurrency: the row is locked,
 * the version compared); else 409 with the current text and what changed since `baseVersion`. Logged, before/after.
 */
export async function saveSiteVersion(
  trx: Transaction<Database>,
  actor: Actor,
  siteId: number,
  baseVersion: number,
  yaml: string,
  message: string,
): Promise<number> {
  const current = await trx
    .selectFrom('sites')
    .select(['current_version', 'name'])
    .where('id', '=', siteId)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw notFound('site');
  const was = await siteText(trx, siteId, current.current_version);
  if (current.current_version !== baseVersion) {
    const base = await siteText(trx, siteId, baseVersion).catch(() => '');
    const by = await trx
      .selectFrom('site_versions as v')
      .leftJoin('users as u', 'u.id', 'v.by')
      .select('u.username')
      .where('v.site_id', '=', siteId)
      .where('v.version', '=', current.current_version)
      .executeTakeFirst();
    throw new ApiError(
      409,
      'version-conflict',
      `the site changed since version ${baseVersion}: it is now at version ${current.current_version}`,
      'merge your change into the current text and save again',
      {
        current: { yaml: was, version: current.current_version, updatedBy: by?.username ?? 'system' },
        diff: lineDiff(base, was),
      },
    );
  }
  const version = current.current_version + 1;
  await trx.insertInto('site_versions').values({ site_id: siteId, version, yaml, by: actor.id, message }).execute();
  await trx
    .updateTable('sites')
    .set({ current_version: version, updated_at: new Date(), updated_by: actor.id })
    .where('id', '=', siteId)
    .execute();
  await logChange(trx, actor, {
    entity: 'site',
    entityId: siteId,
    action: 'edit',
    before: { version: current.current_version, yaml: was },
    after: { version, yaml, message },
  });
  return version;
}

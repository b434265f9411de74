import type { Context } from 'hono';
import type { Kysely, Transaction } from 'kysely';
import { type Actor, logChange } from '../store/log.js';
import type { Database } from '../store/schema.js';
import type { AppEnv } from './context.js';
import { ApiError, notFound } from './errors.js';
import { idParam } from './input.js';
import { apiIssues, loadSiteText, type SiteModel } from './site-model.js';
import { lineDiff } from './text-diff.js';

export interface SiteHead {
  readonly id: number;
  readonly name: string;
  readonly version: number;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

/** The live site named by the `:id` path parameter; 404 when there is none (or it was deleted). */
export async function siteHead(c: Context<AppEnv>, param = 'id'): Promise<SiteHead> {
  const id = idParam(c, param, 'site');
  const row = await c.var.app.store.db
    .selectFrom('sites as s')
    .leftJoin('users as u', 'u.id', 's.updated_by')
    .select(['s.id', 's.name', 's.current_version as version', 's.updated_at as updatedAt', 'u.username as updatedBy'])
    .where('s.id', '=', id)
    .where('s.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound('site');
  return { ...row, updatedBy: row.updatedBy ?? 'system' };
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

/** Refuses a site text that does not load and resolve: 422 with every issue positioned. */
export function checkSiteText(yaml: string): void {
  const load = loadSiteText(yaml);
  if (!load.ok)
    throw new ApiError(422, 'invalid-site', 'the site text has errors', 'fix the positions listed in issues', {
      issues: apiIssues(load.issues),
    });
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

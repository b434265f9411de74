import { z } from 'zod';
import { logChange } from '../../store/log.js';
import type { Route } from '../app.js';
import { ApiError } from '../errors.js';
import { actorOf, bodyOf } from '../input.js';
import { apiIssues, checkSiteLoad } from '../site-model.js';
import { checkSiteText, rememberSite, saveSiteVersion, siteHead, siteHeads, siteText, writeSites } from '../sites.js';

/** A site text: up to 64 MiB (a 100k-row site is a few MiB). */
const Yaml = z.string().max(64 * 1024 * 1024);
const NewSite = z.strictObject({ name: z.string().trim().min(1).max(200), yaml: Yaml });
const EditSite = z.strictObject({
  yaml: Yaml,
  baseVersion: z.number().int().min(1),
  message: z.string().max(2000).optional(),
});
const Validate = z.strictObject({ yaml: Yaml });

const validate: Route[1] = async (c) => {
  const { yaml } = await bodyOf(c, Validate);
  const load = checkSiteLoad(yaml);
  return c.json({ issues: apiIssues(load.ok ? load.model.warnings : load.issues) });
};

export const siteRoutes: readonly Route[] = [
  ['GET /api/sites', async (c) => c.json(await siteHeads(c))],
  [
    'POST /api/sites',
    async (c) => {
      const { name, yaml } = await bodyOf(c, NewSite);
      const model = checkSiteText(yaml);
      const actor = actorOf(c);
      const id = await writeSites(c, async (trx) => {
        const taken = await trx
          .selectFrom('sites')
          .select('id')
          .where('name', '=', name)
          .where('deleted_at', 'is', null)
          .executeTakeFirst();
        if (taken) throw new ApiError(409, 'name-taken', `a site named "${name}" exists`, 'choose another name');
        const site = await trx
          .insertInto('sites')
          .values({ name, current_version: 1, updated_by: actor.id })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('site_versions')
          .values({ site_id: site.id, version: 1, yaml, by: actor.id, message: 'created' })
          .execute();
        await logChange(trx, actor, { entity: 'site', entityId: site.id, action: 'create', after: { name, yaml } });
        return site.id;
      });
      rememberSite(c, id, 1, model);
      return c.json({ id, name, version: 1 }, 201);
    },
  ],
  [
    'GET /api/sites/:id',
    async (c) => {
      const head = await siteHead(c);
      return c.json({ ...head, yaml: await siteText(c.var.app.store.db, head.id, head.version) });
    },
  ],
  [
    'PUT /api/sites/:id',
    async (c) => {
      const head = await siteHead(c);
      const { yaml, baseVersion, message } = await bodyOf(c, EditSite);
      const model = checkSiteText(yaml);
      const actor = actorOf(c);
      const version = await writeSites(c, (trx) =>
        saveSiteVersion(trx, actor, head.id, baseVersion, yaml, message ?? 'edited'),
      );
      rememberSite(c, head.id, version, model);
      return c.json({ version });
    },
  ],
  [
    'DELETE /api/sites/:id',
    async (c) => {
      const head = await siteHead(c);
      const actor = actorOf(c);
      await writeSites(c, async (trx) => {
        await trx.updateTable('sites').set({ deleted_at: new Date() }).where('id', '=', head.id).execute();
        await logChange(trx, actor, { entity: 'site', entityId: head.id, action: 'delete', before: head });
      });
      return c.json({ ok: true });
    },
  ],
  [
    'POST /api/sites/:id/validate',
    async (c, next) => {
      await siteHead(c);
      return validate(c, next);
    },
  ],
  ['POST /api/validate', validate],
];

import { z } from 'zod';
import type { Route } from '../app.js';
import { notFound } from '../errors.js';
import { bodyOf, idParam, userOf } from '../input.js';
import { siteHead } from '../sites.js';

const NewView = z.strictObject({ name: z.string().trim().min(1).max(200), query: z.string().max(4000) });

/** Saved views of the matrix grid: a name and the grid's query string. Everyone sees them; owners and admins delete. */
export const viewRoutes: readonly Route[] = [
  [
    'GET /api/sites/:id/views',
    async (c) => {
      const head = await siteHead(c);
      const rows = await c.var.app.store.db
        .selectFrom('saved_views as v')
        .innerJoin('users as u', 'u.id', 'v.user_id')
        .select(['v.id', 'v.name', 'v.query', 'v.created_at as createdAt', 'u.username as owner'])
        .where('v.site_id', '=', head.id)
        .orderBy('v.name')
        .execute();
      return c.json(rows);
    },
  ],
  [
    'POST /api/sites/:id/views',
    async (c) => {
      const head = await siteHead(c);
      const { name, query } = await bodyOf(c, NewView);
      const user = userOf(c);
      const row = await c.var.app.store.db
        .insertInto('saved_views')
        .values({ site_id: head.id, user_id: user.id, name, query: query.replace(/^\?/, '') })
        .returning(['id', 'name', 'query', 'created_at as createdAt'])
        .executeTakeFirstOrThrow();
      return c.json({ ...row, owner: user.username }, 201);
    },
  ],
  [
    'DELETE /api/sites/:id/views/:viewId',
    async (c) => {
      const head = await siteHead(c);
      const id = idParam(c, 'viewId', 'view');
      const user = userOf(c);
      let q = c.var.app.store.db.deleteFrom('saved_views').where('id', '=', id).where('site_id', '=', head.id);
      if (user.role !== 'admin') q = q.where('user_id', '=', user.id);
      // `returning`, not the affected-row count: PGlite's driver does not report it.
      const done = await q.returning('id').executeTakeFirst();
      if (!done) throw notFound('view');
      return c.json({ ok: true });
    },
  ],
];

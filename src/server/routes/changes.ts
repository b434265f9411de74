import type { Context } from 'hono';
import { z } from 'zod';
import { logChange } from '../../store/log.js';
import { CHANGE_STATES, type ChangeState } from '../../store/schema.js';
import type { Route } from '../app.js';
import { allowedMoves, checkMove } from '../change-flow.js';
import type { AppEnv } from '../context.js';
import { ApiError, badRequest, forbidden, notFound } from '../errors.js';
import { actorOf, bodyOf, idParam, userOf } from '../input.js';
import { checkSiteText, saveSiteVersion, writeSites } from '../sites.js';

const NewChange = z.strictObject({
  siteId: z.number().int().min(1),
  title: z.string().trim().min(1).max(300),
  description: z.string().max(20_000).default(''),
  yaml: z.string().max(64 * 1024 * 1024),
});
const Transition = z.strictObject({ to: z.enum(CHANGE_STATES) });
const Comment = z.strictObject({ text: z.string().trim().min(1).max(20_000) });
const Evidence = z.strictObject({ runId: z.number().int().min(1) });

const summaryColumns = [
  'c.id',
  'c.site_id as siteId',
  's.name as siteName',
  'c.title',
  'c.state',
  'u.username as requester',
  'c.requester_id as requesterId',
  'c.created_at as createdAt',
  'c.updated_at as updatedAt',
] as const;

async function changeRow(c: Context<AppEnv>) {
  const id = idParam(c, 'id', 'change request');
  const row = await c.var.app.store.db
    .selectFrom('change_requests as c')
    .innerJoin('sites as s', 's.id', 'c.site_id')
    .innerJoin('users as u', 'u.id', 'c.requester_id')
    .select([...summaryColumns, 'c.description', 'c.yaml', 'c.base_version as baseVersion'])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('change request');
  return row;
}

export const changeRoutes: readonly Route[] = [
  [
    'GET /api/changes',
    async (c) => {
      const state = c.req.query('state');
      if (state && !(CHANGE_STATES as readonly string[]).includes(state))
        throw badRequest(`state: "${state}" is not one of ${CHANGE_STATES.join(', ')}`);
      let q = c.var.app.store.db
        .selectFrom('change_requests as c')
        .innerJoin('sites as s', 's.id', 'c.site_id')
        .innerJoin('users as u', 'u.id', 'c.requester_id')
        .select(summaryColumns)
        .orderBy('c.id', 'desc');
      if (state) q = q.where('c.state', '=', state as ChangeState);
      return c.json(await q.execute());
    },
  ],
  [
    'POST /api/changes',
    async (c) => {
      const body = await bodyOf(c, NewChange);
      const { db } = c.var.app.store;
      const site = await db
        .selectFrom('sites')
        .select(['id', 'current_version'])
        .where('id', '=', body.siteId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (!site) throw notFound('site');
      checkSiteText(body.yaml);
      const actor = actorOf(c);
      const id = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('change_requests')
          .values({
            site_id: site.id,
            title: body.title,
            description: body.description,
            yaml: body.yaml,
            base_version: site.current_version,
            state: 'draft',
            requester_id: actor.id as number,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await logChange(trx, actor, {
          entity: 'change',
          entityId: row.id,
          action: 'create',
          after: { ...body, state: 'draft' },
        });
        return row.id;
      });
      return c.json({ id, state: 'draft', baseVersion: site.current_version }, 201);
    },
  ],
  [
    'GET /api/changes/:id',
    async (c) => {
      const row = await changeRow(c);
      const { db } = c.var.app.store;
      const [comments, evidence, transitions] = await Promise.all([
        db
          .selectFrom('change_comments as m')
          .innerJoin('users as u', 'u.id', 'm.author_id')
          .select(['m.id', 'u.username as author', 'm.text', 'm.at'])
          .where('m.change_id', '=', row.id)
          .orderBy('m.id')
          .execute(),
        db
          .selectFrom('change_evidence as e')
          .innerJoin('runs as r', 'r.id', 'e.run_id')
          .innerJoin('users as u', 'u.id', 'e.by')
          .select(['e.id', 'e.run_id as runId', 'r.kind', 'u.username as by', 'e.at'])
          .where('e.change_id', '=', row.id)
          .orderBy('e.id')
          .execute(),
        db
          .selectFrom('change_transitions as t')
          .innerJoin('users as u', 'u.id', 't.by')
          .select(['t.from_state as from', 't.to_state as to', 'u.username as by', 't.at'])
          .where('t.change_id', '=', row.id)
          .orderBy('t.id')
          .execute(),
      ]);
      const { requesterId, ...change } = row;
      const allowed = allowedMoves({ state: row.state, requesterId }, userOf(c));
      return c.json({ ...change, comments, evidence, transitions, allowed });
    },
  ],
  [
    'POST /api/changes/:id/transition',
    async (c) => {
      const row = await changeRow(c);
      const { to } = await bodyOf(c, Transition);
      const user = userOf(c);
      const check = checkMove({ state: row.state, requesterId: row.requesterId }, to, user);
      if (!check.ok) throw forbidden(check.reason);
      const actor = actorOf(c);
      const { db } = c.var.app.store;
      if (to === 'verified') {
        const proof = await db
          .selectFrom('change_evidence')
          .select('id')
          .where('change_id', '=', row.id)
          .executeTakeFirst();
        if (!proof)
          throw new ApiError(
            422,
            'no-evidence',
            'a change is verified with evidence',
            'attach a verify or probe run first',
          );
      }
      const siteVersion = await writeSites(c, async (trx) => {
        // Implementing writes the proposed text as the site's next version, if the site did not move meanwhile.
        const version =
          to === 'implemented'
            ? await saveSiteVersion(
                trx,
                actor,
                row.siteId,
                row.baseVersion,
                row.yaml,
                `change request #${row.id}: ${row.title}`,
              )
            : undefined;
        const moved = await trx
          .updateTable('change_requests')
          .set({ state: to, updated_at: new Date() })
          .where('id', '=', row.id)
          .where('state', '=', row.state)
          .returning('id')
          .executeTakeFirst();
        if (!moved) throw new ApiError(409, 'state-changed', 'the change request moved meanwhile', 'reload it');
        await trx
          .insertInto('change_transitions')
          .values({ change_id: row.id, from_state: row.state, to_state: to, by: user.id })
          .execute();
        await logChange(trx, actor, {
          entity: 'change',
          entityId: row.id,
          action: 'transition',
          before: { state: row.state },
          after: { state: to, ...(version ? { siteVersion: version } : {}) },
        });
        return version;
      });
      return c.json({ id: row.id, state: to, ...(siteVersion ? { siteVersion } : {}) });
    },
  ],
  [
    'POST /api/changes/:id/comments',
    async (c) => {
      const row = await changeRow(c);
      const { text } = await bodyOf(c, Comment);
      const actor = actorOf(c);
      const comment = await c.var.app.store.db.transaction().execute(async (trx) => {
        const m = await trx
          .insertInto('change_comments')
          .values({ change_id: row.id, author_id: actor.id as number, text })
          .returning(['id', 'at'])
          .executeTakeFirstOrThrow();
        await logChange(trx, actor, { entity: 'change', entityId: row.id, action: 'comment', after: { text } });
        return m;
      });
      return c.json({ ...comment, author: actor.username, text }, 201);
    },
  ],
  [
    'POST /api/changes/:id/evidence',
    async (c) => {
      const row = await changeRow(c);
      const { runId } = await bodyOf(c, Evidence);
      const { db } = c.var.app.store;
      const run = await db
        .selectFrom('runs')
        .select(['id', 'site_id', 'kind'])
        .where('id', '=', runId)
        .executeTakeFirst();
      if (!run) throw notFound('run');
      if (run.site_id !== row.siteId)
        throw badRequest('this run is of another site', 'attach a run of the change’s site');
      const actor = actorOf(c);
      const id = await db.transaction().execute(async (trx) => {
        const e = await trx
          .insertInto('change_evidence')
          .values({ change_id: row.id, run_id: runId, by: actor.id as number })
          .returning('id')
          .executeTakeFirstOrThrow();
        await logChange(trx, actor, {
          entity: 'change',
          entityId: row.id,
          action: 'evidence',
          after: { runId, kind: run.kind },
        });
        return e.id;
      });
      return c.json({ id, runId, kind: run.kind }, 201);
    },
  ],
];

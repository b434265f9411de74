import { z } from 'zod';
import { logChange } from '../../store/log.js';
import { ROLES } from '../../store/schema.js';
import type { Route } from '../app.js';
import { forgetSessionsAfter, hashPassword, MIN_PASSWORD_LENGTH, newSecret, secretHash } from '../auth.js';
import { ApiError, badRequest, notFound } from '../errors.js';
import { actorOf, bodyOf, idParam, userOf } from '../input.js';

const Username = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'letters, digits, ".", "_", "@" and "-" only');
const NewUser = z.strictObject({
  username: Username,
  displayName: z.string().trim().max(200).optional(),
  password: z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(1000),
  role: z.enum(ROLES),
  locale: z.enum(['fr', 'en']).optional(),
});
const EditUser = z.strictObject({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() });
const NewToken = z.strictObject({
  name: z.string().trim().min(1).max(200),
  scope: z.enum(['read', 'write']),
  expiresInDays: z.number().int().min(1).max(365),
});

const userColumns = [
  'id',
  'username',
  'display_name as displayName',
  'role',
  'locale',
  'disabled',
  'oidc_subject',
  'created_at as createdAt',
] as const;
const publicUser = <T extends { oidc_subject: string | null }>({ oidc_subject, ...u }: T) => ({
  ...u,
  oidc: oidc_subject !== null,
});

const tokenColumns = [
  'id',
  'name',
  'scope',
  'expires_at as expiresAt',
  'created_at as createdAt',
  'revoked_at',
] as const;
const publicToken = <T extends { revoked_at: Date | null }>({ revoked_at, ...t }: T) => ({
  ...t,
  revoked: revoked_at !== null,
});

export const adminRoutes: readonly Route[] = [
  [
    'GET /api/users',
    async (c) => {
      const rows = await c.var.app.store.db.selectFrom('users').select(userColumns).orderBy('username').execute();
      return c.json(rows.map(publicUser));
    },
  ],
  [
    'POST /api/users',
    async (c) => {
      const body = await bodyOf(c, NewUser);
      const { db } = c.var.app.store;
      const taken = await db.selectFrom('users').select('id').where('username', '=', body.username).executeTakeFirst();
      if (taken) throw new ApiError(409, 'name-taken', `a user named "${body.username}" exists`);
      const actor = actorOf(c);
      const password_hash = await hashPassword(body.password);
      const row = await db.transaction().execute(async (trx) => {
        const u = await trx
          .insertInto('users')
          .values({
            username: body.username,
            display_name: body.displayName || body.username,
            password_hash,
            role: body.role,
            locale: body.locale ?? 'en',
            oidc_subject: null,
          })
          .returning(userColumns)
          .executeTakeFirstOrThrow();
        // The log keeps who was created with which role, never the password or its hash.
        await logChange(trx, actor, {
          entity: 'user',
          entityId: u.id,
          action: 'create',
          after: { username: u.username, role: u.role },
        });
        return u;
      });
      return c.json(publicUser(row), 201);
    },
  ],
  [
    'PATCH /api/users/:id',
    async (c) => {
      const id = idParam(c, 'id', 'user');
      const body = await bodyOf(c, EditUser);
      if (body.role === undefined && body.disabled === undefined) throw badRequest('give role or disabled');
      const actor = actorOf(c);
      if (id === actor.id && (body.disabled === true || (body.role && body.role !== 'admin')))
        throw badRequest('an administrator cannot disable or demote themselves', 'ask another administrator');
      const { db } = c.var.app.store;
      // The role or the access of a user changes: their cached sessions go (after the commit: see read-cache.ts).
      const row = await forgetSessionsAfter(c, () =>
        db.transaction().execute(async (trx) => {
          const before = await trx
            .selectFrom('users')
            .select(['role', 'disabled'])
            .where('id', '=', id)
            .forUpdate()
            .executeTakeFirst();
          if (!before) throw notFound('user');
          const u = await trx
            .updateTable('users')
            .set({
              ...(body.role ? { role: body.role } : {}),
              ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
            })
            .where('id', '=', id)
            .returning(userColumns)
            .executeTakeFirstOrThrow();
          // A disabled user's sessions end now, not when they expire.
          if (body.disabled) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
          await logChange(trx, actor, {
            entity: 'user',
            entityId: id,
            action: 'edit',
            before,
            after: { role: u.role, disabled: u.disabled },
          });
          return u;
        }),
      );
      return c.json(publicUser(row));
    },
  ],
  [
    'GET /api/tokens',
    async (c) => {
      const user = userOf(c);
      const rows = await c.var.app.store.db
        .selectFrom('api_tokens')
        .select(tokenColumns)
        .where('user_id', '=', user.id)
        .orderBy('id', 'desc')
        .execute();
      return c.json(rows.map(publicToken));
    },
  ],
  [
    'POST /api/tokens',
    async (c) => {
      const { name, scope, expiresInDays } = await bodyOf(c, NewToken);
      const actor = actorOf(c);
      const secret = `fm_${newSecret()}`;
      const row = await c.var.app.store.db.transaction().execute(async (trx) => {
        const t = await trx
          .insertInto('api_tokens')
          .values({
            user_id: actor.id as number,
            name,
            scope,
            token_hash: secretHash(secret),
            expires_at: new Date(Date.now() + expiresInDays * 86_400_000),
          })
          .returning(tokenColumns)
          .executeTakeFirstOrThrow();
        await logChange(trx, actor, {
          entity: 'token',
          entityId: t.id,
          action: 'create',
          after: { name, scope, expiresAt: t.expiresAt },
        });
        return t;
      });
      // The secret is shown this once; the database keeps its hash only.
      return c.json({ ...publicToken(row), token: secret }, 201);
    },
  ],
  [
    'DELETE /api/tokens/:id',
    async (c) => {
      const id = idParam(c, 'id', 'token');
      const user = userOf(c);
      const actor = actorOf(c);
      await c.var.app.store.db.transaction().execute(async (trx) => {
        let q = trx
          .updateTable('api_tokens')
          .set({ revoked_at: new Date() })
          .where('id', '=', id)
          .where('revoked_at', 'is', null);
        if (user.role !== 'admin') q = q.where('user_id', '=', user.id);
        // `returning`, not the affected-row count: PGlite's driver does not report it.
        const done = await q.returning('id').executeTakeFirst();
        if (!done) throw notFound('token');
        await logChange(trx, actor, { entity: 'token', entityId: id, action: 'revoke' });
      });
      return c.json({ ok: true });
    },
  ],
  [
    'GET /api/log',
    async (c) => {
      const entity = c.req.query('entity');
      const actor = c.req.query('actor');
      const entityId = c.req.query('entityId');
      const limit = Math.min(Math.max(Number(c.req.query('limit') ?? 200) || 200, 1), 1000);
      const before = c.req.query('before');
      let q = c.var.app.store.db
        .selectFrom('change_log')
        .select(['id', 'at', 'actor', 'entity', 'entity_id as entityId', 'action', 'before', 'after'])
        .orderBy('id', 'desc')
        .limit(limit);
      if (entity) q = q.where('entity', '=', entity);
      if (entityId) q = q.where('entity_id', '=', entityId);
      if (actor) q = q.where('actor', '=', actor);
      if (before && /^\d{1,18}$/.test(before)) q = q.where('id', '<', before);
      return c.json(await q.execute());
    },
  ],
];

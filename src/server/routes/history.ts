import { diffMatrices } from '../../diff/diff.js';
import { renderDiffJson } from '../../diff/formats/json.js';
import type { Route } from '../app.js';
import { ApiError, badRequest, notFound } from '../errors.js';
import { idParam } from '../input.js';
import { apiIssues } from '../site-model.js';
import { siteHead, siteText } from '../sites.js';

const versionQuery = (raw: string | undefined, name: string): number => {
  const n = Number(raw);
  if (!raw || !Number.isSafeInteger(n) || n < 1)
    throw badRequest(`${name}: expected a version number`, `e.g. ?${name}=1`);
  return n;
};

export const historyRoutes: readonly Route[] = [
  [
    'GET /api/sites/:id/versions',
    async (c) => {
      const head = await siteHead(c);
      const rows = await c.var.app.store.db
        .selectFrom('site_versions as v')
        .leftJoin('users as u', 'u.id', 'v.by')
        .select(['v.version', 'v.at', 'u.username as by', 'v.message'])
        .where('v.site_id', '=', head.id)
        .orderBy('v.version', 'desc')
        .execute();
      return c.json(rows.map((r) => ({ ...r, by: r.by ?? 'system' })));
    },
  ],
  [
    'GET /api/sites/:id/versions/:v',
    async (c) => {
      const head = await siteHead(c);
      const v = idParam(c, 'v', 'version');
      return c.json({ version: v, yaml: await siteText(c.var.app.store.db, head.id, v) });
    },
  ],
  [
    'GET /api/sites/:id/diff',
    async (c) => {
      const head = await siteHead(c);
      const from = versionQuery(c.req.query('from'), 'from');
      const to = versionQuery(c.req.query('to'), 'to');
      const { models, store } = c.var.app;
      const load = async (v: number) => {
        if (v > head.version) throw notFound(`version ${v} of the site`);
        const l = await models.get(head.id, v, () => siteText(store.db, head.id, v));
        if (!l.ok)
          throw new ApiError(422, 'invalid-site', `version ${v} of this site does not resolve`, undefined, {
            issues: apiIssues(l.issues),
          });
        return l.model.matrix;
      };
      const diff = diffMatrices(await load(from), await load(to), { old: `v${from}`, new: `v${to}` });
      // The product's own diff JSON (`flowmatrix diff --format json`).
      return c.body(renderDiffJson(diff), 200, { 'Content-Type': 'application/json; charset=utf-8' });
    },
  ],
];

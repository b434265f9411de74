import { diffMatrices } from '../../diff/diff.js';
import { renderDiffJson } from '../../diff/formats/json.js';
import { resolveCatalog } from '../../matrix/index.js';
import type { Route } from '../app.js';
import { catalogVersion } from '../catalog-model.js';
import { badRequest } from '../errors.js';

const versionParam = (raw: string | undefined, name: string): number => {
  const n = Number(raw);
  if (!raw || !Number.isSafeInteger(n) || n < 1)
    throw badRequest(`${name}: expected a version number`, `e.g. ?${name}=1`);
  return n;
};

export const catalogRoutes: readonly Route[] = [
  [
    'GET /api/catalogs',
    async (c) => {
      const { store } = c.var.app;
      const rows = await store.db.selectFrom('catalogs').selectAll().orderBy('id').execute();
      const out = [];
      for (const r of rows) {
        const { catalog } = await catalogVersion(store, r.id, r.current_version);
        out.push({
          id: r.id,
          title: catalog.title,
          version: r.current_version,
          flowCount: catalog.flows.length,
          builtIn: r.built_in,
        });
      }
      return c.json(out);
    },
  ],
  [
    'GET /api/catalogs/:id',
    async (c) => {
      const { catalog, version } = await catalogVersion(c.var.app.store, c.req.param('id') as string);
      return c.json({ ...catalog, version });
    },
  ],
  [
    'GET /api/catalogs/:id/versions',
    async (c) => {
      const id = c.req.param('id') as string;
      await catalogVersion(c.var.app.store, id);
      const rows = await c.var.app.store.db
        .selectFrom('catalog_versions as v')
        .leftJoin('users as u', 'u.id', 'v.by')
        .select(['v.version', 'v.at', 'u.username as by', 'v.message'])
        .where('v.catalog_id', '=', id)
        .orderBy('v.version', 'desc')
        .execute();
      return c.json(rows.map((r) => ({ ...r, by: r.by ?? 'system' })));
    },
  ],
  [
    'GET /api/catalogs/:id/versions/:v',
    async (c) => {
      const id = c.req.param('id') as string;
      const version = versionParam(c.req.param('v'), 'version');
      await catalogVersion(c.var.app.store, id, version);
      const row = await c.var.app.store.db
        .selectFrom('catalog_versions')
        .select('yaml')
        .where('catalog_id', '=', id)
        .where('version', '=', version)
        .executeTakeFirstOrThrow();
      return c.json({ version, yaml: row.yaml });
    },
  ],
  [
    'GET /api/catalogs/:id/diff',
    async (c) => {
      const id = c.req.param('id') as string;
      const from = versionParam(c.req.query('from'), 'from');
      const to = versionParam(c.req.query('to'), 'to');
      const [a, b] = [await catalogVersion(c.var.app.store, id, from), await catalogVersion(c.var.app.store, id, to)];
      const [ma, mb] = [resolveCatalog(a.catalog), resolveCatalog(b.catalog)];
      if (!ma.ok || !mb.ok) throw badRequest('a version of this catalog does not resolve');
      const diff = diffMatrices(ma.value, mb.value, { old: `${id}@${from}`, new: `${id}@${to}` });
      return c.body(renderDiffJson(diff), 200, { 'Content-Type': 'application/json; charset=utf-8' });
    },
  ],
];

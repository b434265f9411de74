import type { Context } from 'hono';
import { z } from 'zod';
import { readReport } from '../../probe/report/read.js';
import { logChange } from '../../store/log.js';
import { configFormats, pickFormat } from '../../verify/config-formats.js';
import { verifyFirewall } from '../../verify/index.js';
import { missingRules } from '../../verify/missing-rules.js';
import { buildReport, type VerifyReport } from '../../verify/report.js';
import type { Route } from '../app.js';
import type { AppEnv } from '../context.js';
import { ApiError, badRequest, notFound } from '../errors.js';
import { actorOf, bodyOf, idParam } from '../input.js';
import { siteHead, siteModel } from '../sites.js';

const Verify = z.strictObject({
  firewall: z.string().min(1).max(200),
  format: z.string().min(1).max(50).default('auto'),
  files: z
    .array(z.strictObject({ name: z.string().min(1).max(300), text: z.string().max(64 * 1024 * 1024) }))
    .min(1)
    .max(20),
});
const Probe = z.strictObject({ report: z.unknown() });

async function storeRun(
  c: Context<AppEnv>,
  run: { siteId: number; kind: 'verify' | 'probe'; firewall: string | null; siteVersion: number; report: unknown },
): Promise<number> {
  const actor = actorOf(c);
  return c.var.app.store.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('runs')
      .values({
        site_id: run.siteId,
        kind: run.kind,
        firewall: run.firewall,
        site_version: run.siteVersion,
        report: JSON.stringify(run.report),
        by: actor.id as number,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await logChange(trx, actor, {
      entity: 'run',
      entityId: id,
      action: run.kind,
      after: { site: run.siteId, version: run.siteVersion, firewall: run.firewall },
    });
    return id;
  });
}

const runColumns = [
  'r.id',
  'r.site_id as siteId',
  'r.kind',
  'r.firewall',
  'r.site_version as siteVersion',
  'r.at',
  'u.username as by',
] as const;

export const runRoutes: readonly Route[] = [
  [
    // The syntaxes verify reads, as the targets declare them: the screen offers these, never a list of its own.
    'GET /api/verify/formats',
    (c) => c.json(configFormats().map(({ id, title, target }) => ({ id, title, ...(target ? { target } : {}) }))),
  ],
  [
    'POST /api/sites/:id/verify',
    async (c) => {
      const { head, model } = await siteModel(c);
      const { firewall, format, files } = await bodyOf(c, Verify);
      const { matrix } = model;
      if (!matrix.firewalls.some((f) => f.name === firewall))
        throw badRequest(
          `unknown firewall "${firewall}"`,
          `firewalls of this site: ${matrix.firewalls.map((f) => f.name).join(', ') || 'none'}`,
        );
      const configs = files.map((f) => ({ path: f.name, text: f.text }));
      const picked = pickFormat(format, configs);
      const issues = (list: readonly { message: string; hint?: string; file?: string; line?: number }[]) =>
        list.map((i) => ({ file: i.file ?? '', line: i.line ?? 1, message: i.message, hint: i.hint ?? '' }));
      if (!picked.ok)
        throw new ApiError(
          422,
          'config-format',
          picked.issues[0]?.message ?? 'unknown configuration format',
          picked.issues[0]?.hint,
          {
            issues: issues(picked.issues),
          },
        );
      const parsed = picked.value.parse(configs);
      if (!parsed.ok)
        throw new ApiError(422, 'config-syntax', 'the configuration does not parse', 'fix the lines listed in issues', {
          issues: issues(parsed.issues),
        });
      // The product's own verify, as `flowmatrix verify --report json` runs it.
      const verification = verifyFirewall(matrix, firewall, parsed.value, {
        ...(picked.value.zones ? { zones: picked.value.zones } : {}),
        ...(picked.value.egress ? { egress: picked.value.egress } : {}),
      });
      const report: VerifyReport = buildReport(verification, {
        site: matrix.site.id,
        config: files.map((f) => f.name),
        format: picked.value.id,
      });
      const missing = missingRules(model.matrix, firewall, picked.value, verification.rows);
      const full = { schema: 'flowmatrix-verify/1', ...report, ...missing };
      const runId = await storeRun(c, {
        siteId: head.id,
        kind: 'verify',
        firewall,
        siteVersion: head.version,
        report: full,
      });
      return c.json({ runId, ...full });
    },
  ],
  [
    'POST /api/sites/:id/probe-reports',
    async (c) => {
      const { head, model } = await siteModel(c);
      const { report } = await bodyOf(c, Probe);
      const read = readReport(typeof report === 'string' ? report : JSON.stringify(report));
      if (!read.ok) throw new ApiError(422, 'bad-probe-report', `not a probe report: ${read.message}`, read.hint);
      if (read.report.site !== '' && read.report.site !== model.matrix.site.id)
        throw new ApiError(
          422,
          'other-site',
          `a probe report of site "${read.report.site}", not "${model.matrix.site.id}"`,
        );
      const runId = await storeRun(c, {
        siteId: head.id,
        kind: 'probe',
        firewall: null,
        siteVersion: head.version,
        report: read.report,
      });
      return c.json({ runId, report: read.report });
    },
  ],
  [
    'GET /api/sites/:id/runs',
    async (c) => {
      const head = await siteHead(c);
      const rows = await c.var.app.store.db
        .selectFrom('runs as r')
        .innerJoin('users as u', 'u.id', 'r.by')
        .select(runColumns)
        .where('r.site_id', '=', head.id)
        .orderBy('r.id', 'desc')
        .execute();
      return c.json(rows);
    },
  ],
  [
    'GET /api/runs/:id',
    async (c) => {
      const id = idParam(c, 'id', 'run');
      const row = await c.var.app.store.db
        .selectFrom('runs as r')
        .innerJoin('users as u', 'u.id', 'r.by')
        .select([...runColumns, 'r.report'])
        .where('r.id', '=', id)
        .executeTakeFirst();
      if (!row) throw notFound('run');
      return c.json(row);
    },
  ],
];

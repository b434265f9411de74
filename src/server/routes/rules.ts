import type { Context } from 'hono';
import { generate, isTargetId, targets } from '../../targets/index.js';
import type { Route } from '../app.js';
import { apiFinding } from '../audit-model.js';
import type { AppEnv } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { langParam } from '../input.js';
import { siteModel } from '../sites.js';

/** The targets that print a firewall's rules (proxy targets render for the site's proxy instead). */
const firewallTargets = Object.values(targets).filter((t) => t.scope !== 'proxy');

/** One firewall's rules through one target: the product's own generate, its artifacts and findings. */
async function rulesOf(c: Context<AppEnv>) {
  const { model } = await siteModel(c);
  const firewall = c.req.param('firewall') as string;
  const target = c.req.param('target') as string;
  const { matrix } = model;
  const fw = matrix.firewalls.find((f) => f.name === firewall);
  const proxy = isTargetId(target) && targets[target].scope === 'proxy';
  if (!fw && !(proxy && matrix.proxy?.name === firewall)) throw notFound(`firewall "${firewall}"`);
  if (!isTargetId(target)) throw notFound(`target "${target}"`);
  const out = generate(matrix, { firewall, target });
  if (!out.ok)
    throw new ApiError(
      422,
      'generate-failed',
      out.issues[0]?.message ?? 'the rules cannot be generated',
      out.issues[0]?.hint,
      {
        issues: out.issues.map((i) => ({ message: i.message, hint: i.hint ?? '', code: i.code })),
      },
    );
  const { artifacts, findings } = out.value;
  const text =
    artifacts.length === 1
      ? (artifacts[0]?.content ?? '')
      : artifacts.map((a) => `# ${a.path}\n${a.content}`).join('\n');
  const filename = artifacts.length === 1 ? (artifacts[0]?.path ?? `${firewall}.txt`) : `${firewall}-${target}.txt`;
  return {
    filename,
    text,
    findings: findings.map((f) => apiFinding(f, langParam(c))),
    mediaType: artifacts[0]?.mediaType,
  };
}

export const rulesRoutes: readonly Route[] = [
  [
    'GET /api/sites/:id/rules',
    async (c) => {
      const { model } = await siteModel(c);
      const { matrix } = model;
      // Each firewall with its own platform first, then the other platforms it could be printed for.
      const entries = matrix.firewalls.flatMap((f) => [
        { firewall: f.name, target: f.platform, platform: true },
        ...firewallTargets
          .filter((t) => t.id !== f.platform)
          .map((t) => ({ firewall: f.name, target: t.id, platform: false })),
      ]);
      const proxy = matrix.proxy
        ? Object.values(targets)
            .filter((t) => t.scope === 'proxy')
            .map((t) => ({ firewall: matrix.proxy?.name as string, target: t.id, platform: false, proxy: true }))
        : [];
      return c.json([...entries, ...proxy]);
    },
  ],
  [
    'GET /api/sites/:id/rules/:firewall/:target',
    async (c) => {
      const { filename, text, findings } = await rulesOf(c);
      return c.json({ filename, text, findings });
    },
  ],
  [
    'GET /api/sites/:id/rules/:firewall/:target/download',
    async (c) => {
      const { filename, text, mediaType } = await rulesOf(c);
      const safe = filename.replace(/[^A-Za-z0-9._-]+/g, '-');
      return c.body(text, 200, {
        'Content-Type': `${mediaType ?? 'text/plain'}; charset=utf-8`,
        'Content-Disposition': `attachment; filename="${safe}"`,
      });
    },
  ],
];

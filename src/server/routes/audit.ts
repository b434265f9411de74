import { parseDocument } from 'yaml';
import { z } from 'zod';
import { text } from '../../model/text.js';
import { pattern, refinement } from '../../model/zod-words.js';
import type { Route } from '../app.js';
import { apiFinding, auditOf, today } from '../audit-model.js';
import { ApiError } from '../errors.js';
import { actorOf, bodyOf, langParam } from '../input.js';
import { apiIssues } from '../site-model.js';
import { checkSiteText, rememberSite, saveSiteVersion, siteModel, siteText, writeSites } from '../sites.js';

const Suppress = z
  .strictObject({
    rule: z.string().min(1).max(200).optional(),
    flow: z.string().min(1).max(400).optional(),
    key: z.string().min(1).max(100).optional(),
    justification: z.string().trim().min(1).max(2000),
    owner: z.string().trim().min(1).max(200),
    // The pattern and words of a site's suppressions (src/model/site-policy.ts): one pattern, one French.
    expires: z
      .string()
      .regex(
        ...pattern(/^\d{4}-\d{2}-\d{2}$/, text('une date s’écrit AAAA-MM-JJ', 'expires is a date written YYYY-MM-DD')),
      ),
    baseVersion: z.number().int().min(1).optional(),
  })
  .refine(
    (s) => s.rule || s.flow || s.key,
    refinement(text('nommez au moins l’un de rule, flow ou key', 'name at least one of rule, flow or key')),
  );

export const auditRoutes: readonly Route[] = [
  [
    'GET /api/sites/:id/audit',
    async (c) => {
      const { head, model } = await siteModel(c);
      const lang = langParam(c);
      const result = auditOf(c.var.app, head, model, c.var.app.options.today?.() ?? today());
      return c.json({
        findings: result.findings.map((f) => apiFinding(f, lang)),
        warnings: apiIssues(model.placeIssues(result.warnings)),
      });
    },
  ],
  [
    'POST /api/sites/:id/suppressions',
    async (c) => {
      const { head } = await siteModel(c);
      const { baseVersion, ...suppression } = await bodyOf(c, Suppress);
      const base = baseVersion ?? head.version;
      const text = await siteText(c.var.app.store.db, head.id, base);
      // Written into the site text itself, comments and layout kept: the site file stays the one source.
      const doc = parseDocument(text);
      if (doc.errors.length > 0) throw new ApiError(422, 'invalid-site', 'the site text does not parse');
      // A site without suppressions gets the list (addIn on a missing key would make a mapping).
      if (doc.hasIn(['suppressions'])) doc.addIn(['suppressions'], doc.createNode(suppression));
      else doc.setIn(['suppressions'], doc.createNode([suppression]));
      const yaml = doc.toString({ lineWidth: 0 });
      const model = checkSiteText(yaml);
      const message = `suppress ${suppression.rule ?? ''} ${suppression.flow ?? ''} ${suppression.key ?? ''}`.replace(
        /\s+/g,
        ' ',
      );
      const version = await writeSites(c, (trx) =>
        saveSiteVersion(trx, actorOf(c), head.id, base, yaml, message.trim()),
      );
      rememberSite(c, head.id, version, model);
      return c.json({ version });
    },
  ],
  [
    'GET /api/sites/:id/zones',
    async (c) => {
      const { head, model } = await siteModel(c);
      const { matrix } = model;
      const violating = new Set<string>();
      for (const f of auditOf(c.var.app, head, model, c.var.app.options.today?.() ?? today()).findings)
        if (f.rule === 'zone-policy' && f.key && !f.suppressed) violating.add(f.key);
      const cells = new Map<string, { from: string; to: string; rows: number; violations: number }>();
      for (const row of matrix.rows) {
        const id = `${row.zoneFrom}\u0000${row.zoneTo}`;
        let cell = cells.get(id);
        if (!cell) {
          cell = { from: row.zoneFrom, to: row.zoneTo, rows: 0, violations: 0 };
          cells.set(id, cell);
        }
        cell.rows++;
        if (violating.has(row.key)) cell.violations++;
      }
      return c.json({
        zones: Object.entries(matrix.zones).map(([name, zone]) => ({ name, cidrs: zone.cidrs })),
        cells: [...cells.values()],
      });
    },
  ],
];

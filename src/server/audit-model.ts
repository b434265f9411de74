import { createHash } from 'node:crypto';
import { type AuditResult, auditSite } from '../audit/run.js';
import type { Finding } from '../model/finding.js';
import type { Lang } from '../model/text.js';
import type { AuditFinding } from './api-types.js';
import type { ModelCache, SiteModel } from './site-model.js';
import type { SiteHead } from './sites.js';

/** The audit of the version a request opened (kept with the model, by site id and version). */
export const auditOf = (app: { models: ModelCache }, head: SiteHead, model: SiteModel, today: string): AuditResult =>
  app.models.audit(head.id, head.version, today, () => auditSite(model, today));

export const today = (): string => new Date().toISOString().slice(0, 10);

/** A finding as the API gives it: texts in one language, a stable id (rule, row, flow). */
export function apiFinding(f: Finding, lang: Lang): AuditFinding {
  const id = createHash('sha256')
    .update([f.rule, f.key ?? '', f.catalog ?? '', f.flow ?? '', f.message.en].join('\u0000'))
    .digest('hex')
    .slice(0, 16);
  return {
    id,
    rule: f.rule,
    severity: f.severity,
    message: f.message[lang],
    ...(f.remediation ? { remediation: f.remediation[lang] } : {}),
    ...(f.catalog ? { catalog: f.catalog } : {}),
    ...(f.flow ? { flow: f.flow } : {}),
    ...(f.key ? { row: f.key } : {}),
    ...(f.reference ? { reference: f.reference } : {}),
    suppressed: f.suppressed ?? null,
  };
}

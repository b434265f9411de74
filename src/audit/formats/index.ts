import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { AuditReport } from './report.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

/** Report formats by id (the `--format` values). */
export const auditFormats = {
  text: renderText,
  json: renderJson,
  sarif: (r: AuditReport) => renderSarif(r),
  junit: renderJunit,
  md: renderMarkdown,
} satisfies Record<string, (r: AuditReport) => string>;
export type AuditFormatId = keyof typeof auditFormats;
export const auditFormatIds = Object.keys(auditFormats) as AuditFormatId[];

export type { AuditReport, SourceLocation } from './report.js';

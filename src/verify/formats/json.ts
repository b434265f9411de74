import type { Lang } from '../../model/text.js';
import type { VerifyReport } from '../report.js';

/** The whole report as JSON (both languages kept: a tool reads it, not a person). */
export const renderJson = (report: VerifyReport, _lang: Lang): string =>
  `${JSON.stringify({ schema: 'flowmatrix-verify/1', ...report }, null, 2)}\n`;

import type { Lang } from '../../model/text.js';
import type { VerifyReport } from '../report.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

/** Report formats by id (the `-f` values of verify). */
export const verifyFormats = {
  text: renderText,
  json: renderJson,
  sarif: (r: VerifyReport, lang: Lang) => renderSarif(r, lang),
  junit: renderJunit,
  md: renderMarkdown,
} satisfies Record<string, (r: VerifyReport, lang: Lang) => string>;
export type VerifyFormatId = keyof typeof verifyFormats;
export const VERIFY_FORMAT_IDS = Object.keys(verifyFormats) as VerifyFormatId[];

import type { Lang } from '../../model/text.js';
import type { MatrixDiff } from '../types.js';
import { renderDiffHtml } from './html.js';
import { renderDiffJson } from './json.js';
import { renderDiffMarkdown } from './markdown.js';
import { renderDiffText } from './text.js';
import { renderDiffXlsx } from './xlsx.js';

/** Every diff format, by id. A plain table: nothing registers itself. */
export const diffFormats = {
  text: (d: MatrixDiff, lang: Lang) => renderDiffText(d, lang),
  json: (d: MatrixDiff) => renderDiffJson(d),
  md: (d: MatrixDiff, lang: Lang) => renderDiffMarkdown(d, lang),
  html: (d: MatrixDiff, lang: Lang) => renderDiffHtml(d, lang),
  xlsx: (d: MatrixDiff, lang: Lang) => renderDiffXlsx(d, lang),
} satisfies Record<string, (d: MatrixDiff, lang: Lang) => string | Uint8Array>;
export type DiffFormatId = keyof typeof diffFormats;
export const DIFF_FORMAT_IDS = Object.keys(diffFormats) as DiffFormatId[];

import type { Lang } from '../../model/text.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { ProbeReport } from './model.js';
import { renderText } from './text.js';

/** Report formats of `flowmatrix probe --format`. */
export const probeFormats = {
  text: renderText,
  json: renderJson,
  junit: renderJunit,
  md: renderMarkdown,
  html: renderHtml,
} satisfies Record<string, (r: ProbeReport, lang: Lang) => string>;
export type ProbeFormatId = keyof typeof probeFormats;
export const PROBE_FORMAT_IDS = Object.keys(probeFormats) as ProbeFormatId[];

export * from './model.js';

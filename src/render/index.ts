import { csv } from './csv.js';
import { dot } from './dot.js';
import { html } from './html/index.js';
import { json } from './json.js';
import { md } from './markdown.js';
import { mermaid } from './mermaid.js';
import type { DocumentFormat } from './types.js';
import { xlsx } from './xlsx/index.js';

export { CSV_PRESETS, type CsvOptions } from './csv.js';
export { renderSequence, roleTitlesOf } from './mermaid.js';
export type { DocumentFormat, RenderOptions } from './types.js';
export type { XlsxOptions } from './xlsx/index.js';

/** Every document format, by id. Add a format here and nowhere else. */
export const formats = { csv, xlsx, md, html, json, mermaid, dot } satisfies Record<string, DocumentFormat>;
export type FormatId = keyof typeof formats;
export const FORMAT_IDS = Object.keys(formats) as FormatId[];

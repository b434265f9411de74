import { csv } from './csv.js';
import { dot } from './dot.js';
import { html } from './html/index.js';
import { json } from './json.js';
import { md } from './markdown.js';
import { mermaid } from './mermaid.js';
import type { DocumentFormat } from './types.js';

/**
 * The document formats that render to text, without the XLSX writer (which deflates with `node:zlib`): what the
 * pure entry (`flowmatrix`) offers. Every format, XLSX included: `formats` in src/render/index.ts.
 */
export const textFormats = { csv, md, html, json, mermaid, dot } satisfies Record<string, DocumentFormat>;
export type TextFormatId = keyof typeof textFormats;

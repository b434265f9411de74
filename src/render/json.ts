import type { Finding } from '../model/finding.js';
import type { Matrix } from '../model/matrix.js';
import { defineFormat, type RenderOptions } from './types.js';

export const JSON_FORMAT_ID = 'flowmatrix/matrix';
export const JSON_FORMAT_VERSION = 1;

export interface MatrixDocument {
  readonly format: typeof JSON_FORMAT_ID;
  readonly version: typeof JSON_FORMAT_VERSION;
  readonly matrix: Matrix;
  readonly findings?: readonly Finding[];
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Object keys sorted at every depth, `undefined` members dropped: the same matrix always gives the same bytes. */
function sortKeys(value: unknown): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = sortKeys(member);
    }
    return out;
  }
  return value as Json;
}

/** The matrix as data in a versioned envelope. Language-independent: every text keeps both `fr` and `en`. */
export function renderJson(matrix: Matrix, options: RenderOptions): string {
  const envelope = {
    format: JSON_FORMAT_ID,
    version: JSON_FORMAT_VERSION,
    matrix: sortKeys(matrix),
    ...(options.findings ? { findings: sortKeys(options.findings) } : {}),
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

export const json = defineFormat({
  id: 'json',
  extension: 'json',
  mediaType: 'application/json',
  binary: false,
  render: renderJson,
});

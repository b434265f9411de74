import type { Finding } from '../model/finding.js';
import type { Matrix } from '../model/matrix.js';
import { jsonChunks } from './json-stream.js';
import { defineFormat, type RenderOptions } from './types.js';

export const JSON_FORMAT_ID = 'flowmatrix/matrix';
export const JSON_FORMAT_VERSION = 1;

export interface MatrixDocument {
  readonly format: typeof JSON_FORMAT_ID;
  readonly version: typeof JSON_FORMAT_VERSION;
  readonly matrix: Matrix;
  readonly findings?: readonly Finding[];
}

/**
 * The matrix as data in a versioned envelope, piece by piece. Language-independent: every text keeps both `fr`
 * and `en`. Object keys are sorted at every depth (the envelope keeps its own order): the same matrix always gives
 * the same bytes.
 */
export function* streamJson(matrix: Matrix, options: RenderOptions): Generator<string> {
  yield `{\n  "format": ${JSON.stringify(JSON_FORMAT_ID)},\n  "version": ${JSON_FORMAT_VERSION},\n  "matrix": `;
  yield* jsonChunks(matrix, '  ', 1);
  if (options.findings) {
    yield ',\n  "findings": ';
    yield* jsonChunks(options.findings, '  ', 1);
  }
  yield '\n}\n';
}

export const renderJson = (matrix: Matrix, options: RenderOptions): string => [...streamJson(matrix, options)].join('');

export const json = defineFormat({
  id: 'json',
  extension: 'json',
  mediaType: 'application/json',
  binary: false,
  render: renderJson,
  stream: streamJson,
});

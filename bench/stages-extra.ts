import type { Matrix } from '../src/model/matrix.js';

/** Stages beyond document formats (targets, audit), keyed by name; each returns the output size. */
export const extraStages: Record<string, (m: Matrix) => Promise<{ bytes: number; extra?: Record<string, number> }>> =
  {};

export { compareRows, rowFields } from './classify.js';
export { type DiffLabels, diffMatrices, hasClass, isEmptyDiff } from './diff.js';
export * from './types.js';

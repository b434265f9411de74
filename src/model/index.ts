export * from './catalog.js';
export * from './finding.js';
export * from './issues.js';
export * from './matrix.js';
export * from './nat.js';
export * from './site.js';
export * from './text.js';
export * from './vocab.js';

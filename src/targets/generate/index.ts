export * from './capabilities.js';
export * from './generate.js';
export * from './merge.js';
export * from './nat.js';
export * from './proxy.js';
export * from './rules.js';
export * from './target.js';

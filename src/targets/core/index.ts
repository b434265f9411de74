export * from './capabilities.js';
export * from './cidr.js';
export * from './escape.js';
export * from './generate.js';
export * from './names.js';
export * from './plan.js';
export * from './rules.js';
export * from './target.js';

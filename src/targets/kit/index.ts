export * from '../../net/prefixes.js';
export * from './escape.js';
export * from './hcl.js';
export * from './names.js';
export * from './nat-linux.js';
export * from './objects.js';
export * from './plan.js';

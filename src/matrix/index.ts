export { stableKey } from './key.js';
export { isEnabled, resolveCatalog, resolveSite, type SiteInput } from './resolve.js';
export type { Overrides } from './settings.js';
export { buildTopology } from './topology.js';

export { stableKey } from './key.js';
export { isEnabled, resolveCatalog, resolveCatalogChecked, resolveSite, type SiteInput } from './resolve.js';
export type { Overrides } from './settings.js';
export { buildTopology } from './topology.js';

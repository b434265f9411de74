import { defineTarget } from '../core/target.js';
import { FORTIOS_CAPABILITIES } from './capabilities.js';
import { type FortiosOptions, renderFortios } from './render.js';

export type { FortiosOptions } from './render.js';

/** Fortinet FortiOS 7.x CLI: address/address6 objects (FQDN and wildcard FQDN), groups, custom services, policies. */
export const fortios = defineTarget<FortiosOptions>({
  id: 'fortios',
  title: { fr: 'Fortinet FortiOS (7.x)', en: 'Fortinet FortiOS (7.x)' },
  capabilities: FORTIOS_CAPABILITIES,
  natView: 'real',
  render: renderFortios,
});

import { defineTarget } from '../core/target.js';
import { SRX_CAPABILITIES } from './capabilities.js';
import { renderSrx, type SrxOptions } from './render.js';

export type { SrxOptions } from './render.js';

/** Juniper SRX (Junos `set` commands): zones, global address book, applications, zone-pair policies. */
export const juniperSrx = defineTarget<SrxOptions>({
  id: 'juniper-srx',
  title: { fr: 'Juniper SRX (Junos)', en: 'Juniper SRX (Junos)' },
  capabilities: SRX_CAPABILITIES,
  natView: 'real',
  render: renderSrx,
});

import { defineTarget } from '../generate/target.js';
import { NFTABLES_CAPABILITIES } from './capabilities.js';
import { nftablesOptions } from './options.js';
import { type NftablesOptions, printNftables } from './print.js';

export type { NftablesOptions } from './print.js';

/** Linux nftables: one `table inet`, named sets per role and service, one forward chain, policy drop. */
export const nftables = defineTarget<NftablesOptions>({
  id: 'nftables',
  title: { fr: 'nftables (Linux)', en: 'nftables (Linux)' },
  capabilities: NFTABLES_CAPABILITIES,
  options: nftablesOptions,
  natView: 'real',
  print: printNftables,
});

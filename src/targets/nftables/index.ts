import { defineTarget } from '../generate/target.js';
import { NFTABLES_CAPABILITIES } from './capabilities.js';
import { nftablesPlatformDelta } from './delta.js';
import { nftablesFindings } from './findings.js';
import { nftablesFormats } from './formats.js';
import { nftablesOptions } from './options.js';
import { printNftables } from './print.js';

export type { NftablesOptions } from './options.js';

/** Linux nftables: one `table inet`, named sets per role and service, a forward chain (policy drop) that jumps by zone pair, source and matrix row (kit/chains.ts). */
export const nftables = defineTarget({
  id: 'nftables',
  title: { fr: 'nftables (Linux)', en: 'nftables (Linux)' },
  capabilities: NFTABLES_CAPABILITIES,
  options: nftablesOptions,
  findings: nftablesFindings,
  natView: 'real',
  formats: nftablesFormats,
  configHint: (firewall) => `${firewall}.nft   # nft list ruleset > ${firewall}.nft`,
  delta: nftablesPlatformDelta,
  print: printNftables,
});

import { defineTarget } from '../generate/target.js';
import { SRX_CAPABILITIES } from './capabilities.js';
import { srxDelta } from './delta.js';
import { srxFindings } from './findings.js';
import { srxFormats } from './formats.js';
import { srxOptions } from './options.js';
import { printSrx } from './print.js';

export type { SrxOptions } from './options.js';

/** Juniper SRX (Junos `set` commands): zones, global address book, applications, zone-pair policies. */
export const juniperSrx = defineTarget({
  id: 'juniper-srx',
  title: { fr: 'Juniper SRX (Junos)', en: 'Juniper SRX (Junos)' },
  capabilities: SRX_CAPABILITIES,
  options: srxOptions,
  findings: srxFindings,
  natView: 'real',
  formats: srxFormats,
  configHint: (firewall) => `${firewall}.set   # show configuration | display set`,
  delta: srxDelta,
  print: printSrx,
});

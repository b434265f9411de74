import { defineTarget } from '../generate/target.js';
import { IPTABLES_CAPABILITIES } from './capabilities.js';
import { iptablesPlatformDelta } from './delta.js';
import { iptablesFindings } from './findings.js';
import { iptablesFormats } from './formats.js';
import { iptablesOptions } from './options.js';
import { printIptables } from './print.js';

export type { IptablesOptions } from './options.js';

/** Linux iptables (iptables-save / ip6tables-save files) with ipset for large address lists. */
export const iptables = defineTarget({
  id: 'iptables',
  title: { fr: 'iptables (Linux)', en: 'iptables (Linux)' },
  capabilities: IPTABLES_CAPABILITIES,
  options: iptablesOptions,
  findings: iptablesFindings,
  natView: 'real',
  formats: iptablesFormats,
  configHint: (firewall) => `${firewall}.v4 --config ${firewall}.v6   # iptables-save, ip6tables-save`,
  delta: iptablesPlatformDelta,
  // A chain of its own, jumped to first from FORWARD, returning what it does not allow to the device's rules (the
  // load script uses --noflush); not the chain a `coexist` policy uses, so loading it never empties that policy.
  additive: { mode: 'coexist', otherwise: 'return', chain: 'FLOWMATRIX-ADD' },
  print: printIptables,
});

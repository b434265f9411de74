import { defineTarget } from '../generate/target.js';
import { FORTIOS_CAPABILITIES } from './capabilities.js';
import { fortiosPlatformDelta } from './delta.js';
import { fortiosFindings } from './findings.js';
import { fortiosFormats } from './formats.js';
import { fortiosOptions } from './options.js';
import { printFortios } from './print.js';

export type { FortiosOptions } from './options.js';

/** Fortinet FortiOS 7.x CLI: address/address6 objects (FQDN and wildcard FQDN), groups, custom services, policies. */
export const fortios = defineTarget({
  id: 'fortios',
  title: { fr: 'Fortinet FortiOS (7.x)', en: 'Fortinet FortiOS (7.x)' },
  capabilities: FORTIOS_CAPABILITIES,
  options: fortiosOptions,
  findings: fortiosFindings,
  natView: 'real',
  formats: fortiosFormats,
  configHint: (firewall) => `${firewall}.conf   # show full-configuration`,
  delta: fortiosPlatformDelta,
  print: printFortios,
});

import { defineTarget } from '../generate/target.js';
import { ASA_CAPABILITIES } from './capabilities.js';
import { asaPlatformDelta } from './delta.js';
import { asaFindings } from './findings.js';
import { asaFormats } from './formats.js';
import { asaOptions } from './options.js';
import { printAsa } from './print.js';

export type { AsaOptions } from './options.js';

/** Cisco ASA 9.x: network objects and object-groups, one `<interface>_access_in` ACL per ingress interface. */
export const ciscoAsa = defineTarget({
  id: 'cisco-asa',
  title: { fr: 'Cisco ASA (9.x)', en: 'Cisco ASA (9.x)' },
  capabilities: ASA_CAPABILITIES,
  options: asaOptions,
  findings: asaFindings,
  natView: 'real',
  formats: asaFormats,
  configHint: (firewall) => `${firewall}.cfg   # show running-config`,
  delta: asaPlatformDelta,
  print: printAsa,
});

import { defineTarget } from '../generate/target.js';
import { PANOS_CAPABILITIES } from './capabilities.js';
import { panosDelta } from './delta.js';
import { panosFindings } from './findings.js';
import { panosFormats } from './formats.js';
import { panosOptions } from './options.js';
import { printPanos } from './print.js';

export type { PanosOptions } from './options.js';

/** Palo Alto PAN-OS: `set` commands for addresses, address groups, services and security rules. */
export const panos = defineTarget({
  id: 'panos',
  title: { fr: 'Palo Alto PAN-OS', en: 'Palo Alto PAN-OS' },
  capabilities: PANOS_CAPABILITIES,
  options: panosOptions,
  findings: panosFindings,
  natView: 'pre-nat',
  formats: panosFormats,
  configHint: (firewall) => `${firewall}.xml   # running configuration`,
  delta: panosDelta,
  print: printPanos,
});

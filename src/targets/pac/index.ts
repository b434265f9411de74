import { defineProxyTarget } from '../generate/target.js';
import { PAC_CAPABILITIES } from './capabilities.js';
import { pacFindings } from './findings.js';
import { pacOptions } from './options.js';
import { printPac } from './render.js';

export type { PacOptions } from './options.js';

/** Proxy auto-configuration file for the site's outbound proxy, ordered as Microsoft's Get-PacFile. */
export const pac = defineProxyTarget({
  id: 'pac',
  title: { fr: 'Fichier PAC (configuration automatique du proxy)', en: 'PAC file (proxy auto-configuration)' },
  capabilities: PAC_CAPABILITIES,
  options: pacOptions,
  findings: pacFindings,
  scope: 'proxy',
  forEveryProxy: true,
  print: printPac,
});

import { defineProxyTarget } from '../generate/target.js';
import { SQUID_CAPABILITIES } from './capabilities.js';
import { squidFindings } from './findings.js';
import { squidOptions } from './options.js';
import { printSquid } from './render.js';

export type { SquidOptions } from './options.js';

/** Squid access rules (`acl` + `http_access`) for the site's outbound proxy, ending in `http_access deny all`. */
export const squid = defineProxyTarget({
  id: 'squid',
  title: { fr: 'Squid (règles d’accès du proxy)', en: 'Squid (proxy access rules)' },
  capabilities: SQUID_CAPABILITIES,
  options: squidOptions,
  findings: squidFindings,
  scope: 'proxy',
  print: printSquid,
});

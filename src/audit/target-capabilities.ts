// Written by `npm run docs` (scripts/emit-target-capabilities.ts) from the targets' registry: do not edit.
// The audit reads them here so that it loads no target (the registry brings every printer with it).

import type { NameCapabilities } from './types.js';

/** What each target can match by name, as its capabilities declare (src/targets/<id>/capabilities.ts). */
export const TARGET_NAME_CAPABILITIES: Readonly<Record<string, NameCapabilities>> = {
  nftables: { fqdn: false, wildcardFqdn: false },
  iptables: { fqdn: false, wildcardFqdn: false },
  'cisco-asa': { fqdn: true, wildcardFqdn: false },
  panos: { fqdn: true, wildcardFqdn: false },
  fortios: { fqdn: true, wildcardFqdn: true },
  'juniper-srx': { fqdn: true, wildcardFqdn: false },
  'windows-firewall': { fqdn: false, wildcardFqdn: false },
  'aws-sg': { fqdn: false, wildcardFqdn: false },
  'azure-nsg': { fqdn: false, wildcardFqdn: false },
  kubernetes: { fqdn: false, wildcardFqdn: false },
  pac: { fqdn: true, wildcardFqdn: true },
  squid: { fqdn: true, wildcardFqdn: true },
};

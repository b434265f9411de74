import { defineTarget } from '../generate/target.js';
import { WINDOWS_FIREWALL_CAPABILITIES } from './capabilities.js';
import { windowsFirewallFindings } from './findings.js';
import { windowsFirewallFormats } from './formats.js';
import { windowsFirewallOptions } from './options.js';
import { printWindowsFirewall } from './print.js';

export type { WindowsFirewallOptions } from './options.js';

/**
 * Windows Defender Firewall: one idempotent PowerShell script of New-NetFirewallRule per firewall entry. A host
 * firewall sits on the hosts, so each rule is written from both ends: inbound on the destination hosts, outbound on
 * the source hosts, each scoped by -LocalAddress so the same script can run on every host of the zones.
 */
export const windowsFirewall = defineTarget({
  id: 'windows-firewall',
  title: { fr: 'Pare-feu Windows Defender (PowerShell)', en: 'Windows Defender Firewall (PowerShell)' },
  capabilities: WINDOWS_FIREWALL_CAPABILITIES,
  options: windowsFirewallOptions,
  findings: windowsFirewallFindings,
  formats: windowsFirewallFormats,
  print: printWindowsFirewall,
});

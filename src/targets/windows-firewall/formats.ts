import { type ConfigFormat, singleFile } from '../../ruleset/config-file.js';
import { parseWindowsFirewall } from './parse/index.js';

/** What `verify` reads: a script of New-NetFirewallRule commands (ours, or one written like it). */
export const windowsFirewallFormats: readonly ConfigFormat[] = [
  {
    id: 'windows-firewall',
    title: 'Windows Defender Firewall script (New-NetFirewallRule)',
    target: 'windows-firewall',
    detect: (text) => /^\s*New-NetFirewallRule\b/im.test(text.slice(0, 262144)),
    parse: singleFile(parseWindowsFirewall),
  },
];

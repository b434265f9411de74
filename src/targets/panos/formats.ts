import { type ConfigFormat, singleFile } from '../../ruleset/config-file.js';
import { parsePanosSet, parsePanosXml } from './parse/index.js';

/** What `verify` reads PAN-OS and Panorama in: the XML configuration, or `set` commands. */
export const panosFormats: readonly ConfigFormat[] = [
  {
    id: 'panos-xml',
    title: 'PAN-OS or Panorama XML configuration',
    target: 'panos',
    zones: 'zones',
    scoped: true,
    detect: (text) => /^\s*(<\?xml[^>]*>\s*)?(<response[^>]*>\s*<result[^>]*>\s*)?<config\b/.test(text.slice(0, 4096)),
    parse: singleFile(parsePanosXml),
  },
  {
    id: 'panos-set',
    title: 'PAN-OS or Panorama set commands',
    target: 'panos',
    zones: 'zones',
    scoped: true,
    detect: (text) =>
      /^set (rulebase|deviceconfig|device-group \S+ (pre|post)-rulebase|address \S+ (ip-netmask|ip-range|fqdn) )/m.test(
        text.slice(0, 262144),
      ),
    parse: singleFile(parsePanosSet),
  },
];

import { type ConfigFormat, singleFile } from '../../ruleset/config-file.js';
import { looksLikeSrx, parseSrxConfig } from './parse/index.js';

/** What `verify` reads an SRX in: `show configuration`, braces or `| display set`. */
export const srxFormats: readonly ConfigFormat[] = [
  {
    id: 'srx',
    title: 'Juniper SRX (show configuration, | display set)',
    target: 'juniper-srx',
    zones: 'zones',
    detect: looksLikeSrx,
    parse: singleFile(parseSrxConfig),
  },
];

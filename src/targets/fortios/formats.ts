import { type ConfigFormat, singleFile } from '../../ruleset/config-file.js';
import { looksLikeFortios, parseFortiosConfig } from './parse/index.js';

/** What `verify` reads FortiOS in: `show` or `show full-configuration`. */
export const fortiosFormats: readonly ConfigFormat[] = [
  {
    id: 'fortios',
    title: 'FortiOS (show, show full-configuration)',
    target: 'fortios',
    zones: 'interfaces',
    detect: looksLikeFortios,
    parse: singleFile(parseFortiosConfig),
  },
];

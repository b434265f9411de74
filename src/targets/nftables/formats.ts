import { type ConfigFormat, singleFile } from '../../ruleset/config-file.js';
import { parseNftJson } from './parse/json.js';
import { parseNftText } from './parse/text.js';

/** What `verify` reads nftables in: the JSON listing, and the text of `nft list ruleset` or an `nft -f` script. */
export const nftablesFormats: readonly ConfigFormat[] = [
  {
    id: 'nft-json',
    title: 'nftables JSON (nft -j list ruleset)',
    target: 'nftables',
    detect: (text) => /^\s*\{\s*"nftables"\s*:/.test(text),
    parse: singleFile(parseNftJson),
  },
  {
    id: 'nft',
    title: 'nftables (nft list ruleset, nft -f scripts)',
    target: 'nftables',
    detect: (text) =>
      /^\s*(table|add table|flush ruleset|define)\b/m.test(text.slice(0, 65536)) && !/^\*filter/m.test(text),
    parse: singleFile(parseNftText),
  },
];

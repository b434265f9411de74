import type { ConfigFormat } from '../../ruleset/config-file.js';
import { parseIptables } from './parse/index.js';

/** iptables-save or iptables-restore, ip6tables-save and ipset save files, read together into one ruleset. */
export const iptablesFormats: readonly ConfigFormat[] = [
  {
    id: 'iptables',
    title: 'iptables-save (or iptables-restore input), ip6tables-save and ipset save (several files together)',
    target: 'iptables',
    detect: (text) =>
      /^\*(filter|nat|mangle|raw|security)\s*$/m.test(text.slice(0, 262144)) ||
      /^create \S+ (hash|bitmap|list):/m.test(text.slice(0, 4096)),
    parse: (files) => {
      const r = parseIptables(files.map((f) => ({ file: f.path, text: f.text })));
      return r.ok ? { ok: true, value: r.value.ruleset, warnings: r.warnings } : r;
    },
  },
];

import { describe, expect, it } from 'vitest';
import { pickFormat } from '../../src/verify/config-formats.js';

/** A few lines of each syntax, as the device or its tool writes them. */
const SAMPLES: [id: string, text: string][] = [
  ['iptables', '*filter\n:FORWARD DROP [0:0]\n-A FORWARD -p tcp --dport 443 -j ACCEPT\nCOMMIT\n'],
  ['iptables', 'create web hash:net family inet\nadd web 192.0.2.0/24\n'],
  ['nft', 'table inet fw {\n\tchain forward {\n\t\ttype filter hook forward priority filter; policy drop;\n\t}\n}\n'],
  [
    'panos-set',
    'set rulebase security rules web from untrust to trust source any destination any application any service any action allow\n',
  ],
  ['fortios', 'config firewall policy\n    edit 1\n        set action accept\n    next\nend\n'],
];

describe('configuration format detection', () => {
  it.each(SAMPLES)('tells %s with or without a byte-order mark in front', (id, text) => {
    const plain = pickFormat('auto', [{ path: 'fw.conf', text }]);
    expect(plain.ok && plain.value.id).toBe(id);
    const saved = pickFormat('auto', [{ path: 'fw.conf', text: `\uFEFF${text}` }]);
    expect(saved.ok && saved.value.id).toBe(id);
  });
});

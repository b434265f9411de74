import { describe, expect, it } from 'vitest';
import { parseFortiosConfig } from '../../../src/targets/fortios/parse/index.js';
import { decision, decisionText } from '../support/decide.js';
import { must } from '../support/verify-round-trip.js';

const CONFIG = [
  'config firewall policy',
  '    edit 1',
  '        set srcintf "port1"',
  '        set dstintf "port2"',
  '        set srcaddr "all"',
  '        set dstaddr "all"',
  '        set action accept',
  '        set schedule "always"',
  '        set service "HTTPS"',
  '    next',
  'end',
];
const decide = (text: string) =>
  decisionText(
    decision(
      must(parseFortiosConfig({ path: 'fw.conf', text })),
      'tcp 10.1.2.3:40000 -> 192.0.2.10:443 from-zone port1 to-zone port2',
    ),
  );

// A Unicode space (a Windows editor's BOM, a no-break space pasted from a web page) read as an empty word that never
// moved the scan on: verify hung until killed.
describe('FortiOS configuration with Unicode spaces', () => {
  it('reads a file that starts with a byte-order mark, with CRLF line ends', () => {
    expect(decide(`\uFEFF${CONFIG.join('\r\n')}\r\n`)).toBe('accept 2');
  });

  it('reads no-break spaces between words as spaces', () => {
    expect(decide(CONFIG.map((l) => l.replace('set ', 'set\u00a0')).join('\n'))).toBe('accept 2');
  });
});

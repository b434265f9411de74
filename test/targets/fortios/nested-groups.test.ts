import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import { parseFortiosConfig } from '../../../src/targets/fortios/parse/index.js';

/** 2^40 paths: a walk per path would never end (the test's timeout stops it), a walk per group is instant. */
const DEPTH = 40;

// Nested service groups were walked once per path: groups sharing members (a diamond) took 2^depth steps and kept
// 2^depth copies of the same ports — 22 levels took seconds, 40 would never end.
describe('FortiOS nested service groups resolve in time linear in their number', () => {
  it('service groups nested as a diamond', () => {
    const entries: string[] = [];
    for (let k = 0; k < DEPTH; k++)
      for (const a of ['S', 'T'])
        entries.push(`    edit "${a}${k}"`, `        set member "S${k + 1}" "T${k + 1}"`, '    next');
    for (const a of ['S', 'T']) entries.push(`    edit "${a}${DEPTH}"`, '        set member "HTTPS"', '    next');
    const text = [
      'config firewall service group',
      ...entries,
      'end',
      'config firewall policy',
      '    edit 1',
      ...[
        'srcintf "port1"',
        'dstintf "port2"',
        'srcaddr "all"',
        'dstaddr "all"',
        'action accept',
        'schedule "always"',
      ].map((s) => `        set ${s}`),
      '        set service "S0"',
      '    next',
      'end',
    ].join('\n');
    const r = parseFortiosConfig({ path: 'fw.conf', text });
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const p = parsePacket('tcp 10.1.2.3:40000 -> 192.0.2.10:443 from-zone port1 to-zone port2');
    if (!p.ok) throw new Error(p.message);
    const d = evaluate(r.value, p.value);
    expect(d.kind === 'decided' ? d.action : d.kind).toBe('accept');
  });
});

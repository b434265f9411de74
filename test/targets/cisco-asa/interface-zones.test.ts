import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/model/issues.js';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import { parseAsa } from '../../../src/targets/cisco-asa/parse/index.js';

/** Two interfaces by hardware name and nameif, an inbound access-list on outside; one interface without nameif. */
const CONFIG = `ASA Version 9.12(4)
hostname fw
interface GigabitEthernet0/0
 nameif outside
 security-level 0
interface GigabitEthernet0/1
 nameif inside
 security-level 100
interface GigabitEthernet0/2
 no nameif
access-list OUTSIDE_IN extended permit tcp any host 192.168.10.1 eq 8080
access-group OUTSIDE_IN in interface outside
`;

const r = parseAsa([{ path: 'fw.cfg', text: CONFIG }]);
if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
const ruleset = r.value;

const decide = (text: string): string => {
  const p = parsePacket(text);
  if (!p.ok) throw new Error(p.message);
  const d = evaluate(ruleset, p.value);
  return d.kind === 'decided' ? `${d.action}${d.decidedBy ? `@${d.decidedBy.rule.provenance.line}` : ''}` : d.kind;
};

describe('cisco-asa: a packet entering by an interface is in the zone of its nameif', () => {
  it('places each interface by hardware name and by nameif; one without nameif is not placed', () => {
    expect({ ...ruleset.interfaceZones }).toEqual({
      'GigabitEthernet0/0': 'outside',
      outside: 'outside',
      'GigabitEthernet0/1': 'inside',
      inside: 'inside',
    });
  });

  it.each([
    ['tcp 172.16.1.1:2000 -> 192.168.10.1:8080 in outside out inside', 'accept@11'],
    ['tcp 172.16.1.1:2000 -> 192.168.10.1:8080 in GigabitEthernet0/0 out GigabitEthernet0/1', 'accept@11'],
    // The access-list's implicit deny, whatever the egress.
    ['tcp 172.16.1.1:2000 -> 192.168.10.1:22 in outside', 'drop'],
    ['tcp 172.16.1.1:2000 -> 192.168.10.1:22 in GigabitEthernet0/0', 'drop'],
    // No access-list on inside: security levels, to a lower one.
    ['tcp 192.168.10.1:2000 -> 172.16.1.1:443 in inside out outside', 'accept@8'],
    // The way back out of outside stays closed (no same-security-traffic permit intra-interface).
    ['tcp 172.16.1.1:2000 -> 192.168.10.1:8080 in outside out outside', 'drop@5'],
  ])('%s: %s', (packet, expected) => {
    expect(decide(packet)).toBe(expected);
  });
});

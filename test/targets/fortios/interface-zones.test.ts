import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import { parseFortiosConfig } from '../../../src/targets/fortios/parse/index.js';
import { must } from '../support/verify-round-trip.js';

/** Zone lan of port1 and port2 (intrazone allow), port3 bare: lan → port3 on 443 accepted, port3 → lan denied. */
const CONFIG = `config system interface
    edit "port1"
        set ip 10.1.0.1 255.255.255.0
    next
    edit "port2"
        set ip 10.2.0.1 255.255.255.0
    next
    edit "port3"
        set ip 203.0.113.1 255.255.255.0
    next
end
config system zone
    edit "lan"
        set intrazone allow
        set interface "port1" "port2"
    next
end
config firewall policy
    edit 1
        set srcintf "lan"
        set dstintf "port3"
        set srcaddr "all"
        set dstaddr "all"
        set action accept
        set schedule "always"
        set service "HTTPS"
    next
    edit 2
        set srcintf "port3"
        set dstintf "lan"
        set srcaddr "all"
        set dstaddr "all"
        set action deny
        set schedule "always"
        set service "ALL"
    next
end
`;

const ruleset = must(parseFortiosConfig({ path: 'fw.conf', text: CONFIG }));

const decide = (text: string): string => {
  const p = parsePacket(text);
  if (!p.ok) throw new Error(p.message);
  const d = evaluate(ruleset, p.value);
  return d.kind === 'decided' ? `${d.action}${d.decidedBy ? `@${d.decidedBy.rule.provenance.line}` : ''}` : d.kind;
};

describe('fortios: a packet entering by an interface is in its zone, or its own zone when in none', () => {
  it('places zone members in the zone and a bare interface in itself', () => {
    expect({ ...ruleset.interfaceZones }).toEqual({ port1: 'lan', port2: 'lan', port3: 'port3' });
  });

  it.each([
    ['tcp 10.1.0.5:40000 -> 198.51.100.7:443 in port1 out port3', 'accept@19'],
    ['tcp 10.2.0.5:40000 -> 198.51.100.7:443 in port2 out port3', 'accept@19'],
    ['tcp 10.1.0.5:40000 -> 198.51.100.7:22 in port1 out port3', 'drop'],
    // Dropped whichever way it leaves (by policy 2 into lan, by the implicit deny elsewhere): no egress needed (to an
    // address no interface network holds; 10.1.0.5 leaves by port1's, see routes.test.ts).
    ['tcp 198.51.100.7:40000 -> 192.0.2.5:443 in port3', 'drop'],
    ['tcp 198.51.100.7:40000 -> 10.1.0.5:443 in port3', 'drop@28'],
    ['tcp 198.51.100.7:40000 -> 10.1.0.5:443 in port3 out port1', 'drop@28'],
    // intrazone allow: between two interfaces of lan, not back out the same one.
    ['tcp 10.1.0.5:40000 -> 10.2.0.5:22 in port1 out port2', 'accept@14'],
    ['tcp 10.1.0.5:40000 -> 10.1.0.6:22 in port1 out port1', 'drop'],
    // The zone said, or the interface as a zone (policies of a zone stand for its interfaces): the same.
    ['tcp 10.1.0.5:40000 -> 198.51.100.7:443 in port1 from-zone lan out port3', 'accept@19'],
    ['tcp 10.1.0.5:40000 -> 198.51.100.7:443 in port1 from-zone port1 out port3 to-zone port3', 'accept@19'],
  ])('%s: %s', (packet, expected) => {
    expect(decide(packet)).toBe(expected);
  });

  it('a zone that contradicts the interface is no answer', () => {
    expect(decide('tcp 10.1.0.5:40000 -> 198.51.100.7:443 in port1 from-zone port3 out port3')).toBe('indeterminate');
  });
});

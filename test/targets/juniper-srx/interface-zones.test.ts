import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/ruleset/evaluate.js';
import { parsePacket } from '../../../src/ruleset/packet.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { parseSrxConfig } from '../../../src/targets/juniper-srx/parse/index.js';
import { must } from '../support/verify-round-trip.js';

const POLICIES = `set security policies from-zone untrust to-zone trust policy web match source-address any destination-address any application junos-http
set security policies from-zone untrust to-zone trust policy web then permit
set security policies from-zone trust to-zone untrust policy out match source-address any destination-address any application any
set security policies from-zone trust to-zone untrust policy out then permit
`;
const SET = `set security zones security-zone trust interfaces ge-0/0/1.0
set security zones security-zone untrust interfaces ge-0/0/0.0
set security zones security-zone untrust interfaces ge-0/0/2.100
${POLICIES}`;
const BRACES = `security {
    policies {
        from-zone untrust to-zone trust {
            policy web {
                match { source-address any; destination-address any; application junos-http; }
                then { permit; }
            }
        }
        from-zone trust to-zone untrust {
            policy out {
                match { source-address any; destination-address any; application any; }
                then { permit; }
            }
        }
    }
    zones {
        security-zone trust {
            interfaces {
                ge-0/0/1.0 {
                    host-inbound-traffic { system-services { ping; } }
                }
            }
        }
        security-zone untrust {
            interfaces {
                ge-0/0/0.0;
                ge-0/0/2.100;
            }
        }
    }
}
`;

const decide = (ruleset: Ruleset, text: string): string => {
  const p = parsePacket(text);
  if (!p.ok) throw new Error(p.message);
  const d = evaluate(ruleset, p.value);
  return d.kind === 'decided' ? d.action : d.kind;
};

describe.each([
  ['set', SET],
  ['braces', BRACES],
])('juniper-srx (%s): a packet entering by an interface is in its security zone', (_, text) => {
  const ruleset = must(parseSrxConfig({ path: 'srx.conf', text }));

  it('places each unit in its zone, unit 0 by the interface name too', () => {
    expect({ ...ruleset.interfaceZones }).toEqual({
      'ge-0/0/1.0': 'trust',
      'ge-0/0/1': 'trust',
      'ge-0/0/0.0': 'untrust',
      'ge-0/0/0': 'untrust',
      'ge-0/0/2.100': 'untrust',
    });
  });

  it.each([
    ['tcp 198.51.100.7:40000 -> 10.1.0.5:80 in ge-0/0/0.0 out ge-0/0/1.0', 'accept'],
    ['tcp 198.51.100.7:40000 -> 10.1.0.5:80 in ge-0/0/2.100 to-zone trust', 'accept'],
    ['tcp 198.51.100.7:40000 -> 10.1.0.5:22 in ge-0/0/0 out ge-0/0/1', 'drop'],
    ['tcp 10.1.0.5:40000 -> 198.51.100.7:22 in ge-0/0/1.0 out ge-0/0/0.0', 'accept'],
    // Nothing leaves untrust but for web, and that to trust only: drop whichever way it leaves.
    ['tcp 198.51.100.7:40000 -> 10.1.0.5:22 in ge-0/0/0.0', 'drop'],
    // A zone other than the interface's: no answer.
    ['tcp 198.51.100.7:40000 -> 10.1.0.5:80 in ge-0/0/0.0 from-zone trust to-zone trust', 'indeterminate'],
  ])('%s: %s', (packet, expected) => {
    expect(decide(ruleset, packet)).toBe(expected);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netnsRequirements } from '../../support/netns.js';
import { createOracleLab, type OracleLab } from '../../support/netns-oracle.js';
import { missing, requirements } from '../../support/system.js';
import { agreeOnFiles } from './kernel-files.js';
import type { Sampled } from './parse-sampler.js';

/**
 * `--ctstate RELATED,ESTABLISHED,DNAT` (firewalld's first FORWARD rule): a listed state, or a connection whose
 * destination was translated. Decided for every packet (a new one is accepted exactly when nat PREROUTING translated
 * it), and the kernel agrees, IPv4 and IPv6.
 */
const skip = missing(requirements.netns, requirements.iptables, requirements.nft, netnsRequirements.ping);

const V4 = `*nat
:PREROUTING ACCEPT [0:0]
-A PREROUTING -d 10.1.0.10/32 -p tcp --dport 80 -j DNAT --to-destination 10.2.0.20:8080
-A PREROUTING -d 10.1.0.11/32 -p udp -j DNAT --to-destination 10.2.0.21
COMMIT
*filter
:FORWARD DROP [0:0]
:fwd - [0:0]
-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED,DNAT -j fwd
-A FORWARD -s 10.9.0.0/16 -m conntrack ! --ctstate INVALID,DNAT -j ACCEPT
-A fwd -p tcp -j ACCEPT
-A fwd -p udp --dport 53 -j ACCEPT
COMMIT
`;

const V6 = `*nat
:PREROUTING ACCEPT [0:0]
-A PREROUTING -d 2001:db8:1::10/128 -p tcp --dport 80 -j DNAT --to-destination [2001:db8:2::20]:8080
COMMIT
*filter
:FORWARD DROP [0:0]
-A FORWARD -m conntrack --ctstate ESTABLISHED,DNAT -j ACCEPT
COMMIT
`;

function samples(): Sampled[] {
  const list: ['tcp' | 'udp', string, string, number][] = [
    ['tcp', '10.8.0.1', '10.1.0.10', 80],
    ['tcp', '10.8.0.2', '10.1.0.10', 81],
    ['udp', '10.8.0.3', '10.1.0.11', 53],
    ['udp', '10.8.0.4', '10.1.0.11', 54],
    ['tcp', '10.8.0.5', '10.2.0.20', 8080],
    ['tcp', '10.9.0.6', '10.2.0.30', 22],
    ['tcp', '10.9.0.7', '10.1.0.10', 80],
    ['tcp', '2001:db8:9::1', '2001:db8:1::10', 80],
    ['tcp', '2001:db8:9::2', '2001:db8:1::10', 81],
    ['tcp', '2001:db8:9::3', '2001:db8:2::20', 8080],
  ];
  return list.map(([proto, src, dst, dport], i) => {
    const at = (a: string, p: number) => (a.includes(':') ? `[${a}]:${p}` : `${a}:${p}`);
    const sport = 40000 + i;
    return {
      probe: { proto, src, dst, sport, dport },
      in: 'eth1',
      out: 'eth2',
      packet: `${proto} ${at(src, sport)} -> ${at(dst, dport)}`,
    };
  });
}

describe.skipIf(skip)('iptables --ctstate with DNAT among states: evaluate agrees with the kernel', () => {
  let lab: OracleLab | undefined;
  beforeAll(async () => {
    lab = await createOracleLab();
  }, 60_000);
  afterAll(() => lab?.destroy());

  it('a listed state or a translated destination; negated, neither', async () => {
    const a = await agreeOnFiles(lab, 'ct', { v4: V4, v6: V6 }, samples());
    expect(a.mismatches).toEqual([]);
    expect(a.indeterminate).toBe(0);
    expect(a.sent).toBe(samples().length);
    expect(a.translated).toBe(5);
    // Translated and allowed (fwd: tcp, udp to 53; IPv6 to 80), and 10.9.0.6 untranslated by the negated match.
    expect(a.accepted).toBe(5);
  }, 240_000);
});

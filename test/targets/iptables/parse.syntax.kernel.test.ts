import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netnsRequirements } from '../../support/netns.js';
import { createOracleLab, type OracleLab } from '../../support/netns-oracle.js';
import { missing, requirements } from '../../support/system.js';
import { agreeOnFiles } from './kernel-files.js';
import type { Sampled } from './parse-sampler.js';

/**
 * Address masks whose ones are not contiguous (`-d 10.0.0.0/255.0.255.0`, which iptables-save writes as such),
 * ICMP type/code matches, numbers as libxtables reads them (`010` is octal) and rule options written after the
 * target, against the kernel: loaded with iptables-restore and ip6tables-restore in a firewall
 * namespace, every probe below must arrive exactly when `evaluate` accepts it.
 */
const skip = missing(requirements.netns, requirements.iptables, requirements.nft, netnsRequirements.ping);

const V4 = `*nat
:PREROUTING ACCEPT [0:0]
-A PREROUTING -d 10.70.0.1/32 -p tcp --dport 80 -j DNAT --to-destination 10.71.0.1:010
COMMIT
*filter
:FORWARD DROP [0:0]
-A FORWARD -d 10.71.0.1/32 -p tcp -j ACCEPT
-A FORWARD -d 10.40.0.0/255.0.255.0 -p tcp --dport 80 -j ACCEPT
-A FORWARD -s 172.16.0.9/255.255.0.255 -p udp -j ACCEPT
-A FORWARD -s 10.77.0.0/16 -p icmp --icmp-type 8/0 -j ACCEPT
-A FORWARD -s 10.78.0.0/16 -p icmp --icmp-type 8/1 -j ACCEPT
-A FORWARD -s 192.168.001.010 -p udp --dport 010 -j ACCEPT
-A FORWARD -s 192.168.001.011 -p tcp --dport 010 -j ACCEPT
-A FORWARD -s 10.62/16 -p 021 -j ACCEPT
-A FORWARD -s 10.63.0.0/0x10 -p icmp --icmp-type 010 -j ACCEPT
-A FORWARD -j ACCEPT -s 10.90.0.0/16 -p tcp
-A FORWARD -j REJECT --reject-with tcp-reset -s 10.91.0.0/16 -p tcp --dport 22
-A FORWARD -s 10.91.0.0/16 -j ACCEPT
COMMIT
`;

const V6 = `*filter
:FORWARD DROP [0:0]
-A FORWARD -d 2001:db8::5/ffff:ffff:ffff:ffff:ffff:ffff:ffff:f0ff -p udp -j ACCEPT
COMMIT
`;

function samples(): Sampled[] {
  const out: Sampled[] = [];
  const add = (proto: 'tcp' | 'udp' | 'icmp', src: string, dst: string, dport: number): void => {
    const at = (a: string, p: number) => (proto === 'icmp' ? a : a.includes(':') ? `[${a}]:${p}` : `${a}:${p}`);
    const sport = proto === 'icmp' ? 0 : 40000 + out.length;
    const tail = proto === 'icmp' ? ' type echo-request code 0' : '';
    out.push({
      probe: { proto, src, dst, sport, dport: proto === 'icmp' ? 0 : dport },
      in: 'eth1',
      out: 'eth2',
      packet: `${proto} ${at(src, sport)} -> ${at(dst, dport)}${tail}`,
    });
  };
  let n = 1;
  for (const second of [0, 7, 255])
    for (const third of [0, 1, 255])
      for (const dport of [80, 81]) add('tcp', `192.0.2.${n++}`, `10.${second}.${third}.${20 + n}`, dport);
  for (const third of [0, 3, 200])
    for (const fourth of [8, 9, 10]) add('udp', `172.16.${third}.${fourth}`, '198.51.100.1', 53);
  add('udp', '172.17.0.9', '198.51.100.2', 53);
  for (const last of ['5', 'a05', 'f05', '6', '105', '15']) add('udp', '2001:db7::1', `2001:db8::${last}`, 53);
  add('udp', '2001:db7::1', '2001:db8:0:1::5', 53);
  add('icmp', '10.77.0.1', '198.51.100.3', 0);
  add('icmp', '10.78.0.1', '198.51.100.4', 0);
  add('icmp', '10.79.0.1', '198.51.100.5', 0);
  for (const [src, dport] of [
    // udp reads its ports in base 10: 010 is 10 (and 8 is the port tcp would read).
    ['192.168.1.8', 10],
    ['192.168.1.8', 8],
    ['192.168.1.9', 10],
    ['192.168.1.10', 8],
  ] as const)
    add('udp', src, '198.51.100.6', dport);
  add('tcp', '192.168.1.9', '198.51.100.6', 8);
  add('tcp', '192.168.1.9', '198.51.100.6', 10);
  add('udp', '10.62.3.3', '198.51.100.7', 99);
  add('tcp', '10.62.3.4', '198.51.100.7', 99);
  add('icmp', '10.63.0.1', '198.51.100.8', 0);
  // DNAT's port in base 0: 010 is 8 (the sink must see it there).
  add('tcp', '10.72.0.1', '10.70.0.1', 80);
  // The rule's own options after the target still narrow it.
  add('tcp', '10.90.0.1', '198.51.100.10', 80);
  add('tcp', '10.89.0.1', '198.51.100.10', 80);
  add('tcp', '10.91.0.1', '198.51.100.11', 22);
  add('tcp', '10.91.0.2', '198.51.100.11', 23);
  return out;
}

describe.skipIf(skip)('iptables syntax as libxtables reads it: evaluate agrees with the kernel', () => {
  let lab: OracleLab | undefined;
  beforeAll(async () => {
    lab = await createOracleLab();
  }, 60_000);
  afterAll(() => lab?.destroy());

  it('on -s/-d a.b.c.d/m.m.m.m and x::y/mask, --icmp-type TYPE/CODE, octal or hexadecimal numbers, options after -j', async () => {
    const a = await agreeOnFiles(lab, 'masks', { v4: V4, v6: V6 }, samples());
    expect(a.mismatches).toEqual([]);
    expect(a.indeterminate).toBe(0);
    expect(a.sent).toBe(samples().length);
    expect(a.translated).toBe(1);
    expect(a.accepted).toBeGreaterThan(8);
    expect(a.accepted).toBeLessThan(a.sent - 8);
  }, 240_000);
});

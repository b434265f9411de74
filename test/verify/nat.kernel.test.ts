import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../src/ruleset/index.js';
import { parseIptables } from '../../src/targets/iptables/parse/index.js';
import { parseNftJson } from '../../src/targets/nftables/parse/json.js';
import { parseNftText } from '../../src/targets/nftables/parse/text.js';
import { agreeWithKernel } from '../support/kernel-agree.js';
import { netnsRequirements } from '../support/netns.js';
import { createOracleLab, type OracleLab } from '../support/netns-oracle.js';
import { nftJsonOf, readOrThrow } from '../support/nft-json.js';
import { missing, requirements } from '../support/system.js';
import { samplePackets } from '../targets/iptables/parse-sampler.js';

/**
 * The kernel is the oracle of destination NAT: rulesets that translate (DNAT to an address, to an address and a
 * port, through a user chain with RETURN, to a range, a map, a redirect; SNAT and masquerade after filtering) are
 * loaded in the firewall namespace, packets sampled from the filter and NAT rules (inside, near misses, random)
 * are sent, and the sink must see each packet evaluate accepts, where evaluate says the translation sent it.
 * Packets evaluate calls indeterminate (a range the filter does not decide alike, a map, a redirect) are counted,
 * not sent.
 */
const skip = missing(requirements.netns, requirements.iptables, requirements.nft, netnsRequirements.ping);

const IPTABLES_V4 = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:PORTFW - [0:0]
-A PREROUTING -i wan0 -j PORTFW
-A PREROUTING -d 198.51.100.0/24 -p udp -j DNAT --to-destination 10.20.0.5
-A PORTFW -d 203.0.113.10/32 -p tcp -m tcp --dport 443 -j DNAT --to-destination 10.20.0.10:8443
-A PORTFW -d 203.0.113.11/32 -p tcp -m multiport --dports 80,8080 -j DNAT --to-destination 10.20.0.11
-A PORTFW -s 192.0.2.0/25 -j RETURN
-A PORTFW -d 203.0.113.0/24 -p tcp -m tcp --dport 22 -j DNAT --to-destination 10.20.0.22:2222
-A PORTFW -d 203.0.113.12/32 -j DNAT --to-destination 10.20.0.12
-A PORTFW -d 203.0.113.13/32 -p tcp -j DNAT --to-destination 10.20.0.13-10.20.0.14
-A PORTFW -d 203.0.113.14/32 -p tcp -j DNAT --to-destination 10.20.0.16-10.20.0.17
-A PORTFW -d 203.0.113.15/32 -p tcp -j REDIRECT --to-ports 3128
-A POSTROUTING -o lan0 -j SNAT --to-source 10.20.0.1
-A POSTROUTING -o wan0 -j MASQUERADE
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -d 10.20.0.10/32 -p tcp -m tcp --dport 8443 -j ACCEPT
-A FORWARD -d 10.20.0.11/32 -p tcp -m tcp --dport 80 -j ACCEPT
-A FORWARD -i wan0 -d 10.20.0.22/32 -p tcp -m tcp --dport 2222 -j ACCEPT
-A FORWARD -d 10.20.0.12/32 -p icmp -j ACCEPT
-A FORWARD -d 10.20.0.12/32 -p udp -j DROP
-A FORWARD -d 10.20.0.12/30 -p tcp -j ACCEPT
-A FORWARD -d 10.20.0.16/32 -p tcp -j ACCEPT
-A FORWARD -d 10.20.0.5/32 -p udp -m udp --dport 53 -j ACCEPT
-A FORWARD -d 203.0.113.0/24 -p tcp -m tcp --dport 80 -j ACCEPT
-A FORWARD -s 192.0.2.0/25 -d 203.0.113.0/24 -p tcp -m tcp --dport 22 -j ACCEPT
COMMIT
`;

const IPTABLES_V6 = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -d 2001:db8:cafe::10/128 -p tcp -m tcp --dport 443 -j DNAT --to-destination [fd00:20::10]:8443
-A PREROUTING -d 2001:db8:cafe::/64 -p udp -j DNAT --to-destination fd00:20::5
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -d fd00:20::10/128 -p tcp -m tcp --dport 8443 -j ACCEPT
-A FORWARD -d fd00:20::5/128 -p udp -m udp --dport 53:60 -j ACCEPT
-A FORWARD -d 2001:db8:cafe::/48 -p tcp -j ACCEPT
COMMIT
`;

/** The same policy in nftables, with a map, a filter chain before destination NAT and one after it. */
const NFT = `table ip nat {
  chain pre {
    type nat hook prerouting priority dstnat; policy accept;
    iifname "wan0" jump portfw
    ip daddr 198.51.100.0/24 meta l4proto udp dnat to 10.20.0.5
  }
  chain portfw {
    ip daddr 203.0.113.10 tcp dport 443 dnat to 10.20.0.10:8443
    ip daddr 203.0.113.11 tcp dport { 80, 8080 } dnat to 10.20.0.11
    ip saddr 192.0.2.0/25 return
    ip daddr 203.0.113.0/24 tcp dport 22 dnat to 10.20.0.22:2222
    ip daddr 203.0.113.12 dnat to 10.20.0.12
    ip daddr 203.0.113.13 meta l4proto tcp dnat to 10.20.0.13-10.20.0.14
    ip daddr 203.0.113.14 meta l4proto tcp dnat to 10.20.0.16-10.20.0.17
    ip daddr 203.0.113.15 tcp dport 80 redirect to :3128
    ip daddr 203.0.113.40 dnat to tcp dport map { 80 : 10.20.0.40, 443 : 10.20.0.41 }
  }
  chain post {
    type nat hook postrouting priority srcnat; policy accept;
    oifname "lan0" snat to 10.20.0.1
    oifname "wan0" masquerade
  }
}
table ip6 nat {
  chain pre {
    type nat hook prerouting priority dstnat; policy accept;
    ip6 daddr 2001:db8:cafe::10 tcp dport 443 dnat to [fd00:20::10]:8443
    ip6 daddr 2001:db8:cafe::/64 meta l4proto udp dnat to fd00:20::5
  }
}
table inet filter {
  chain early {
    type filter hook prerouting priority -200; policy accept;
    ip daddr 203.0.113.12 meta l4proto icmp drop
  }
  chain late {
    type filter hook prerouting priority 10; policy accept;
    ip daddr 10.20.0.11 tcp dport 8080 drop
  }
  chain forward {
    type filter hook forward priority filter; policy drop;
    ip daddr 10.20.0.10 tcp dport 8443 accept
    ip daddr { 10.20.0.11, 10.20.0.40 } tcp dport { 80, 8080 } accept
    iifname "wan0" ip daddr 10.20.0.22 tcp dport 2222 accept
    ip daddr 10.20.0.12 meta l4proto icmp accept
    ip daddr 10.20.0.12 meta l4proto udp drop
    ip daddr 10.20.0.12/30 meta l4proto tcp accept
    ip daddr 10.20.0.16 meta l4proto tcp accept
    ip daddr 10.20.0.5 udp dport 53 accept
    ip daddr 203.0.113.0/24 tcp dport 80 accept
    ip saddr 192.0.2.0/25 ip daddr 203.0.113.0/24 tcp dport 22 accept
    ip6 daddr fd00:20::10 tcp dport 8443 accept
    ip6 daddr fd00:20::5 udp dport 53-60 accept
    ip6 daddr 2001:db8:cafe::/48 meta l4proto tcp accept
  }
}
`;

describe.skipIf(skip)('destination NAT: evaluate agrees with the kernel', () => {
  let lab: OracleLab | undefined;
  beforeAll(async () => {
    lab = await createOracleLab();
  }, 60_000);
  afterAll(() => lab?.destroy());

  const check = async (ruleset: Ruleset, seed: number) => {
    const samples = samplePackets(ruleset, [4, 6], 1500, seed);
    const a = await agreeWithKernel(lab as OracleLab, ruleset, samples);
    console.log(
      `${a.sent} packets sent (${a.accepted} accepted, ${a.translated} translated), ${a.indeterminate} "cannot tell" not sent`,
    );
    expect(a.mismatches).toEqual([]);
    expect(a.sent).toBeGreaterThanOrEqual(1000);
    expect(a.translated).toBeGreaterThan(100);
    expect(a.accepted).toBeGreaterThan(100);
    expect(a.accepted).toBeLessThan(a.sent);
    expect(a.indeterminate).toBeGreaterThan(0);
  };

  it('iptables-save with DNAT, SNAT and MASQUERADE', async () => {
    const ruleset = readOrThrow(
      parseIptables([
        { file: 'nat.iptables', text: IPTABLES_V4 },
        { file: 'nat.ip6tables', text: IPTABLES_V6 },
      ]),
    ).ruleset;
    expect(ruleset.nat?.destination).toEqual(['nat/PREROUTING']);
    await lab?.loadIptables({ v4: IPTABLES_V4, v6: IPTABLES_V6 });
    await check(ruleset, 21);
  }, 600_000);

  it('nftables text and JSON with dnat, snat, masquerade, a map and filter chains on both sides of dstnat', async () => {
    const text = readOrThrow(parseNftText({ path: 'nat.nft', text: NFT }));
    const json = readOrThrow(parseNftJson({ path: 'nat.json', text: await nftJsonOf(NFT, 'fmj') }));
    expect(text.nat?.destinationBefore).toBe(1);
    expect(json.nat).toEqual(text.nat);
    await lab?.loadNft(NFT);
    await check(text, 22);
    await check(json, 23);
  }, 900_000);
});

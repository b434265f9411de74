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
 * The kernel is the oracle of filter rules on the connection before translation — what Flowmatrix writes to let a
 * published server be reached only through its public address (`--ctstate DNAT --ctorigdst --ctorigdstport`,
 * `ct original ip daddr`, `ct original proto-dst`), and the negated form. Loaded in the firewall namespace, packets
 * sampled from the rules (inside, near misses, random) are sent; the sink must see exactly what evaluate accepts.
 */
const skip = missing(requirements.netns, requirements.iptables, requirements.nft, netnsRequirements.ping);

const IPTABLES = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -d 203.0.113.10/32 -p tcp -m tcp --dport 443 -j DNAT --to-destination 10.20.0.10:8443
-A PREROUTING -d 203.0.113.11/32 -j DNAT --to-destination 10.20.0.11
-A PREROUTING -d 203.0.113.12/32 -p tcp -j DNAT --to-destination 10.20.0.12
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -d 10.20.0.10/32 -p tcp -m tcp --dport 8443 -m conntrack --ctstate DNAT --ctorigdst 203.0.113.10 --ctorigdstport 443 -j ACCEPT
-A FORWARD -d 10.20.0.11/32 -m conntrack --ctorigdst 203.0.113.11 -j ACCEPT
-A FORWARD -d 10.20.0.12/32 -p tcp -m conntrack ! --ctstate DNAT -j ACCEPT
-A FORWARD -d 10.20.0.0/24 -p udp -m conntrack --ctorigdst 10.20.0.0/24 -j ACCEPT
COMMIT
`;

const IP6TABLES = `*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
COMMIT
`;

const NFT = `table ip nat {
  chain pre {
    type nat hook prerouting priority dstnat; policy accept;
    ip daddr 203.0.113.10 tcp dport 443 dnat to 10.20.0.10:8443
    ip daddr 203.0.113.11 dnat to 10.20.0.11
    ip daddr 203.0.113.12 meta l4proto tcp dnat to 10.20.0.12
  }
}
table inet filter {
  chain forward {
    type filter hook forward priority filter; policy drop;
    ip daddr 10.20.0.10 tcp dport 8443 ct original ip daddr 203.0.113.10 ct original proto-dst 443 accept
    ip daddr 10.20.0.11 ct original ip daddr 203.0.113.11 accept
    ip daddr 10.20.0.12 meta l4proto tcp ct original ip daddr != 203.0.113.12 accept
    ip daddr 10.20.0.0/24 meta l4proto udp ct original ip daddr 10.20.0.0/24 accept
  }
}
`;

describe.skipIf(skip)('matches on the connection before translation: evaluate agrees with the kernel', () => {
  let lab: OracleLab | undefined;
  beforeAll(async () => {
    lab = await createOracleLab();
  }, 60_000);
  afterAll(() => lab?.destroy());

  const check = async (ruleset: Ruleset, seed: number) => {
    // Every filter rule reads whole: nothing left uninterpreted.
    expect(Object.values(ruleset.chains).flatMap((c) => c.rules.filter((r) => r.opaque))).toEqual([]);
    const a = await agreeWithKernel(lab as OracleLab, ruleset, samplePackets(ruleset, [4], 1500, seed));
    console.log(
      `${a.sent} packets sent (${a.accepted} accepted, ${a.translated} translated), ${a.indeterminate} not sent`,
    );
    expect(a.mismatches).toEqual([]);
    expect(a.sent).toBeGreaterThanOrEqual(1000);
    expect(a.translated).toBeGreaterThan(100);
    expect(a.accepted).toBeGreaterThan(100);
    expect(a.accepted).toBeLessThan(a.sent);
  };

  it('iptables-save: --ctstate DNAT, --ctorigdst, --ctorigdstport, ! --ctstate DNAT', async () => {
    const ruleset = readOrThrow(parseIptables([{ file: 'orig.iptables', text: IPTABLES }])).ruleset;
    await lab?.loadIptables({ v4: IPTABLES, v6: IP6TABLES });
    await check(ruleset, 31);
  }, 600_000);

  it('nftables text and JSON: ct original ip daddr (and !=), ct original proto-dst', async () => {
    const ruleset = readOrThrow(parseNftText({ path: 'orig.nft', text: NFT }));
    const json = readOrThrow(parseNftJson({ path: 'orig.json', text: await nftJsonOf(NFT, 'fmo') }));
    // nft -j names the same matches: the JSON reader reads the same original-direction conditions.
    const originals = (rs: Ruleset) =>
      Object.values(rs.chains).flatMap((c) =>
        c.rules.flatMap((r) =>
          r.original
            ? [[r.original.destination?.toCidrs(), r.original.destinationPorts?.toRanges(), r.original.translated]]
            : [],
        ),
      );
    expect(originals(json)).toEqual(originals(ruleset));
    expect(originals(ruleset)).toHaveLength(4);
    await lab?.loadNft(NFT);
    await check(ruleset, 32);
    await check(json, 33);
  }, 600_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalogText, parseSiteText } from '../../src/catalog/parse.js';
import { resolveSite } from '../../src/matrix/index.js';
import type { Matrix } from '../../src/model/matrix.js';
import { generate } from '../../src/targets/index.js';
import { createLab, type Lab, type LabAddresses, netnsRequirements, type Probe } from '../support/netns.js';
import { loadGenerated, proveInKernel } from '../support/netns-kernel.js';
import { must } from '../support/result.js';
import { missing, requirements } from '../support/system.js';

/**
 * A ping row between dual-stack hosts, written once as the catalog writes it (`icmp/echo-request`), must let ping
 * through in both families; a row between IPv4-only ends must not open IPv6. Real site and catalog YAML through the
 * loader and resolver, real rules in a real kernel, real ping.
 */
const LAB: LabAddresses = {
  clientV4: ['198.18.1.2', '198.18.1.3', '198.18.1.4'],
  clientV6: ['2001:db8:1::2', '2001:db8:1::3', '2001:db8:1::4'],
  serverV4: ['198.18.2.2', '198.18.2.3', '198.18.2.4'],
  serverV6: ['2001:db8:2::2', '2001:db8:2::3', '2001:db8:2::4'],
};

const CATALOG = `
id: pings
title: { fr: Pings, en: Pings }
vendor: Example
product: Pings
source: { document: none, title: Test }
roles:
  monitor: { title: { fr: Supervision, en: Monitoring } }
  server: { title: { fr: Serveur, en: Server } }
  monitor6: { title: { fr: Supervision 6, en: Monitoring 6 } }
  server6: { title: { fr: Serveur 6, en: Server 6 } }
  old-monitor: { title: { fr: Ancienne supervision, en: Old monitoring } }
  old-server: { title: { fr: Ancien serveur, en: Old server } }
flows:
  - { id: ping, ref: r1, purpose: { fr: Ping, en: Ping }, from: monitor, to: server, services: [icmp/echo-request], level: mandatory }
  - { id: ping6, ref: r2, purpose: { fr: Ping, en: Ping }, from: monitor6, to: server6, services: [icmpv6/echo-request], level: mandatory }
  - { id: ping-v4, ref: r3, purpose: { fr: Ping, en: Ping }, from: old-monitor, to: old-server, services: [icmp/echo-request], level: mandatory }
`;

const site = (platform: string) => `
id: lab
title: Lab
catalogs:
  - catalog: pings
    roles: { monitor: mon, server: srv, monitor6: mon6, server6: srv6, old-monitor: old-mon, old-server: old-srv }
zones:
  lan: { kind: internal, cidrs: [198.18.1.0/24, "2001:db8:1::/64"] }
  dmz: { kind: perimeter, cidrs: [198.18.2.0/24, "2001:db8:2::/64"] }
hosts:
  mon: { address: [198.18.1.2, "2001:db8:1::2"] }
  srv: { address: [198.18.2.2, "2001:db8:2::2"] }
  mon6: { address: [198.18.1.3, "2001:db8:1::3"] }
  srv6: { address: [198.18.2.3, "2001:db8:2::3"] }
  old-mon: { address: 198.18.1.4 }
  old-srv: { address: 198.18.2.4 }
firewalls:
  - { name: fw, platform: ${platform}, zones: [lan, dmz], interfaces: { lan: f0, dmz: f1 } }
`;

function labMatrix(platform: 'nftables' | 'iptables'): Matrix {
  const catalog = must(parseCatalogText(CATALOG, 'pings.yaml'));
  return must(
    resolveSite({ site: must(parseSiteText(site(platform), 'lab.yaml')), catalogs: new Map([['pings', catalog]]) }),
  );
}

const echo = (src: string, dst: string): Probe => ({ proto: 'icmp', src, dst, port: 0 });

/** Stated by hand, not by an oracle: what the rows mean. */
const EXPECTED: readonly [Probe, boolean][] = [
  [echo('198.18.1.2', '198.18.2.2'), true],
  [echo('2001:db8:1::2', '2001:db8:2::2'), true],
  [echo('198.18.1.3', '198.18.2.3'), true],
  [echo('2001:db8:1::3', '2001:db8:2::3'), true],
  [echo('198.18.1.4', '198.18.2.4'), true],
  // The IPv4-only row opens no IPv6, and no row joins these pairs.
  [echo('2001:db8:1::4', '2001:db8:2::4'), false],
  [echo('2001:db8:1::2', '2001:db8:2::3'), false],
  [echo('198.18.1.2', '198.18.2.4'), false],
];

const TARGETS = {
  nftables: [requirements.nft, requirements.netns, netnsRequirements.ping],
  iptables: [
    requirements.nft,
    requirements.netns,
    netnsRequirements.ping,
    requirements.iptables,
    netnsRequirements.ipset,
  ],
} as const;

for (const target of ['nftables', 'iptables'] as const) {
  describe.skipIf(missing(...TARGETS[target]))(`${target}: ping between dual-stack hosts in a real kernel`, () => {
    let lab: Lab | undefined;
    beforeAll(async () => {
      lab = await createLab(LAB);
    });
    afterAll(() => lab?.destroy());

    it('lets IPv4 and IPv6 echo through for a row written once, and nothing more', async () => {
      const m = labMatrix(target);
      const out = must(generate(m, { firewall: 'fw', target }));
      expect(out.findings.filter((f) => f.severity !== 'info')).toEqual([]);
      await loadGenerated(lab as Lab, target, out);
      const got = await (lab as Lab).probe(EXPECTED.map(([p]) => p));
      expect(EXPECTED.map(([p], i) => `${p.src} -> ${p.dst}: ${got[i]}`)).toEqual(
        EXPECTED.map(([p, want]) => `${p.src} -> ${p.dst}: ${want}`),
      );
    });

    it('agrees with the matrix oracle, near misses included', async () => {
      await proveInKernel(lab as Lab, LAB, labMatrix(target), target);
    });
  });
}

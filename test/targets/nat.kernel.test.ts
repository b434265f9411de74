import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSite } from '../../src/matrix/index.js';
import type { Matrix } from '../../src/model/matrix.js';
import { generate } from '../../src/targets/index.js';
import { catalogs, site } from '../matrix/fixture.js';
import { createLab, type Lab, netnsRequirements, type Probe } from '../support/netns.js';
import { probeFrom, startListener } from '../support/netns-agents.js';
import { missing, requirements } from '../support/system.js';

/**
 * NAT through a real kernel. Client (the Internet, 198.18.1.2) — firewall (f0 outside, f1 DMZ) — servers (web
 * 198.18.2.2, app 198.18.2.3). The site publishes web's tcp/8443 as 203.0.113.10 tcp/443 (port forward), gives app
 * the public address 203.0.113.20 both ways (static), and masquerades the rest of the DMZ. The generated nftables
 * and iptables files (filter and nat) are loaded in the firewall namespace; the client accepts tcp/9000 only from
 * 203.0.113.20 and tcp/9001 only from the firewall's outside address, so an outbound probe that gets through proves
 * its source was translated.
 */
const CATALOG = `
id: natlab
title: { fr: Laboratoire NAT, en: NAT lab }
vendor: Example
product: Lab
source: { document: none, title: Test }
roles:
  client: { title: { fr: Client, en: Client } }
  web: { title: { fr: Web, en: Web } }
  app: { title: { fr: App, en: App } }
flows:
  - { id: publish-web, ref: "1", purpose: { fr: Web, en: Web }, from: client, to: web, services: [tcp/8443], level: mandatory }
  - { id: publish-app, ref: "2", purpose: { fr: App, en: App }, from: client, to: app, services: [tcp/2222], level: mandatory }
  - { id: app-out, ref: "3", purpose: { fr: Sortie, en: Out }, from: app, to: client, services: [tcp/9000], level: mandatory }
  - { id: web-out, ref: "4", purpose: { fr: Sortie, en: Out }, from: web, to: client, services: [tcp/9001], level: mandatory }
`;

const SITE = (platform: string, nat: boolean) => `
id: natlab
title: NAT lab
catalogs:
  - catalog: natlab
    roles: { client: client, web: web, app: app }
zones:
  dmz: { kind: perimeter, cidrs: [198.18.2.0/24] }
  internet: { kind: external, default: true }
hosts:
  client: { address: 198.18.1.2 }
  web: { address: 198.18.2.2 }
  app: { address: 198.18.2.3 }
firewalls:
  - name: fw
    platform: ${platform}
    zones: [internet, dmz]
    interfaces: { internet: f0, dmz: f1 }
    options: { nat: ${nat} }
    nat:
      - { type: destination, public: 203.0.113.10, protocol: tcp, port: 443, to: web, toPort: 8443 }
      - { type: static, public: 203.0.113.20, private: app }
      - { type: source, from: dmz, to: internet, masquerade: true }
`;

function matrixFor(platform: string, nat: boolean): Matrix {
  const r = resolveSite({ site: site(SITE(platform, nat)), catalogs: catalogs(CATALOG) });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

function files(platform: 'nftables' | 'iptables', nat: boolean): Record<string, string> {
  const out = generate(matrixFor(platform, nat), { firewall: 'fw' });
  if (!out.ok) throw new Error(out.issues.map((i) => i.message).join('\n'));
  expect(out.value.findings).toEqual([]);
  return Object.fromEntries(out.value.artifacts.map((a) => [a.path.replace(/^fw\./, ''), a.content]));
}

const CLIENT = '198.18.1.2';
const INBOUND: readonly (Probe & { expected: boolean; why: string })[] = [
  { proto: 'tcp', src: CLIENT, dst: '203.0.113.10', port: 443, expected: true, why: 'published port' },
  { proto: 'tcp', src: CLIENT, dst: '203.0.113.20', port: 2222, expected: true, why: 'static, allowed port' },
  { proto: 'tcp', src: CLIENT, dst: '198.18.2.2', port: 8443, expected: false, why: 'private address from outside' },
  { proto: 'tcp', src: CLIENT, dst: '198.18.2.3', port: 2222, expected: false, why: 'private address (static)' },
  { proto: 'tcp', src: CLIENT, dst: '203.0.113.10', port: 8443, expected: false, why: 'other port' },
  { proto: 'tcp', src: CLIENT, dst: '203.0.113.10', port: 444, expected: false, why: 'port + 1' },
  { proto: 'tcp', src: CLIENT, dst: '203.0.113.11', port: 443, expected: false, why: 'other public address' },
  { proto: 'tcp', src: CLIENT, dst: '203.0.113.20', port: 8443, expected: false, why: 'static, port not in matrix' },
];
const OUTBOUND: readonly (Probe & { expected: boolean; why: string })[] = [
  { proto: 'tcp', src: '198.18.2.3', dst: CLIENT, port: 9000, expected: true, why: 'static source 203.0.113.20' },
  { proto: 'tcp', src: '198.18.2.2', dst: CLIENT, port: 9001, expected: true, why: 'masqueraded to 198.18.1.1' },
];

/** The client accepts 9000 from the static public address only, 9001 from the firewall's outside address only. */
const CLIENT_FILTER = `table inet natlab_client {
  chain input {
    type filter hook input priority filter; policy accept;
    tcp dport 9000 ip saddr != 203.0.113.20 drop
    tcp dport 9001 ip saddr != 198.18.1.1 drop
  }
}
`;

const NEEDS = {
  nftables: [requirements.nft, requirements.netns, netnsRequirements.ping],
  iptables: [requirements.nft, requirements.netns, netnsRequirements.ping, requirements.iptables],
} as const;

for (const platform of ['nftables', 'iptables'] as const) {
  describe.skipIf(missing(...NEEDS[platform]))(`NAT with ${platform} in a real kernel`, () => {
    let lab: Lab | undefined;
    let clientListener: ChildProcess | undefined;
    beforeAll(async () => {
      lab = await createLab();
      await lab.listen({ tcp: [8443, 2222], udp: [] });
      const started = startListener(lab.names.client, { tcp: [9000, 9001], udp: [] }, [CLIENT]);
      clientListener = started.child;
      await started.ready;
      await lab.exec(lab.names.client, 'nft', ['-f', '-'], CLIENT_FILTER);
    }, 60_000);
    afterAll(() => {
      clientListener?.kill('SIGKILL');
      lab?.destroy();
    });

    const load = async (nat: boolean): Promise<void> => {
      const f = files(platform, nat);
      if (platform === 'nftables') await (lab as Lab).loadNft(f.nft as string);
      else await (lab as Lab).loadIptables({ v4: f.iptables as string, v6: f.ip6tables as string });
    };
    const outcome = async (): Promise<{ inbound: boolean[]; outbound: boolean[] }> => {
      const l = lab as Lab;
      return {
        inbound: await l.probe(INBOUND, { timeoutMs: 1000 }),
        outbound: await probeFrom(l.names.server, OUTBOUND, { timeoutMs: 1000, limit: 8 }),
      };
    };

    it('the public address and port reach the server (and the reply comes back); nothing else does', async () => {
      await load(true);
      const got = await outcome();
      expect(INBOUND.map((p, i) => `${p.why}: ${got.inbound[i]}`)).toEqual(
        INBOUND.map((p) => `${p.why}: ${p.expected}`),
      );
      expect(OUTBOUND.map((p, i) => `${p.why}: ${got.outbound[i]}`)).toEqual(
        OUTBOUND.map((p) => `${p.why}: ${p.expected}`),
      );
    }, 60_000);

    it('without the nat table (nat: false) the same probes fail: the translation is what lets them through', async () => {
      await load(false);
      const got = await outcome();
      expect(got.inbound.every((ok) => !ok)).toBe(true);
      expect(got.outbound.every((ok) => !ok)).toBe(true);
    }, 60_000);
  });
}

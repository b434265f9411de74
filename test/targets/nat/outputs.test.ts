import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSite } from '../../../src/matrix/index.js';
import type { Matrix } from '../../../src/model/matrix.js';
import { natRules, proxyNatRules } from '../../../src/targets/generate/nat.js';
import { sliceForFirewall } from '../../../src/targets/generate/rules.js';
import { generate } from '../../../src/targets/index.js';
import { catalogs, site } from '../../matrix/fixture.js';
import { loadExample, repoRoot } from '../../support/catalogs.js';
import { expectGolden } from '../../support/golden.js';
import { missing, requirements } from '../../support/system.js';
import { ADDRESS_BASED, NAT_WRITERS, natOnRequest } from '../support/registry.js';

/**
 * NAT in every target: golden files of the vendor outputs (ASA, PAN-OS, FortiOS, SRX) and of nftables and iptables,
 * the Linux ones also accepted by the real tools (`nft -c -f`, `iptables-restore --test`, in a network namespace of
 * their own), and a `nat-unsupported` finding instead of a rule on the platforms that cannot write NAT. Two sites:
 * examples/nat (port forward, static, source NAT to an address) and the variants below (every port, one protocol,
 * masquerade, IPv6 static).
 */
const dir = `${repoRoot}test/targets/nat/golden/`;

const VARIANTS_CATALOG = `
id: natvar
title: { fr: Variantes, en: Variants }
vendor: Example
product: Lab
source: { document: none, title: Test }
roles:
  client: { title: { fr: Client, en: Client } }
  web: { title: { fr: Web, en: Web } }
  dns: { title: { fr: DNS, en: DNS } }
  mail: { title: { fr: Messagerie, en: Mail } }
  lan: { title: { fr: LAN, en: LAN } }
flows:
  - { id: in-web, ref: "1", purpose: { fr: W, en: W }, from: client, to: web, services: [tcp/80, tcp/443], level: mandatory }
  - { id: in-dns, ref: "2", purpose: { fr: D, en: D }, from: client, to: dns, services: [udp/53, tcp/53], level: mandatory }
  - { id: in-mail, ref: "3", purpose: { fr: M, en: M }, from: client, to: mail, services: [tcp/25], level: mandatory }
  - { id: out-lan, ref: "4", purpose: { fr: S, en: S }, from: lan, to: client, services: [tcp/443], level: mandatory }
`;

const variantsSite = (platform: string) => `
id: natvar
title: NAT variants
catalogs:
  - catalog: natvar
    roles: { client: internet, web: web, dns: dns, mail: mail, lan: lan }
zones:
  lan: { kind: internal, cidrs: [10.1.0.0/16, "fd00:1::/64"] }
  dmz: { kind: perimeter, cidrs: [172.16.10.0/24, "2001:db8:10::/64"] }
  internet: { kind: external, default: true }
hosts:
  web: { address: 172.16.10.20 }
  dns: { address: 172.16.10.53 }
  mail: { address: [172.16.10.25, "2001:db8:10::25"] }
firewalls:
  - name: fw
    platform: ${platform}
    zones: [internet, dmz, lan]
    interfaces: { internet: outside, dmz: dmz, lan: inside }
    options: { ${natOnRequest(platform) ? 'nat: true' : ''} }
    nat:
      - { type: destination, public: 203.0.113.20, to: web }
      - { type: destination, public: 203.0.113.53, protocol: udp, to: dns }
      - { type: static, public: "2001:db8:ff::25", private: mail }
      - { type: source, from: lan, to: internet, masquerade: true }
`;

function variants(platform: string): Matrix {
  const r = resolveSite({ site: site(variantsSite(platform)), catalogs: catalogs(VARIANTS_CATALOG) });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

const example = loadExample('nat/exchange-hybrid-nat-site').matrix;
const CASES: readonly { name: string; firewall: string; matrix: (target: string) => Matrix }[] = [
  { name: 'exchange-hybrid-nat', firewall: 'fw-edge', matrix: () => example },
  { name: 'variants', firewall: 'fw', matrix: variants },
];

/** Every target that writes translations (declares a `natView`), and every other address-based one. */
const WRITERS = NAT_WRITERS;
const NON_WRITERS = ADDRESS_BASED.filter((id) => !NAT_WRITERS.includes(id));

const temp = mkdtempSync(join(tmpdir(), 'fm-nat-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** In a network namespace of its own: the check touches nothing of this machine. */
const realCheck = (target: string, path: string, content: string): void => {
  const file = join(temp, path);
  writeFileSync(file, content);
  if (target === 'nftables') execFileSync('unshare', ['-n', 'nft', '-c', '-f', file]);
  else if (path.endsWith('.ip6tables')) execFileSync('unshare', ['-n', 'ip6tables-restore', '--test', file]);
  else if (path.endsWith('.iptables')) execFileSync('unshare', ['-n', 'iptables-restore', '--test', file]);
};
const toolsMissing = missing(requirements.nft, requirements.iptables, requirements.netns);

for (const c of CASES) {
  describe(`NAT outputs: ${c.name}`, () => {
    for (const target of WRITERS) {
      it(`${target} renders the translations and the rules as recorded`, () => {
        const r = generate(c.matrix(target), { firewall: c.firewall, target });
        if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
        for (const a of r.value.artifacts) expectGolden(`${dir}${c.name}.${target}.${a.path}`, a.content);
        const findings = r.value.findings.map((f) => `${f.severity} ${f.rule} ${f.flow ?? ''} ${f.message.en}`);
        expectGolden(`${dir}${c.name}.${target}.findings.txt`, `${findings.join('\n')}\n`);
        // FortiOS writes no vip6: the IPv6 static translation of the variants is its one nat-unsupported finding.
        const unsupported = findings.filter((f) => f.includes('nat-unsupported'));
        expect(unsupported).toHaveLength(target === 'fortios' && c.name === 'variants' ? 1 : 0);
      });
    }
    it.skipIf(toolsMissing)('the nftables and iptables files pass nft -c and iptables-restore --test', () => {
      for (const target of ['nftables', 'iptables'] as const) {
        const r = generate(c.matrix(target), { firewall: c.firewall, target });
        if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
        for (const a of r.value.artifacts) realCheck(target, `${c.name}.${a.path}`, a.content);
      }
    });
  });
}

describe('what each platform filters on', () => {
  const m = variants('nftables');
  const rules = sliceForFirewall(m, 'fw').rules;
  const web = (view: 'real' | 'pre-nat') => natRules(rules, view, 't').rules.filter((r) => r.row.flow === 'in-web');
  it('real addresses, reached only through the public one (nftables, iptables, ASA, SRX, FortiOS)', () => {
    expect(web('real').map((r) => [r.destination.addresses, r.natOriginal])).toEqual([
      [[{ kind: 'cidr', family: 4, value: '172.16.10.20/32' }], { destination: '203.0.113.20' }],
    ]);
  });
  it('pre-NAT addresses with the post-NAT zone (PAN-OS)', () => {
    expect(web('pre-nat').map((r) => [r.destination.addresses, r.hop.toZone, r.natOriginal])).toEqual([
      [[{ kind: 'cidr', family: 4, value: '203.0.113.20/32' }], 'dmz', undefined],
    ]);
  });
  it('a protocol forwarded alone: the other protocol stays on the real address, untranslated', () => {
    const dns = natRules(rules, 'pre-nat', 't').rules.filter((r) => r.row.flow === 'in-dns');
    expect(
      dns.map((r) => [
        r.services.map((s) => s.protocol),
        r.destination.addresses.map((a) => a.kind === 'cidr' && a.value),
      ]),
    ).toEqual([
      [['udp'], ['203.0.113.53/32']],
      [['tcp'], ['172.16.10.53/32']],
    ]);
  });
});

describe('platforms that cannot write NAT fail closed', () => {
  it('finds both kinds among the targets', () => {
    expect(WRITERS.length).toBeGreaterThan(0);
    expect(NON_WRITERS.length).toBeGreaterThan(0);
  });
  for (const target of NON_WRITERS) {
    it(`${target}: a nat-unsupported finding, and no rule, for each row crossing a translation`, () => {
      const r = generate(example, { firewall: 'fw-edge', target });
      if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
      const unsupported = r.value.findings.filter((f) => f.rule === `target:${target}:nat-unsupported`);
      expect(unsupported.map((f) => f.flow).sort()).toEqual(
        [...new Set(example.rows.filter((row) => row.legs.some((l) => l.nat)).map((row) => row.flow))].sort(),
      );
      const text = r.value.artifacts.map((a) => a.content).join('\n');
      expect(text).not.toContain('172.16.10.20');
    });
  }
  it('kubernetes: the same through the core (no NAT view)', () => {
    const sliced = sliceForFirewall(example, 'fw-edge');
    const out = natRules(sliced.rules, undefined, 'kubernetes');
    expect(out.rules.every((r) => r.leg.nat === undefined)).toBe(true);
    expect(out.findings.map((f) => f.rule)).toContain('target:kubernetes:nat-unsupported');
  });
  it('PAC and Squid: a destination translation on the proxied leg is a finding, a source one changes nothing they match', () => {
    const sliced = sliceForFirewall(variants('nftables'), 'fw');
    const out = proxyNatRules(sliced.rules, 'squid');
    expect(out.findings.map((f) => f.flow).sort()).toEqual(['in-dns', 'in-mail', 'in-web']);
    expect(out.rules.some((r) => r.row.flow === 'out-lan')).toBe(true);
  });
});

describe.skipIf(toolsMissing)('iptables coexist with nat: true, loaded twice beside an existing nat rule', () => {
  it('our two nat chains are reloaded, jumped to once, and the device’s own rule stays', () => {
    const r = generate(example, { firewall: 'fw-edge', target: 'iptables', options: { mode: 'coexist', nat: true } });
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const folder = mkdtempSync(join(temp, 'coexist-'));
    for (const a of r.value.artifacts) writeFileSync(join(folder, a.path), a.content);
    const script = [
      'iptables -t nat -A POSTROUTING -o eth9 -j MASQUERADE',
      `sh ${folder}/fw-edge.load.sh`,
      `sh ${folder}/fw-edge.load.sh`,
      'iptables -t nat -S',
    ].join(' && ');
    // In a network namespace of its own: nothing of this machine is touched.
    const rules = execFileSync('unshare', ['-n', 'sh', '-c', script], { encoding: 'utf8' }).split('\n');
    expect(rules.filter((l) => l === '-A PREROUTING -j FMNAT-PRE-fw-edge')).toHaveLength(1);
    expect(rules.filter((l) => l === '-A POSTROUTING -j FMNAT-POST-fw-edge')).toHaveLength(1);
    expect(rules).toContain('-A POSTROUTING -o eth9 -j MASQUERADE');
    expect(rules.filter((l) => l.includes('--to-destination 172.16.10.20:443'))).toHaveLength(1);
  });
});

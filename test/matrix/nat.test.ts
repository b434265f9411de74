import { describe, expect, it } from 'vitest';
import { parseSiteText } from '../../src/catalog/parse.js';
import { formatIssue } from '../../src/model/issues.js';
import { loadExample } from '../support/catalogs.js';

/** A site over lan 10.1/16, dmz 172.16.10/24 and a default internet, with `nat` under the edge firewall. */
const siteWith = (nat: string, hosts = '') => `id: s
title: S
catalogs:
  - catalog: c
zones:
  lan: { kind: internal, cidrs: [10.1.0.0/16] }
  dmz: { kind: perimeter, cidrs: [172.16.10.0/24] }
  internet: { kind: external, default: true }
hosts:
  web: { address: 172.16.10.20 }
  db: { address: 10.1.0.5 }
  farm: { address: [172.16.10.21, 172.16.10.22] }
${hosts}
firewalls:
  - name: fw-edge
    platform: nftables
    zones: [dmz, internet]
    nat:
${nat}`;

/** The site's problems, formatted as the CLI prints them (file:line:col: message — hint). */
const problems = (text: string): string[] => {
  const r = parseSiteText(text, 'site.yaml');
  return (r.ok ? r.warnings : r.issues).map(formatIssue);
};

describe('firewalls[].nat: checks, each at the value that causes it', () => {
  it('accepts the three kinds', () => {
    expect(
      problems(
        siteWith(`      - { type: destination, public: 203.0.113.10, protocol: tcp, port: 443, to: web, toPort: 8443 }
      - { type: static, public: 203.0.113.20, private: 172.16.10.30 }
      - { type: source, from: dmz, to: internet, masquerade: true }`),
      ),
    ).toEqual([]);
  });
  it.each([
    [
      '      - { type: destination, public: 203.0.113.10, port: 443, to: web }',
      'site.yaml:19:58: nat: a port is given without its protocol — add protocol: tcp (or udp)',
    ],
    [
      '      - { type: destination, public: 203.0.113.10, to: wbe }',
      'site.yaml:19:56: nat: "wbe" is neither a host nor an IP address — did you mean "web"?',
    ],
    [
      '      - { type: static, public: 10.1.0.9, private: web }',
      'nat: public address 10.1.0.9 lies in internal zone "lan"',
    ],
    ['      - { type: static, public: 203.0.113.0/28, private: web }', 'nat: "203.0.113.0/28" is not one IP address'],
    [
      '      - { type: static, public: 203.0.113.9, private: db }',
      'nat: db (zone "lan") is not behind firewall "fw-edge"',
    ],
    ['      - { type: static, public: 203.0.113.9, private: farm }', 'nat: host "farm" has several IPv4 addresses'],
    [
      '      - { type: source, from: dmz, to: internt, masquerade: true }',
      'nat: unknown zone "internt" — did you mean "internet"?',
    ],
    [
      '      - { type: source, from: lan, to: internet, masquerade: true }',
      'nat: firewall "fw-edge" does not touch zone "lan"',
    ],
    [
      '      - { type: source, from: dmz, to: internet }',
      'a source translation gives either address or masquerade: true',
    ],
    ['      - { type: destination, public: "2001:db8::1", to: web }', 'nat: host "web" has no IPv6 address'],
  ])('%s', (nat, expected) => {
    expect(problems(siteWith(nat)).join('\n')).toContain(expected);
  });
  it('refuses overlapping translations, naming the other one', () => {
    const out = problems(
      siteWith(`      - { type: destination, public: 203.0.113.10, protocol: tcp, port: 443, to: web }
      - { type: destination, public: 203.0.113.10, to: 172.16.10.40 }
      - { type: static, public: 203.0.113.20, private: web }
      - { type: source, from: dmz, to: internet, masquerade: true }
      - { type: source, from: dmz, to: internet, address: 203.0.113.1 }`),
    ).join('\n');
    expect(out).toContain(
      'site.yaml:20:9: firewall "fw-edge": nat[1] overlaps nat[0] (destination tcp 203.0.113.10:443',
    );
    expect(out).toContain('nat[4] overlaps nat[3] (source dmz → internet as masquerade)');
    expect(out).not.toContain('nat[2]');
  });
});

describe('translations on matrix legs (examples/nat)', () => {
  const { matrix } = loadExample('nat/exchange-hybrid-nat-site');
  const legOf = (flow: string) => matrix.rows.find((r) => r.flow === flow)?.legs;
  it('a published service: the Internet reaches the public address, translated to the proxy farm', () => {
    expect(legOf('external-user-to-wap')?.[0]?.nat).toEqual([
      {
        firewall: 'fw-edge',
        hop: 0,
        rule: 0,
        type: 'destination',
        destination: {
          before: '203.0.113.10',
          after: '172.16.10.20',
          protocol: 'tcp',
          portBefore: 443,
          portAfter: 443,
        },
      },
    ]);
  });
  it('a static translation gives the proxy its public address outbound; other rows keep no nat key', () => {
    const toCloud = legOf('user-to-entra-id');
    expect(toCloud?.[1]?.nat).toEqual([
      { firewall: 'fw-edge', hop: 0, rule: 1, type: 'static', source: { after: '203.0.113.30', zone: 'internet' } },
    ]);
    expect(toCloud?.[0]?.nat).toBeUndefined();
    expect(legOf('wap-to-adfs')?.[0]).not.toHaveProperty('nat');
  });
  it('the firewall carries its resolved translations', () => {
    expect(matrix.firewalls.find((f) => f.name === 'fw-edge')?.nat?.map((r) => r.type)).toEqual([
      'destination',
      'static',
      'source',
    ]);
    expect(matrix.firewalls.find((f) => f.name === 'fw-internal')).not.toHaveProperty('nat');
  });
});

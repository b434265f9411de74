import { describe, expect, it } from 'vitest';
import { dateProblem } from '../../src/catalog/dates.js';
import { parseSiteText } from '../../src/catalog/parse.js';

/** A site with the given hosts, groups and firewalls over lan 10.1/16, dmz 10.2/16, data 10.3/16 and a default internet. */
const siteWith = (parts: { hosts?: string; groups?: string; firewalls?: string; zones?: string; extra?: string }) => `
id: s
title: S
catalogs:
  - catalog: c
zones:
  lan: { kind: internal, cidrs: [10.1.0.0/16, "fd00:1::/64"] }
  dmz: { kind: perimeter, cidrs: [10.2.0.0/16] }
  data: { kind: internal, cidrs: [10.3.0.0/16] }
  internet: { kind: external, default: true }
${parts.zones ?? ''}
hosts:
  h0: { address: 10.1.0.1 }
${parts.hosts ?? ''}
groups:
  g0: [h0]
${parts.groups ?? ''}
firewalls:
${parts.firewalls ?? '  - { name: fw, platform: nftables, zones: [lan, dmz], interfaces: { lan: eth0, dmz: eth1 } }'}
${parts.extra ?? ''}`;

const messages = (text: string): string[] => {
  const r = parseSiteText(text, 'site.yaml');
  return r.ok ? r.warnings.map((w) => w.message) : r.issues.map((i) => i.message);
};

describe('a network in one zone only', () => {
  it.each([
    ['  h1: { address: 10.0.0.0/8 }', 'host "h1": 10.0.0.0/8 spans zones data, dmz, internet, lan'],
    ['  h1: { address: 10.2.0.0/15 }', 'host "h1": 10.2.0.0/15 spans zones data, dmz'],
    ['  h1: { address: [10.1.0.5, 10.0.0.0/15] }', 'host "h1": 10.0.0.0/15 spans zones internet, lan'],
    ['  h1: { address: "fd00::/16" }', 'host "h1": fd00::/16 spans zones internet, lan'],
    ['  h1: { address: 0.0.0.0/0 }', 'host "h1": 0.0.0.0/0 spans zones data, dmz, internet, lan'],
  ])('%s', (hosts, message) => {
    expect(messages(siteWith({ hosts })).join('\n')).toContain(message);
  });
  it('in a group and a role binding too', () => {
    expect(messages(siteWith({ groups: '  g1: [h0, 10.0.0.0/8]' })).join('\n')).toContain(
      'group "g1": 10.0.0.0/8 spans',
    );
  });
  it.each([
    '  h1: { address: 10.1.0.0/24 }',
    '  h1: { address: 10.1.0.0/16 }',
    '  h1: { address: 192.0.2.0/24 }',
    '  h1: { address: [10.1.0.5, 10.2.0.5] }',
    '  h1: { address: 198.51.100.7, zone: dmz }',
    '  h1: { fqdn: app.example.com, zone: dmz }',
    '  h1: { address: 10.2.0.5, zone: dmz }',
  ])('accepts %s', (hosts) => {
    expect(messages(siteWith({ hosts }))).toEqual([]);
  });
});

describe('a host zone against its address', () => {
  it.each([
    ['  h1: { address: 10.1.0.5, zone: dmz }', 'host "h1" says zone "dmz" but its address 10.1.0.5 is in zone "lan"'],
    ['  h1: { address: [10.2.0.5, 10.1.0.5], zone: dmz }', 'its address 10.1.0.5 is in zone "lan"'],
    [
      '  h1: { address: "fd00:1::5", zone: data }',
      'host "h1" says zone "data" but its address fd00:1::5 is in zone "lan"',
    ],
  ])('%s', (hosts, message) => {
    expect(messages(siteWith({ hosts })).join('\n')).toContain(message);
  });
});

describe('zones', () => {
  it.each([
    ['  dmz2: { kind: perimeter, cidrs: [10.2.0.0/16] }', 'zones "dmz" and "dmz2" both hold 10.2.0.0/16'],
    ['  lan2: { kind: internal, cidrs: ["fd00:0001::/64"] }', 'zones "lan" and "lan2" both hold fd00:0001::/64'],
  ])('%s', (zones, message) => {
    expect(messages(siteWith({ zones })).join('\n')).toContain(message);
  });
  it('accepts nested zones', () => {
    expect(messages(siteWith({ zones: '  lab: { kind: internal, cidrs: [10.1.5.0/24] }' }))).toEqual([]);
  });
});

describe('firewalls', () => {
  const fw = (line: string) => messages(siteWith({ firewalls: `  - ${line}` })).join('\n');
  it.each([
    ['{ name: f, platform: nftables, zones: [lan, lan] }', 'firewall "f" lists zone "lan" twice'],
    ['{ name: f, platform: nftables, zones: [lan, dmz, lan] }', 'firewall "f" lists zone "lan" twice'],
    [
      '{ name: f, platform: nftables, zones: [lan, dmz], interfaces: { lan: eth0 } }',
      'firewall "f" separates zone "dmz" but names no interface for it',
    ],
    [
      '{ name: f, platform: panos, zones: [lan, dmz, data], interfaces: { lan: trust, dmz: dmz } }',
      'firewall "f" separates zone "data" but names no interface for it',
    ],
    [
      '{ name: f, platform: nftables, zones: [lan, dmz], interfaces: { lan: eth0, dmz: eth1, data: eth2 } }',
      'firewall "f" has an interface for zone "data", which it does not separate',
    ],
    [
      '{ name: f, platform: nftables, zones: [lan, dmz], interfaces: { lan: "eth0,eth2", dmz: eth1 } }',
      'firewall "f" gives zone "lan" 2 interfaces (eth0, eth2)',
    ],
    [
      '{ name: f, platform: nftables, zones: [lan, dmz], interfaces: { lan: "eth0 eth2 eth3", dmz: eth1 } }',
      'firewall "f" gives zone "lan" 3 interfaces (eth0, eth2, eth3)',
    ],
    [
      '{ name: f, platform: nftables, zones: [lan, dmz], interfaces: { lan: "eth0\\r", dmz: eth1 } }',
      'the interface of zone "lan" contains the control character U+000D',
    ],
  ])('%s', (line, message) => {
    expect(fw(line)).toContain(message);
  });
  it.each([
    '{ name: f, platform: nftables, zones: [lan, dmz] }',
    '{ name: f, platform: panos, zones: [lan, dmz, data], interfaces: { lan: trust, dmz: trust, data: data } }',
    '{ name: f, platform: nftables, zones: [lan, dmz], interfaces: { lan: "vlan1*", dmz: eth1 } }',
  ])('accepts %s', (line) => {
    expect(fw(line)).toBe('');
  });
});

describe('names and dates', () => {
  it.each([
    [{ groups: '  h0: [h0]' }, '"h0" is both a host and a group'],
    [{ hosts: '  lan: { address: 10.1.0.7 }' }, '"lan" is both a host and a zone'],
    [{ groups: '  dmz: [h0]' }, '"dmz" is both a group and a zone'],
    [{ groups: '  g1: [g1]' }, 'group "g1" contains itself'],
    [{ groups: '  g1: [h0, g2]\n  g2: [g1]' }, 'group "g1" contains itself through "g1" → "g2" → "g1"'],
    [{ groups: '  g1: [g2]\n  g2: [g3]\n  g3: [g1]' }, 'group "g1" contains itself through "g1" → "g2" → "g3" → "g1"'],
    [
      { extra: 'suppressions:\n  - { rule: x, justification: j, owner: o, expires: 2026-02-30 }' },
      'suppressions[0].expires: 2026-02-30 is not a date (February 2026 has 28 days)',
    ],
  ])('%j', (parts, message) => {
    expect(messages(siteWith(parts)).join('\n')).toContain(message);
  });
  it('reports one cycle once, whichever group it is entered from', () => {
    const found = messages(siteWith({ groups: '  g1: [g2]\n  g2: [g1]\n  g3: [g1, g2]' }));
    expect(found.filter((m) => m.includes('contains itself'))).toHaveLength(1);
  });
  it('a catalog used twice', () => {
    const text = siteWith({}).replace('  - catalog: c\n', '  - catalog: c\n  - catalog: c\n');
    expect(messages(text).join('\n')).toContain('catalog "c" is used twice');
  });
  it.each([
    ['2026-02-28', undefined, undefined],
    ['2028-02-29', undefined, undefined],
    ['2000-02-29', undefined, undefined],
    ['1900-02-29', 'February 1900 has 28 days', 'février 1900 a 28 jours'],
    ['2026-02-29', 'February 2026 has 28 days', 'février 2026 a 28 jours'],
    ['2026-06-31', 'June 2026 has 30 days', 'juin 2026 a 30 jours'],
    ['2026-00-10', 'there is no month 0', 'il n’y a pas de mois 0'],
    ['2026-12-32', 'December 2026 has 31 days', 'décembre 2026 a 31 jours'],
    ['2026-12-00', 'December 2026 has 31 days', 'décembre 2026 a 31 jours'],
  ])('dateProblem(%s)', (text, en, fr) => {
    expect(dateProblem(text)).toEqual(en === undefined ? undefined : { en, fr });
  });
});

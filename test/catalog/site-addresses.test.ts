import { describe, expect, it } from 'vitest';
import { parseSiteText } from '../../src/catalog/parse.js';
import { addressParser } from '../../src/catalog/site-addresses.js';
import { parseAddress } from '../../src/net/index.js';

describe('addressParser', () => {
  it('gives what parseAddress gives, and parses each text once', () => {
    const parse = addressParser();
    for (const text of ['10.0.0.0/8', '10.0.0.1/8', '2001:db8::/32', 'web.example.com', 'any', '999.1.1.1', '']) {
      const first = parse(text);
      expect(first).toEqual(parseAddress(text));
      expect(parse(text)).toBe(first);
    }
  });

  it('remembers per parser: a new one starts empty', () => {
    expect(addressParser()('10.0.0.0/8')).not.toBe(addressParser()('10.0.0.0/8'));
  });
});

describe('zones bound by name only (no zone network)', () => {
  it('place no host by its address: nothing spans zones or sits in another one', () => {
    const site = `
id: s
title: S
catalogs:
  - catalog: c
zones:
  lan: { kind: internal }
  internet: { kind: external, default: true }
hosts:
  wide: { address: [0.0.0.0/0, 10.0.0.0/8], zone: lan }
  bad: { address: 10.0.0.1/8 }
groups:
  all: [wide, 10.0.0.0/8]
firewalls:
  - { name: fw, platform: nftables, zones: [lan, internet], interfaces: { lan: eth0, internet: eth1 } }
`;
    const r = parseSiteText(site, 'site.yaml');
    expect(r.ok ? [] : r.issues.map((i) => `${i.line}:${i.col} ${i.message}`)).toEqual([
      '11:19 hosts.bad.address: "10.0.0.1/8" has host bits set',
    ]);
  });
});

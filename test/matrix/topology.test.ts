import { describe, expect, it } from 'vitest';
import { resolveSite } from '../../src/matrix/index.js';
import { buildTopology } from '../../src/matrix/topology.js';
import type { FirewallInfo, Matrix } from '../../src/model/matrix.js';
import type { Zone } from '../../src/model/site.js';
import { zoneSpan } from '../../src/model/zones.js';
import { sliceForFirewall } from '../../src/targets/index.js';
import { must } from '../support/result.js';
import { catalogs, site } from './fixture.js';

const fw = (name: string, zones: string[]): FirewallInfo => ({ name, platform: 'nftables', zones, interfaces: {} });
const path = (firewalls: FirewallInfo[], from: string, to: string) =>
  buildTopology(firewalls)
    .path(from, to)
    ?.map((h) => `${h.firewall}:${h.fromZone}>${h.toZone}`);

describe('topology: every shortest firewall path', () => {
  it.each([
    { name: 'one firewall', fws: [fw('a', ['lan', 'dmz'])], want: ['a:lan>dmz'] },
    {
      name: 'two firewalls in parallel (names in any order)',
      fws: [fw('z-second', ['lan', 'dmz']), fw('a-first', ['dmz', 'lan'])],
      want: ['a-first:lan>dmz', 'z-second:lan>dmz'],
    },
    {
      name: 'parallel on one step of a two-step path',
      fws: [fw('a', ['lan', 'dmz']), fw('b', ['lan', 'dmz']), fw('edge', ['dmz', 'internet'])],
      want: ['a:lan>dmz', 'b:lan>dmz', 'edge:dmz>internet'],
      to: 'internet',
    },
    {
      name: 'two equal paths through different zones',
      fws: [
        fw('a', ['lan', 'dmz']),
        fw('b', ['dmz', 'internet']),
        fw('c', ['lan', 'dmz2']),
        fw('d', ['dmz2', 'internet']),
      ],
      want: ['a:lan>dmz', 'c:lan>dmz2', 'b:dmz>internet', 'd:dmz2>internet'],
      to: 'internet',
    },
    {
      name: 'a shorter path wins over a longer one',
      fws: [fw('a', ['lan', 'dmz']), fw('b', ['dmz', 'internet']), fw('direct', ['lan', 'internet'])],
      want: ['direct:lan>internet'],
      to: 'internet',
    },
    {
      name: 'a firewall listing a zone twice joins nothing to itself',
      fws: [fw('a', ['lan', 'lan', 'dmz'])],
      want: ['a:lan>dmz'],
    },
  ])('$name', ({ fws, want, to }) => {
    expect(path(fws, 'lan', to ?? 'dmz')).toEqual(want);
  });

  it.each([
    { name: 'same zone', fws: [fw('a', ['lan', 'dmz'])], from: 'lan', to: 'lan', want: undefined },
    { name: 'joined', fws: [fw('a', ['lan', 'dmz'])], from: 'lan', to: 'dmz', want: undefined },
    {
      name: 'a zone no firewall touches',
      fws: [fw('a', ['lan', 'dmz'])],
      from: 'lan',
      to: 'data',
      want: 'isolated-zone',
    },
    { name: 'no firewall at all', fws: [], from: 'lan', to: 'dmz', want: 'isolated-zone' },
    {
      name: 'two islands of firewalls',
      fws: [fw('a', ['lan', 'dmz']), fw('b', ['dmz2', 'edge'])],
      from: 'lan',
      to: 'edge',
      want: 'no-path',
    },
    { name: 'an endpoint in no zone', fws: [fw('a', ['lan', 'dmz'])], from: '', to: 'dmz', want: 'unzoned' },
  ])('unenforced: $name', ({ fws, from, to, want }) => {
    expect(buildTopology(fws).unenforced(from, to)).toBe(want);
  });
});

const zones = (spec: Record<string, string[]>, defaultZone?: string): Record<string, Zone> =>
  Object.fromEntries(
    Object.entries(spec).map(([name, cidrs]) => [name, { kind: 'internal', cidrs, default: name === defaultZone }]),
  );

describe('zoneSpan: every zone a network falls in', () => {
  const site = zones(
    {
      lan: ['10.1.0.0/16', 'fd00:1::/64'],
      dmz: ['10.2.0.0/16'],
      wide: ['172.16.0.0/12'],
      inner: ['172.16.5.0/24'],
      internet: [],
    },
    'internet',
  );
  const span = zoneSpan(site);
  it.each([
    ['10.1.2.3/32', ['lan']],
    ['10.1.2.0/24', ['lan']],
    ['10.1.0.0/16', ['lan']],
    ['10.0.0.0/8', ['dmz', 'internet', 'lan']],
    ['10.0.0.0/14', ['dmz', 'internet', 'lan']],
    ['10.2.0.0/15', ['dmz', 'internet']],
    ['172.16.0.0/12', ['inner', 'wide']],
    ['172.16.5.7/32', ['inner']],
    ['192.0.2.0/24', ['internet']],
    ['0.0.0.0/0', ['dmz', 'inner', 'internet', 'lan', 'wide']],
    ['fd00::/16', ['internet', 'lan']],
    ['fd00:1::/64', ['lan']],
  ])('%s', (cidr, want) => {
    expect(span(cidr)).toEqual(want);
  });
  it('a network covered exactly by one zone’s smaller networks is in that zone only', () => {
    expect(zoneSpan(zones({ lan: ['10.0.0.0/9', '10.128.0.0/9'] }))('10.0.0.0/8')).toEqual(['lan']);
  });
});

const PARALLEL = `
id: parallel
title: Parallel
catalogs:
  - catalog: shop
    roles: { web: [web1], db: [db1], clients: lan }
zones:
  lan: { kind: internal, cidrs: [10.0.0.0/16] }
  dmz: { kind: perimeter, cidrs: [10.99.0.0/16] }
  data: { kind: internal, cidrs: [10.50.0.0/16] }
  internet: { kind: external, default: true }
hosts:
  web1: { address: 10.99.0.10 }
  db1: { address: 10.50.0.5 }
firewalls:
  - { name: fw-b, platform: nftables, zones: [lan, dmz], interfaces: { lan: eth0, dmz: eth1 } }
  - { name: fw-a, platform: iptables, zones: [dmz, lan], interfaces: { lan: bond0, dmz: bond1 } }
  - { name: fw-edge, platform: iptables, zones: [dmz, internet], interfaces: { dmz: eth0, internet: eth1 } }
`;

describe('a site with parallel firewalls and a zone no firewall touches', () => {
  const m: Matrix = must(resolveSite({ site: site(PARALLEL), catalogs: catalogs() }));
  const flowsThrough = (firewall: string) =>
    sliceForFirewall(m, firewall).rules.map((r) => `${r.row.flow} ${r.fromInterface}>${r.toInterface}`);

  it('gives both parallel firewalls the rule, each with its own interfaces', () => {
    expect(flowsThrough('fw-a')).toEqual(['clients-web bond0>bond1']);
    expect(flowsThrough('fw-b')).toEqual(['clients-web eth0>eth1']);
  });

  it('marks the legs no firewall enforces, and only those', () => {
    const marks = m.rows.map((r) => `${r.flow} ${r.zoneFrom}>${r.zoneTo} ${r.legs[0]?.unenforced ?? 'enforced'}`);
    expect(marks).toContain('clients-web lan>dmz enforced');
    expect(marks).toContain('web-db dmz>data isolated-zone');
    expect(marks).toContain('web-pay dmz>internet enforced');
  });
});

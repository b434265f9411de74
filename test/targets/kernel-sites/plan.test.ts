import { describe, expect, it } from 'vitest';
import { hostIn, inCidr, justAfter, outsiders } from '../../support/netns-addresses.js';
import { planFirewall } from '../../support/netns-site-plan.js';
import { exampleMatrix } from '../support/examples.js';

/** The probe plan the kernel tests rely on (no root needed): where addresses live, what is probed, what is not. */
describe('kernel probe plan on the example sites', () => {
  it('samples hosts inside a prefix and the address right after it, IPv4 and IPv6', () => {
    expect([hostIn('10.20.64.0/18', 'low'), hostIn('10.20.64.0/18', 'high'), justAfter('10.20.64.0/18')]).toEqual([
      '10.20.64.1',
      '10.20.127.254',
      '10.20.128.0',
    ]);
    expect(hostIn('172.16.50.10/32', 'high')).toBe('172.16.50.10');
    expect(justAfter('2001:db8:20:40::/60')).toBe('2001:db8:20:50::');
    expect(justAfter('255.255.255.255/32')).toBeUndefined();
    const first = outsiders(4, (ip) => inCidr(ip, '192.0.2.0/24')).next().value;
    expect(first).toBe('198.51.100.200');
  });

  const hamilton = exampleMatrix('hamilton-site.yaml');

  it('puts each address on the side of its zone, behind the interface the site names', () => {
    const plan = planFirewall(hamilton, 'fw-internal');
    expect(plan.sides.map((s) => [s.zone, s.iface])).toEqual([
      ['lan', 'eth1'],
      ['dmz', 'eth2'],
    ]);
    const zoneOf = (ip: string) =>
      Object.entries(hamilton.zones).find(([, z]) => z.cidrs.some((c) => inCidr(ip, c)))?.[0];
    plan.sides.forEach((side, i) => {
      for (const ip of side.addresses) expect([side.zone, undefined], `${ip} on side ${i}`).toContain(zoneOf(ip));
    });
    const sideOf = new Map(plan.sides.flatMap((s, i) => s.addresses.map((ip) => [ip, i] as const)));
    for (const p of plan.probes) {
      expect(sideOf.get(p.src), p.why).toBe(p.fromSide);
      expect(sideOf.get(p.dst), p.why).toBe(p.toSide);
    }
    // Both families, and a probe from inside each source prefix of the client row.
    const clients = plan.probes.filter((p) => p.why.startsWith('clients-web') && p.expected);
    expect(clients.map((p) => p.src)).toEqual(
      expect.arrayContaining(['10.20.64.1', '10.20.40.14', '2001:db8:20:40::1']),
    );
    expect(plan.rules.find((r) => r.row.flow === 'adfs-onprem')?.withheld).toEqual(['reference row']);
  });

  it('withholds every rule of a firewall whose destinations are all names', () => {
    const plan = planFirewall(hamilton, 'fw-edge');
    expect(plan.rules.length).toBeGreaterThan(0);
    for (const r of plan.rules) expect(r.withheld.join(), r.label).toMatch(/name/);
    expect(plan.probes.filter((p) => p.expected)).toEqual([]);
  });

  it('probes a port range at its bounds, inside, and just outside', () => {
    const plan = planFirewall(exampleMatrix('lync-2013-edge-site.yaml'), 'fw-external');
    const rtp = plan.probes.filter((p) => p.proto === 'udp' && p.dst === '203.0.113.12');
    const ports = (expected: boolean) => [...new Set(rtp.filter((p) => p.expected === expected).map((p) => p.port))];
    expect(ports(true)).toEqual(expect.arrayContaining([50000, 54999, 59999]));
    expect(ports(false)).toEqual(expect.arrayContaining([49999, 60000]));
  });
});

import { describe, expect, it } from 'vitest';
import type { ServiceMatch } from '../../../src/model/matrix.js';
import { expandIcmpFamilies, otherFamilyIcmpType } from '../../../src/targets/generate/icmp-family.js';
import { checkCapabilities, sliceForFirewall } from '../../../src/targets/generate/index.js';
import { generate, type TargetId, targets } from '../../../src/targets/index.js';
import { endpoint, firewall, hop, matrix, row, service } from '../../fixtures/targets/build.js';

const DUAL_A = ['10.0.0.1', '2001:db8:a::1'];
const DUAL_B = ['10.1.0.1', '2001:db8:b::1'];

const ping = (from: readonly string[], to: readonly string[], spec: string, platform: TargetId = 'nftables') =>
  matrix(
    [
      row({
        flow: 'ping',
        from: endpoint('a', from),
        to: endpoint('b', to),
        services: service(spec, 'ping'),
        hops: [hop('fw', 'lan', 'dmz', 'eth0', 'eth1')],
      }),
    ],
    [firewall('fw', platform, { lan: 'eth0', dmz: 'eth1' })],
  );

const opened = (from: readonly string[], to: readonly string[], spec: string, target: TargetId = 'nftables') => {
  const out = checkCapabilities(sliceForFirewall(ping(from, to, spec, target), 'fw').rules, targets[target]);
  return {
    services: out.rules.flatMap((r) => r.services.map((s: ServiceMatch) => `${s.protocol}/${s.icmpType ?? 'any'}`)),
    findings: out.findings.map((f) => `${f.rule} ${f.severity}`),
  };
};

describe('ICMP is opened in every family both ends have', () => {
  it('maps each ICMP type to its ICMPv6 counterpart and back, and says when there is none', () => {
    expect(otherFamilyIcmpType('icmp', 8)).toBe(128);
    expect(otherFamilyIcmpType('icmp', 0)).toBe(129);
    expect(otherFamilyIcmpType('icmp', 3)).toBe(1);
    expect(otherFamilyIcmpType('icmp', 11)).toBe(3);
    expect(otherFamilyIcmpType('icmp', 5)).toBe(137);
    expect(otherFamilyIcmpType('icmp', 13)).toBeUndefined();
    expect(otherFamilyIcmpType('icmpv6', 128)).toBe(8);
    expect(otherFamilyIcmpType('icmpv6', 134)).toBe(9);
    expect(otherFamilyIcmpType('icmpv6', 2)).toBeUndefined();
  });

  it.each([
    { name: 'echo between dual-stack ends', from: DUAL_A, to: DUAL_B, spec: 'icmp/8', want: ['icmp/8', 'icmpv6/128'] },
    { name: 'every ICMP type', from: DUAL_A, to: DUAL_B, spec: 'icmp', want: ['icmp/any', 'icmpv6/any'] },
    { name: 'ICMPv6 written, IPv4 too', from: DUAL_A, to: DUAL_B, spec: 'icmpv6/128', want: ['icmpv6/128', 'icmp/8'] },
    { name: 'IPv4 only', from: ['10.0.0.1'], to: ['10.1.0.1'], spec: 'icmp/8', want: ['icmp/8'] },
    { name: 'IPv6 only', from: ['2001:db8:a::1'], to: ['2001:db8:b::1'], spec: 'icmp/8', want: ['icmpv6/128'] },
    { name: 'one end dual, the other IPv4', from: DUAL_A, to: ['10.1.0.1'], spec: 'icmp/8', want: ['icmp/8'] },
    { name: 'any to a dual-stack host', from: ['any'], to: DUAL_B, spec: 'icmp/0', want: ['icmp/0', 'icmpv6/129'] },
  ])('$name: $spec opens $want', ({ from, to, spec, want }) => {
    expect(opened(from, to, spec)).toEqual({ services: want, findings: [] });
  });

  it('reports a type with no counterpart instead of dropping the family silently', () => {
    expect(opened(DUAL_A, DUAL_B, 'icmp/13')).toEqual({
      services: ['icmp/13'],
      findings: ['target:nftables:icmp-family medium'],
    });
    expect(opened(DUAL_A, DUAL_B, 'icmpv6/2').findings).toEqual(['target:nftables:icmp-family medium']);
  });

  it('does not add the other family twice when the catalog lists both', () => {
    const both = [...service('icmp/8', 'ping'), ...service('icmpv6/128', 'ping6')];
    expect(expandIcmpFamilies(both, { v4: true, v6: true }).services).toEqual(both);
  });

  it.each(['nftables', 'iptables', 'cisco-asa', 'fortios', 'juniper-srx'] as const)(
    '%s writes the IPv6 echo rule',
    (target) => {
      const out = generate(ping(DUAL_A, DUAL_B, 'icmp/8', target), { firewall: 'fw', target });
      if (!out.ok) throw new Error(out.issues.map((i) => i.message).join('\n'));
      const text = out.value.artifacts.map((a) => a.content).join('\n');
      expect(text).toMatch(/icmpv6 type 128|ipv6-icmp --icmpv6-type 128|icmp6 128|ICMP6|icmp6-type 128/);
      expect(out.value.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    },
  );
});

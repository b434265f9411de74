import { describe, expect, it } from 'vitest';
import { generate, type TargetId } from '../../../src/targets/index.js';
import { parseInterfacePattern } from '../../../src/targets/kit/escape.js';
import { endpoint, firewall, hop, matrix, row, service } from '../../fixtures/targets/build.js';

/** One rule from `lan` to `dmz` through a firewall whose interfaces are named as given. */
const withInterfaces = (lan: string, dmz: string) =>
  matrix(
    [
      row({
        flow: 'web',
        from: endpoint('clients', ['10.0.0.0/24']),
        to: endpoint('web', ['192.0.2.10']),
        services: service('tcp/443'),
        hops: [hop('fw', 'lan', 'dmz', lan, dmz)],
      }),
    ],
    [firewall('fw', 'nftables', { lan, dmz })],
  );

const render = (target: TargetId, lan: string, dmz: string) =>
  generate(withInterfaces(lan, dmz), { firewall: 'fw', target });

describe('interface names and prefixes on Linux targets', () => {
  it('reads a trailing * as "every interface whose name starts so", and nothing else as a pattern', () => {
    expect(parseInterfacePattern('eth0')).toEqual({ name: 'eth0', prefix: false });
    expect(parseInterfacePattern('vlan1*')).toEqual({ name: 'vlan1', prefix: true });
    expect(parseInterfacePattern('br-lan.10')).toEqual({ name: 'br-lan.10', prefix: false });
    expect(parseInterfacePattern('a+b')).toEqual({ name: 'a+b', prefix: false });
    for (const bad of [
      '',
      '*',
      'eth+',
      'e*th',
      'eth**',
      'a'.repeat(16),
      `${'a'.repeat(16)}*`,
      '.',
      '..*',
      'eth 0',
      'eth/0',
      'eth"0',
    ])
      expect(parseInterfacePattern(bad), bad).toBeUndefined();
  });

  it('writes one meaning in each dialect: nftables "vlan1*", iptables vlan1+', () => {
    const nft = render('nftables', 'vlan1*', 'eth1');
    const ipt = render('iptables', 'vlan1*', 'eth1');
    if (!nft.ok || !ipt.ok) throw new Error('generation failed');
    expect(nft.value.artifacts[0]?.content).toContain('iifname "vlan1*" oifname "eth1" ');
    expect(ipt.value.artifacts.find((a) => a.path.endsWith('.iptables'))?.content).toContain('-i vlan1+ -o eth1 ');
  });

  it.each(['nftables', 'iptables'] as const)(
    '%s refuses a trailing + (a wildcard to iptables, a plain character to nftables) and says how to write it',
    (target) => {
      const out = render(target, 'eth+', 'eth1');
      expect(out.ok).toBe(false);
      if (out.ok) return;
      expect(out.issues[0]?.message).toContain('"eth+"');
      expect(out.issues[0]?.hint).toContain('"eth*"');
    },
  );

  it.each(['nftables', 'iptables'] as const)('%s refuses a * that is not at the end', (target) => {
    expect(render(target, 'e*th', 'eth1').ok).toBe(false);
  });
});

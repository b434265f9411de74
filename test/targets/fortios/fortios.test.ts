import { describe, expect, it } from 'vitest';
import { fortios } from '../../../src/targets/fortios/index.js';
import { fortiString } from '../../../src/targets/fortios/quote.js';
import { ruleLabel } from '../../../src/targets/generate/rules.js';
import { endpoint, firewall, hop, matrix, row, service } from '../../fixtures/targets/build.js';
import { realisticMatrix } from '../../fixtures/targets/realistic.js';
import { generated } from '../support/examples.js';
import { vendorContract } from '../support/vendor-contract.js';
import { parseFortios, tokens } from './parse.js';

const label = (r: Parameters<typeof ruleLabel>[0], text = ruleLabel(r)) => tokens(fortiString(text))[0] ?? '';

describe('fortios target', () => {
  vendorContract({
    target: fortios,
    parse: parseFortios,
    label,
    extension: 'fortios.conf',
    wildcardRule: 'target:fortios:wildcard-fqdn-ipv6',
    refusedHop: hop('fw', 'lan', 'dmz', 'port 1', 'port2'),
    wildcardIpv4Only: true,
  });

  it('keeps ranges whole, wildcard FQDN objects, address6, interfaces from the hop', () => {
    const out = generated(fortios, realisticMatrix(), 'fw');
    const text = out.artifacts[0]?.content ?? '';
    expect(text).toContain('set udp-portrange 3478 50000-59999');
    expect(text).toContain('set type wildcard-fqdn');
    expect(text).toContain('set wildcard-fqdn "*.sms.example"');
    expect(text).toContain('set ip6 2001:db8:10::/64');
    expect(text).toContain('set srcintf "lan0"');
    // sms goes from web (IPv4 + IPv6) to a wildcard: IPv4 opened, IPv6 reported.
    expect(out.findings.filter((f) => f.rule === 'target:fortios:wildcard-fqdn-ipv6').map((f) => f.flow)).toEqual([
      'sms',
    ]);
  });

  it('escapes quotes and backslashes in comments per the CLI rules', () => {
    const m = matrix(
      [
        row({
          flow: 'f',
          ref: 'a "quoted" \\ ref',
          from: endpoint('a', ['10.0.0.1']),
          to: endpoint('b', ['10.0.0.2']),
          services: service('tcp/1'),
          hops: [hop('fw', 'lan', 'dmz', 'port1', 'port2')],
        }),
      ],
      [firewall('fw', 'fortios')],
    );
    const text = generated(fortios, m, 'fw').artifacts[0]?.content ?? '';
    expect(text).toContain('set comments "fixture/f ref a \\"quoted\\" \\\\ ref"');
    expect(parseFortios(text)[0]?.label).toBe('fixture/f ref a "quoted" \\ ref');
  });
});

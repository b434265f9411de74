import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../../src/model/matrix.js';
import { generateWith } from '../../../src/targets/core/generate.js';
import { ruleLabel } from '../../../src/targets/core/rules.js';
import { fortios } from '../../../src/targets/fortios/index.js';
import { fortiString } from '../../../src/targets/fortios/quote.js';
import { arbitraryLabMatrix } from '../../fixtures/targets/arbitrary.js';
import { endpoint, firewall, hop, matrix, row, service } from '../../fixtures/targets/build.js';
import { realisticMatrix } from '../../fixtures/targets/realistic.js';
import {
  EXAMPLES,
  exampleMatrix,
  expectGolden,
  expectRenderedOrReported,
  findingLines,
  HOSTILE,
  lineCount,
} from '../cisco-asa/contract.js';
import { parseFortios, tokens } from './parse.js';

const golden = new URL('./golden/', import.meta.url).pathname;
const label = (r: Parameters<typeof ruleLabel>[0]) => tokens(fortiString(ruleLabel(r)))[0] ?? '';

const render = (m: Matrix, fw: string) => {
  const out = generateWith(fortios, m, { firewall: fw });
  if (!out.ok) throw new Error(out.issues.map((i) => i.message).join('\n'));
  return out.value;
};

describe('fortios target', () => {
  it('renders the realistic site: every rule read back from the config, wildcards reported (golden)', () => {
    const out = expectRenderedOrReported(fortios, realisticMatrix(), 'fw', parseFortios, label, true);
    expectGolden(`${golden}realistic.fortios.conf`, out.artifacts[0]?.content ?? '');
    expectGolden(`${golden}realistic.findings.txt`, findingLines(out));
    expect(out.findings.map((f) => f.rule)).toContain('target:fortios:wildcard-fqdn-ipv6');
  });

  for (const name of EXAMPLES) {
    it(`renders example ${name} (its fortios firewall, else its first one) (golden)`, () => {
      const m = exampleMatrix(name);
      const fw = (m.firewalls.find((f) => f.platform === 'fortios') ?? m.firewalls[0])?.name ?? '';
      const out = expectRenderedOrReported(fortios, m, fw, parseFortios, label, true);
      expectGolden(`${golden}${name}.${fw}.fortios.conf`, out.artifacts[0]?.content ?? '');
      expectGolden(`${golden}${name}.${fw}.findings.txt`, findingLines(out));
    });
  }

  it('keeps ranges whole, wildcard FQDN objects, address6, interfaces from the hop', () => {
    const out = render(realisticMatrix(), 'fw');
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
    const text = render(m, 'fw').artifacts[0]?.content ?? '';
    expect(text).toContain('set comments "fixture/f ref a \\"quoted\\" \\\\ ref"');
    expect(parseFortios(text)[0]?.label).toBe('fixture/f ref a "quoted" \\ ref');
  });

  it('refuses an interface name FortiOS would not accept', () => {
    const m = matrix(
      [
        row({
          flow: 'f',
          from: endpoint('a', ['10.0.0.1']),
          to: endpoint('b', ['10.0.0.2']),
          services: service('tcp/1'),
          hops: [hop('fw', 'lan', 'dmz', 'port 1', 'port2')],
        }),
      ],
      [firewall('fw', 'fortios')],
    );
    const out = generateWith(fortios, m, { firewall: 'fw' });
    expect(out.ok ? [] : out.issues.map((i) => i.code)).toEqual(['invalid-value']);
  });

  it('property: every rule of a random matrix is in the config (exactly) or in the findings', () => {
    fc.assert(
      fc.property(arbitraryLabMatrix(), (m) => {
        expectRenderedOrReported(fortios, m, 'fw', parseFortios, label, true);
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('fuzz: hostile names never add a line or a command', () => {
    const build = (name: string) =>
      matrix(
        [
          row({
            flow: `flow${name}`,
            ref: name,
            catalog: `cat${name}`,
            from: endpoint(`role${name}`, ['10.0.0.0/24', '2001:db8::/64'], [`binding${name}`]),
            to: endpoint(`dst${name}`, ['10.1.0.1', 'host.example']),
            services: [...service('tcp/443,8000-8010', `svc${name}`), ...service('udp/53', `dns${name}`)],
            hops: [hop(`fw${name}`, 'lan', 'dmz', 'inside', 'dmz')],
          }),
        ],
        [firewall(`fw${name}`, 'fortios')],
      );
    const reference = lineCount(render(build('plain'), 'fwplain'));
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 40 })), (name) => {
        const out = render(build(name), `fw${name}`);
        expect(lineCount(out)).toBe(reference);
        const policies = parseFortios(out.artifacts[0]?.content ?? '');
        expect(policies).toHaveLength(1);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});

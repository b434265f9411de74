import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../../src/model/matrix.js';
import { safeText } from '../../../src/targets/core/escape.js';
import { generateWith } from '../../../src/targets/core/generate.js';
import { ruleLabel } from '../../../src/targets/core/rules.js';
import { juniperSrx } from '../../../src/targets/juniper-srx/index.js';
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
import { parseSrx } from './parse.js';

const golden = new URL('./golden/', import.meta.url).pathname;
const label = (r: Parameters<typeof ruleLabel>[0]) => safeText(ruleLabel(r), 255);

const render = (m: Matrix, fw: string) => {
  const out = generateWith(juniperSrx, m, { firewall: fw });
  if (!out.ok) throw new Error(out.issues.map((i) => i.message).join('\n'));
  return out.value;
};

describe('juniper-srx target', () => {
  it('renders the realistic site: every rule read back from the config, wildcards reported (golden)', () => {
    const out = expectRenderedOrReported(juniperSrx, realisticMatrix(), 'fw', parseSrx, label);
    expectGolden(`${golden}realistic.junos.set`, out.artifacts[0]?.content ?? '');
    expectGolden(`${golden}realistic.findings.txt`, findingLines(out));
    expect(out.findings.map((f) => f.rule)).toContain('target:juniper-srx:wildcard-fqdn');
  });

  for (const name of EXAMPLES) {
    it(`renders example ${name} (its juniper-srx firewall, else its first one) (golden)`, () => {
      const m = exampleMatrix(name);
      const fw = (m.firewalls.find((f) => f.platform === 'juniper-srx') ?? m.firewalls[0])?.name ?? '';
      const out = expectRenderedOrReported(juniperSrx, m, fw, parseSrx, label);
      expectGolden(`${golden}${name}.${fw}.junos.set`, out.artifacts[0]?.content ?? '');
      expectGolden(`${golden}${name}.${fw}.findings.txt`, findingLines(out));
    });
  }

  it('keeps port ranges whole, dns-name objects, zones declared, ICMP as applications', () => {
    const out = render(realisticMatrix(), 'fw');
    const text = out.artifacts[0]?.content ?? '';
    expect(text).toContain('protocol udp destination-port 50000-59999');
    expect(text).toContain('dns-name graph.microsoft.com');
    expect(text).toContain('set security zones security-zone lan');
    expect(text).toContain('protocol icmp6 icmp6-type 128');
    const wildcard = out.findings.find((f) => f.rule === 'target:juniper-srx:wildcard-fqdn');
    expect(wildcard?.remediation?.en).toContain('URL category');
  });

  it('refuses a zone name Junos would not accept', () => {
    const m = matrix(
      [
        row({
          flow: 'f',
          from: endpoint('a', ['10.0.0.1']),
          to: endpoint('b', ['10.0.0.2']),
          services: service('tcp/1'),
          hops: [hop('fw', 'l an', 'dmz')],
        }),
      ],
      [firewall('fw', 'juniper-srx')],
    );
    const out = generateWith(juniperSrx, m, { firewall: 'fw' });
    expect(out.ok ? [] : out.issues.map((i) => i.code)).toEqual(['invalid-value']);
  });

  it('property: every rule of a random matrix is in the config (exactly) or in the findings', () => {
    fc.assert(
      fc.property(arbitraryLabMatrix(), (m) => {
        expectRenderedOrReported(juniperSrx, m, 'fw', parseSrx, label);
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
        [firewall(`fw${name}`, 'juniper-srx')],
      );
    const reference = lineCount(render(build('plain'), 'fwplain'));
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 40 })), (name) => {
        const out = render(build(name), `fw${name}`);
        expect(lineCount(out)).toBe(reference);
        const policies = parseSrx(out.artifacts[0]?.content ?? '');
        expect(policies).toHaveLength(1);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});

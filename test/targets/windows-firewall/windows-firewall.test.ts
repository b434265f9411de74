import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../../src/model/matrix.js';
import { ruleLabel } from '../../../src/targets/generate/rules.js';
import { protocolGroups } from '../../../src/targets/kit/plan.js';
import { windowsFirewall } from '../../../src/targets/windows-firewall/index.js';
import { psText } from '../../../src/targets/windows-firewall/quote.js';
import { arbitraryLabMatrix } from '../../fixtures/targets/arbitrary.js';
import { endpoint, firewall, hop, matrix, row, service } from '../../fixtures/targets/build.js';
import { realisticMatrix } from '../../fixtures/targets/realistic.js';
import {
  canonicalSide,
  checkedRules,
  EXAMPLES,
  exampleMatrix,
  expectGolden,
  findingLines,
  generated,
  HOSTILE,
  isSiteHost,
  openingLabel,
  openings,
} from '../support/examples.js';
import { type PsRule, parseScript } from './parse.js';

// pwsh is not installed on this machine: the script is never run for real; parse.ts is the grammar check.
/** What PowerShell reads back from a quoted text: typographic single quotes were doubled as plain ones. */
const readBack = (text: string, max: number): string => psText(text, max).replace(/[\u2018\u2019\u201a\u201b]/g, "'");
const golden = new URL('./golden/', import.meta.url).pathname;
const PROTOCOL = {
  tcp: 'TCP',
  udp: 'UDP',
  icmp: 'ICMPv4',
  icmpv6: 'ICMPv6',
  gre: '47',
  esp: '50',
  ah: '51',
  ip: 'Any',
};

const render = (m: Matrix, fw: string) => generated(windowsFirewall, m, fw);

/** Every checked rule is in the script exactly (both ends that are site hosts), or reported; nothing else is. */
function expectExact(m: Matrix, fw: string) {
  const out = render(m, fw);
  const { rules: parsed, groupPrefix } = parseScript(out.artifacts[0]?.content ?? '');
  // Several rows may share a flow id and roles (one per zone pair): bucket by display name, consume on match.
  const byName = new Map<string, PsRule[]>();
  for (const p of parsed) byName.set(p.displayName, [...(byName.get(p.displayName) ?? []), p]);
  expect(new Set(parsed.map((p) => p.name)).size, 'rule names unique').toBe(parsed.length);
  let expected = 0;
  // One rule per distinct opening, as generate merges them, its label naming every flow.
  for (const opening of openings(checkedRules(windowsFirewall, m, fw))) {
    const { rule } = opening;
    const label = openingLabel(opening, 1024);
    for (const r of opening.flows) expect(label).toContain(`${r.row.catalog}/${r.row.flow}`);
    const src = canonicalSide(rule.source.addresses);
    const dst = canonicalSide(rule.destination.addresses);
    const ends = [
      isSiteHost(rule.destination.addresses, rule.destination.fixed) && ('in' as const),
      isSiteHost(rule.source.addresses, rule.source.fixed) && ('out' as const),
    ].filter((e) => e !== false);
    if (ends.length === 0) {
      expect(out.findings.some((f) => f.key === rule.row.key && f.rule.endsWith('no-local-host'))).toBe(true);
      continue;
    }
    for (const end of ends) {
      for (const g of protocolGroups(rule.services)) {
        expected++;
        const ports = g.ports.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`));
        const display = readBack(`${label} ${rule.source.role}->${rule.destination.role} ${end} ${g.protocol}`, 255);
        const want = {
          displayName: display,
          group: `${groupPrefix}${rule.row.catalog}`,
          direction: end === 'in' ? 'Inbound' : 'Outbound',
          protocol: PROTOCOL[g.protocol as keyof typeof PROTOCOL],
          ...(ports.length > 0 ? { [end === 'in' ? 'localPort' : 'remotePort']: ports } : {}),
          ...(g.icmpTypes === 'all' || ports.length > 0 ? {} : { icmpType: g.icmpTypes.map(String) }),
          localAddress: end === 'in' ? dst : src,
          remoteAddress: end === 'in' ? src : dst,
        };
        const bucket = byName.get(display) ?? [];
        const at = bucket.findIndex((p) => {
          const { name: _n, description: _d, ...rest } = p;
          return (
            JSON.stringify(rest, Object.keys(rest).sort()) === JSON.stringify(want, Object.keys(rest).sort()) &&
            Object.keys(rest).length === Object.keys(want).length
          );
        });
        expect(at, `${display}: ${JSON.stringify(want)} in ${JSON.stringify(bucket)}`).toBeGreaterThanOrEqual(0);
        expect(bucket.splice(at, 1)[0]?.description).toContain(readBack(label, 1024));
      }
    }
  }
  expect(parsed.length, 'no command beyond the rules').toBe(expected);
  return out;
}

describe('windows-firewall target', () => {
  it('renders the realistic site exactly; FQDNs and wildcards are findings (golden)', () => {
    const out = expectExact(realisticMatrix(), 'fw');
    expectGolden(`${golden}realistic.fw.ps1`, out.artifacts[0]?.content ?? '');
    expectGolden(`${golden}realistic.findings.txt`, findingLines(out));
    expect(out.findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining(['target:windows-firewall:fqdn', 'target:windows-firewall:wildcard-fqdn']),
    );
  });

  for (const name of EXAMPLES) {
    it(`renders example ${name} with --target windows-firewall on its first firewall (golden)`, () => {
      const m = exampleMatrix(name);
      const fw = m.firewalls[0]?.name ?? '';
      const out = expectExact(m, fw);
      expectGolden(`${golden}${name}.${fw}.ps1`, out.artifacts[0]?.content ?? '');
      expectGolden(`${golden}${name}.${fw}.findings.txt`, findingLines(out));
    });
  }

  it('is idempotent: removes the firewall group prefix first, strict mode, stops on error', () => {
    const text = render(realisticMatrix(), 'fw').artifacts[0]?.content ?? '';
    const lines = text.split('\r\n');
    const removal = lines.findIndex((l) => l.includes('Remove-NetFirewallRule'));
    const firstRule = lines.findIndex((l) => l.startsWith('New-NetFirewallRule'));
    expect(removal).toBeGreaterThan(0);
    expect(removal).toBeLessThan(firstRule);
    expect(lines).toContain('Set-StrictMode -Version Latest');
    expect(parseScript(text).groupPrefix).toBe('flowmatrix fw/');
  });

  it('writes nothing for a flow between two non-site ends, and says so', () => {
    const fixed = { ...endpoint('cloud', ['198.51.100.0/24']), fixed: true };
    const m = matrix(
      [
        row({
          flow: 'f',
          from: endpoint('any', ['any']),
          to: fixed,
          services: service('tcp/443'),
          hops: [hop('fw', 'a', 'b')],
        }),
      ],
      [firewall('fw', 'windows-firewall')],
    );
    const out = render(m, 'fw');
    expect(parseScript(out.artifacts[0]?.content ?? '').rules).toEqual([]);
    expect(out.findings.map((f) => f.rule)).toEqual(['target:windows-firewall:no-local-host']);
  });

  it('gives each firewall its own rule names: a host running two scripts of one site gets no duplicate -Name', () => {
    // -Name is the rule's unique id on the host: New-NetFirewallRule refuses an existing one, and with
    // -ErrorAction Stop the second script would stop there. A row crossing two firewalls is in both scripts.
    const m = matrix(
      [
        row({
          flow: 'f',
          from: endpoint('clients', ['10.0.1.0/24']),
          to: endpoint('server', ['10.0.3.10/32']),
          services: service('tcp/443'),
          hops: [hop('fw-a', 'lan', 'dmz'), hop('fw-b', 'dmz', 'srv')],
        }),
      ],
      [firewall('fw-a', 'windows-firewall'), firewall('fw-b', 'windows-firewall')],
    );
    const names = ['fw-a', 'fw-b'].flatMap((fw) =>
      parseScript(render(m, fw).artifacts[0]?.content ?? '').rules.map((r) => r.name),
    );
    expect(names).toHaveLength(4);
    expect(new Set(names).size).toBe(names.length);
  });

  it('the strict reader rejects what a broken quoting would produce', () => {
    const text = render(realisticMatrix(), 'fw').artifacts[0]?.content ?? '';
    const line = text.split('\r\n').find((l) => l.startsWith('New-NetFirewallRule')) ?? '';
    for (const bad of [
      line.replace("-Description '", "-Description 'x' ; Remove-Item C:\\ ; '"),
      line.replace("-Description '", "-Description 'it's "),
      line.replace("-Description '", "-Description 'a’b "),
      line.replace('-Direction Inbound', '-Direction $(Get-Date)'),
      line.replace(' | Out-Null', ' | Out-Null ; iex $x'),
      `${line}\nNew-NetFirewallRule`,
    ]) {
      expect(() => parseScript(text.replace(line, bad)), bad).toThrow();
    }
  });

  it('property: every rule of a random matrix is in the script exactly or in the findings', () => {
    fc.assert(
      fc.property(arbitraryLabMatrix(), (m) => {
        expectExact(m, 'fw');
      }),
      { numRuns: 150, seed: 5 },
    );
  });

  it('fuzz: hostile names never add a command or break the grammar, and read back unchanged', () => {
    const text = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(arbitraryLabMatrix(), text, text, text, (m, flow, ref, catalog) => {
        const hostile: Matrix = { ...m, rows: m.rows.map((r) => ({ ...r, flow: `${flow}${r.flow}`, ref, catalog })) };
        const tame = parseScript(render(m, 'fw').artifacts[0]?.content ?? '').rules;
        const parsed = parseScript(render(hostile, 'fw').artifacts[0]?.content ?? '').rules;
        expect(parsed.length).toBe(tame.length);
        parsed.forEach((p, i) => {
          const t = tame[i] as PsRule;
          expect({ ...p, name: '', displayName: '', group: '', description: '' }).toEqual({
            ...t,
            name: '',
            displayName: '',
            group: '',
            description: '',
          });
          const r = hostile.rows.find((row) =>
            p.description.startsWith(readBack(ruleLabel({ row, legIndex: 0 } as never), 1024)),
          );
          expect(r, 'description carries the hostile label verbatim (quotes doubled, nothing expanded)').toBeDefined();
        });
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});

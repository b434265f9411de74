import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../../src/model/matrix.js';
import { hostOrPrefix } from '../../../src/net/prefixes.js';
import { azureNsg } from '../../../src/targets/azure-nsg/index.js';
import { familyPlans, groupFits, protocolGroups, type Side } from '../../../src/targets/kit/plan.js';
import { arbitraryLabMatrix } from '../../fixtures/targets/arbitrary.js';
import { endpoint, firewall, hop, matrix, row, service } from '../../fixtures/targets/build.js';
import { realisticMatrix } from '../../fixtures/targets/realistic.js';
import { missing } from '../../support/system.js';
import { terraform, terraformConfigErrors } from '../aws-sg/terraform.js';
import {
  checkedRules,
  EXAMPLES,
  exampleMatrix,
  expectGolden,
  findingLines,
  generated,
  HOSTILE,
  openings,
} from '../support/examples.js';
import { type HclBlock, list, num, parseHcl, ref, str } from '../support/hcl-parse.js';

// The strict HCL reader is the syntax check; terraform (when installed) reads the configuration offline.
const golden = new URL('./golden/', import.meta.url).pathname;
const PROTOCOL = { tcp: 'Tcp', udp: 'Udp', icmp: 'Icmp', icmpv6: 'Icmp', esp: 'Esp', ah: 'Ah', ip: '*' };
const AZURE_NAME = /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/;

const render = (m: Matrix, fw: string) => generated(azureNsg, m, fw);

const prefixes = (b: HclBlock, kind: 'source' | 'destination'): string => {
  const one = str(b.attrs[`${kind}_address_prefix`]);
  const many = list(b.attrs[`${kind}_address_prefixes`]);
  expect(one === undefined ? 1 : 0, `${kind}: exactly one of prefix / prefixes`).toBe(many === undefined ? 0 : 1);
  return one ?? [...(many ?? [])].sort().join(',');
};

/** Every rule as `access|direction|protocol|ports|source|destination`, after checking names and priorities. */
function nsgRules(blocks: readonly HclBlock[]): string[] {
  const nsg = blocks.filter((b) => b.labels[0] === 'azurerm_network_security_group');
  expect(nsg).toHaveLength(1);
  const used = { Inbound: new Set<number>(), Outbound: new Set<number>() };
  return blocks
    .filter((b) => b.labels[0] === 'azurerm_network_security_rule')
    .map((b) => {
      const direction = str(b.attrs.direction) as 'Inbound' | 'Outbound';
      const priority = num(b.attrs.priority) ?? 0;
      expect(priority).toBeGreaterThanOrEqual(100);
      expect(priority).toBeLessThanOrEqual(4096);
      expect(used[direction].has(priority), `priority ${priority} unique`).toBe(false);
      used[direction].add(priority);
      expect(str(b.attrs.name)).toMatch(AZURE_NAME);
      expect((str(b.attrs.description) ?? '').length).toBeLessThanOrEqual(140);
      expect(ref(b.attrs.network_security_group_name)).toBe(`azurerm_network_security_group.${nsg[0]?.labels[1]}.name`);
      const ports = str(b.attrs.destination_port_range) ?? list(b.attrs.destination_port_ranges)?.join(',');
      return [
        str(b.attrs.access),
        direction,
        str(b.attrs.protocol),
        ports,
        prefixes(b, 'source'),
        prefixes(b, 'destination'),
      ].join('|');
    });
}

function expectExact(m: Matrix, fw: string) {
  const out = render(m, fw);
  const got = nsgRules(parseHcl(out.artifacts[0]?.content ?? '')).sort();
  const expected: string[] = ['Deny|Inbound|*|*|*|*', 'Deny|Outbound|*|*|*|*'];
  const side = (s: Side) => (s === 'any' ? '*' : s.map(hostOrPrefix).sort().join(','));
  // One rule per distinct opening, as generate merges them.
  for (const { rule } of openings(checkedRules(azureNsg, m, fw))) {
    for (const g of protocolGroups(rule.services)) {
      if ((g.protocol === 'icmp' || g.protocol === 'icmpv6') && g.icmpTypes !== 'all') {
        expect(out.findings.some((f) => f.key === rule.row.key && f.rule === 'target:azure-nsg:icmp-type')).toBe(true);
        continue;
      }
      for (const direction of ['Inbound', 'Outbound']) {
        for (const plan of familyPlans(rule)) {
          if (!groupFits(g, plan.family)) continue;
          const ports =
            g.ports.length > 0
              ? g.ports.map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`)).join(',')
              : '*';
          // Azure's Icmp is both ICMP families: between two `any` sides it must be held to its own family.
          const whole =
            plan.family === 'both' ? { icmp: '0.0.0.0/0', icmpv6: '::/0' }[g.protocol as string] : undefined;
          expected.push(
            [
              'Allow',
              direction,
              PROTOCOL[g.protocol as keyof typeof PROTOCOL],
              ports,
              whole ?? side(plan.source),
              whole ?? side(plan.destination),
            ].join('|'),
          );
        }
      }
    }
  }
  expect(got).toEqual(expected.sort());
  return out;
}

describe('azure-nsg target', () => {
  it('renders the realistic site exactly; typed ICMP and names are findings (golden)', () => {
    const out = expectExact(realisticMatrix(), 'fw');
    expectGolden(`${golden}realistic.fw.tf`, out.artifacts[0]?.content ?? '');
    expectGolden(`${golden}realistic.findings.txt`, findingLines(out));
    expect(out.findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining(['target:azure-nsg:icmp-type', 'target:azure-nsg:fqdn', 'target:azure-nsg:wildcard-fqdn']),
    );
  });

  for (const name of EXAMPLES) {
    it(`renders example ${name} with --target azure-nsg on its first firewall (golden)`, () => {
      const m = exampleMatrix(name);
      const fw = m.firewalls[0]?.name ?? '';
      const out = expectExact(m, fw);
      expectGolden(`${golden}${name}.${fw}.tf`, out.artifacts[0]?.content ?? '');
      expectGolden(`${golden}${name}.${fw}.findings.txt`, findingLines(out));
    });
  }

  it('holds Icmp to its own family between two any sides (Azure Icmp is both families)', () => {
    const m = matrix(
      [
        row({
          flow: 'ping-any',
          from: endpoint('a', ['any']),
          to: endpoint('b', ['any']),
          services: [...service('icmp'), ...service('icmpv6')],
          hops: [hop('fw', 'lan', 'dmz')],
        }),
      ],
      [firewall('fw', 'azure-nsg')],
    );
    const rules = expectExact(m, 'fw').artifacts[0]?.content ?? '';
    expect(nsgRules(parseHcl(rules)).filter((r) => r.startsWith('Allow|Inbound'))).toEqual([
      'Allow|Inbound|Icmp|*|0.0.0.0/0|0.0.0.0/0',
      'Allow|Inbound|Icmp|*|::/0|::/0',
    ]);
  });

  it('priorities are stable: 100, 110, … per direction in matrix order', () => {
    const blocks = parseHcl(render(realisticMatrix(), 'fw').artifacts[0]?.content ?? '');
    const inbound = blocks.filter((b) => str(b.attrs.direction) === 'Inbound' && str(b.attrs.access) === 'Allow');
    expect(inbound.map((b) => num(b.attrs.priority))).toEqual(inbound.map((_, i) => 100 + 10 * i));
  });

  it('property: every rule of a random matrix is allowed exactly or reported', () => {
    fc.assert(
      fc.property(arbitraryLabMatrix(), (m) => {
        expectExact(m, 'fw');
      }),
      { numRuns: 150, seed: 2 },
    );
  });

  it('fuzz: hostile names never add a rule or break the syntax', () => {
    const text = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary' }));
    const shape = (m: Matrix) => nsgRules(parseHcl(render(m, 'fw').artifacts[0]?.content ?? '')).sort();
    fc.assert(
      fc.property(arbitraryLabMatrix(), text, text, text, (m, flow, ref, catalog) => {
        const hostile: Matrix = { ...m, rows: m.rows.map((r) => ({ ...r, flow: `${flow}${r.flow}`, ref, catalog })) };
        expect(shape(hostile)).toEqual(shape(m));
      }),
      { numRuns: 200, seed: 6 },
    );
  });
});

describe.skipIf(missing(terraform))('azure-nsg with the real terraform', () => {
  it('gives each firewall a module of its own: the files of a whole site, written together, load in terraform', () => {
    // Side by side in one folder, two firewalls' files declared variables "location" and "resource_group_name" twice.
    for (const name of EXAMPLES) {
      const m = exampleMatrix(name);
      const artifacts = m.firewalls.flatMap((f) => render(m, f.name).artifacts);
      expect(terraformConfigErrors(artifacts), name).toEqual([]);
    }
  });
});

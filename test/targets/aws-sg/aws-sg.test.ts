import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Endpoint, Matrix } from '../../../src/model/matrix.js';
import { minimalPrefixes, withLength } from '../../../src/net/prefixes.js';
import { AWS_DESCRIPTION_CHAR } from '../../../src/targets/aws-sg/capabilities.js';
import { awsSg } from '../../../src/targets/aws-sg/index.js';
import { awsText } from '../../../src/targets/aws-sg/text.js';
import { hclString } from '../../../src/targets/kit/hcl.js';
import { protocolGroups } from '../../../src/targets/kit/plan.js';
import { arbitraryLabMatrix } from '../../fixtures/targets/arbitrary.js';
import { endpoint, firewall, hop, matrix, row, service } from '../../fixtures/targets/build.js';
import { realisticMatrix } from '../../fixtures/targets/realistic.js';
import { missing } from '../../support/system.js';
import {
  checkedRules,
  EXAMPLES,
  exampleMatrix,
  expectGolden,
  findingLines,
  generated,
  HOSTILE,
  isSiteHost,
} from '../support/examples.js';
import { type HclBlock, num, parseHcl, ref, str } from '../support/hcl-parse.js';
import { terraform, terraformConfigErrors } from './terraform.js';

// hcl-parse.ts is the syntax check; terraform (when installed) reads the configuration offline; no plan/apply is run.
const golden = new URL('./golden/', import.meta.url).pathname;
const PROTOCOL = { tcp: 'tcp', udp: 'udp', icmp: 'icmp', icmpv6: 'icmpv6', gre: '47', esp: '50', ah: '51', ip: '-1' };
const AWS_TEXT = new RegExp(`^(?:${AWS_DESCRIPTION_CHAR.source})*$`);

const render = (m: Matrix, fw: string, referenceGroups = true) => generated(awsSg, m, fw, { referenceGroups });

/** What the Terraform allows, as `direction|role|protocol|from|to|peer` (peer: a CIDR or `sg:<role>`). */
function permissions(blocks: readonly HclBlock[]): string[] {
  const roles = new Map<string, string>();
  for (const b of blocks.filter((b) => b.type === 'resource' && b.labels[0] === 'aws_security_group')) {
    const tags = b.attrs.tags;
    const role = tags && 'obj' in tags ? str(tags.obj.flowmatrix_role) : undefined;
    expect(role, `group ${b.labels[1]} has a role tag`).toBeDefined();
    expect(str(b.attrs.name)).toMatch(AWS_TEXT);
    expect(str(b.attrs.description)).toMatch(AWS_TEXT);
    expect(ref(b.attrs.vpc_id)).toBe('var.vpc_id');
    roles.set(`aws_security_group.${b.labels[1]}.id`, role as string);
  }
  const out: string[] = [];
  for (const b of blocks.filter((b) => b.type === 'resource' && b.labels[0] !== 'aws_security_group')) {
    const direction = /^aws_vpc_security_group_(ingress|egress)_rule$/.exec(b.labels[0] ?? '')?.[1];
    expect(direction, b.labels[0]).toBeDefined();
    const own = roles.get(ref(b.attrs.security_group_id) ?? '');
    expect(own, 'security_group_id names a declared group').toBeDefined();
    const description = str(b.attrs.description) ?? '';
    expect(description.length).toBeLessThanOrEqual(255);
    expect(description).toMatch(AWS_TEXT);
    const peers = ['cidr_ipv4', 'cidr_ipv6', 'referenced_security_group_id'].filter((k) => k in b.attrs);
    expect(peers, 'exactly one peer').toHaveLength(1);
    const peer = b.attrs.referenced_security_group_id
      ? `sg:${roles.get(ref(b.attrs.referenced_security_group_id) ?? '')}`
      : (str(b.attrs.cidr_ipv4) ?? str(b.attrs.cidr_ipv6));
    if (b.attrs.cidr_ipv4) expect(peer).not.toContain(':');
    if (b.attrs.cidr_ipv6) expect(peer).toContain(':');
    out.push(
      `${direction}|${own}|${str(b.attrs.ip_protocol)}|${num(b.attrs.from_port) ?? ''}|${num(b.attrs.to_port) ?? ''}|${peer}`,
    );
  }
  return out;
}

const cidrsOf = (ep: Endpoint): string[] =>
  ep.addresses.some((a) => a.kind === 'any')
    ? ['0.0.0.0/0', '::/0']
    : minimalPrefixes(ep.addresses.flatMap((a) => (a.kind === 'cidr' ? [a.value] : []))).prefixes.map(withLength);

/** Every checked rule is allowed exactly (ingress on the destination role, egress on the source role) or reported. */
function expectExact(m: Matrix, fw: string, referenceGroups = true) {
  const out = render(m, fw, referenceGroups);
  const blocks = parseHcl(out.artifacts[0]?.content ?? '');
  const got = permissions(blocks);
  expect(new Set(got).size, 'no duplicate rule (AWS refuses them)').toBe(got.length);
  const expected = new Set<string>();
  for (const rule of checkedRules(awsSg, m, fw)) {
    const srcHost = isSiteHost(rule.source.addresses, rule.source.fixed);
    const dstHost = isSiteHost(rule.destination.addresses, rule.destination.fixed);
    if (!srcHost && !dstHost) {
      expect(out.findings.some((f) => f.key === rule.row.key && f.rule === 'target:aws-sg:no-local-host')).toBe(true);
      continue;
    }
    for (const [direction, own, other, isHost] of [
      ['ingress', rule.destination, rule.source, dstHost],
      ['egress', rule.source, rule.destination, srcHost],
    ] as const) {
      if (!isHost) continue;
      const ownFamilies = new Set(cidrsOf(own).map((c) => (c.includes(':') ? 6 : 4)));
      const peers = referenceGroups && srcHost && dstHost ? [`sg:${other.role}`] : cidrsOf(other);
      for (const g of protocolGroups(rule.services)) {
        for (const peer of peers) {
          const fam = peer.startsWith('sg:') ? undefined : peer.includes(':') ? 6 : 4;
          if (fam !== undefined && !ownFamilies.has(fam)) continue;
          const need = g.protocol === 'icmp' ? 4 : g.protocol === 'icmpv6' ? 6 : undefined;
          if (need !== undefined && (fam ?? need) !== need) continue;
          if (need !== undefined && fam === undefined && !ownFamilies.has(need)) continue;
          const ranges =
            g.ports.length > 0
              ? g.ports.map((p) => [p.from, p.to])
              : g.protocol === 'icmp' || g.protocol === 'icmpv6'
                ? g.icmpTypes === 'all'
                  ? [[-1, -1]]
                  : g.icmpTypes.map((t) => [t, -1])
                : [['', '']];
          for (const [from, to] of ranges) {
            expected.add(
              `${direction}|${own.role}|${PROTOCOL[g.protocol as keyof typeof PROTOCOL]}|${from}|${to}|${peer}`,
            );
          }
        }
      }
    }
  }
  expect(new Set(got)).toEqual(expected);
  return { out, blocks };
}

describe('aws-sg target', () => {
  it('renders the realistic site exactly, with security group references between site roles (golden)', () => {
    const { out } = expectExact(realisticMatrix(), 'fw');
    expectGolden(`${golden}realistic.fw.tf`, out.artifacts[0]?.content ?? '');
    expectGolden(`${golden}realistic.findings.txt`, findingLines(out));
    expect(out.findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining(['target:aws-sg:fqdn', 'target:aws-sg:wildcard-fqdn']),
    );
  });

  it('uses CIDRs only when group references are off', () => {
    const { blocks } = expectExact(realisticMatrix(), 'fw', false);
    expect(blocks.some((b) => 'referenced_security_group_id' in b.attrs)).toBe(false);
  });

  for (const name of EXAMPLES) {
    it(`renders example ${name} with --target aws-sg on its first firewall (golden)`, () => {
      const m = exampleMatrix(name);
      const fw = m.firewalls[0]?.name ?? '';
      const { out } = expectExact(m, fw);
      expectGolden(`${golden}${name}.${fw}.tf`, out.artifacts[0]?.content ?? '');
      expectGolden(`${golden}${name}.${fw}.findings.txt`, findingLines(out));
    });
  }

  it('opens any as both address spaces, never as a missing peer', () => {
    const m = matrix(
      [
        row({
          flow: 'ntp',
          from: endpoint('web', ['10.0.0.1', '2001:db8::1']),
          to: endpoint('x', ['any']),
          services: service('udp/123'),
          hops: [hop('fw', 'a', 'b')],
        }),
      ],
      [firewall('fw', 'aws-sg')],
    );
    const got = permissions(parseHcl(render(m, 'fw').artifacts[0]?.content ?? ''));
    expect(got.sort()).toEqual(['egress|web|udp|123|123|0.0.0.0/0', 'egress|web|udp|123|123|::/0']);
  });

  it('reports a group above the default quota of 60 rules per direction', () => {
    const many = Array.from({ length: 61 }, (_, i) => `tcp/${1000 + 2 * i}`)
      .join(',')
      .replaceAll(',tcp/', ',');
    const m = matrix(
      [
        row({
          flow: 'f',
          from: endpoint('a', ['10.0.0.1']),
          to: endpoint('b', ['10.0.0.2']),
          services: service(many),
          hops: [hop('fw', 'a', 'b')],
        }),
      ],
      [firewall('fw', 'aws-sg')],
    );
    expect(render(m, 'fw').findings.map((f) => f.rule)).toEqual(['target:aws-sg:quota', 'target:aws-sg:quota']);
  });

  it('escapes HCL templates and keeps AWS descriptions in their character set', () => {
    // biome-ignore-start lint/suspicious/noTemplateCurlyInString: HCL interpolations, on purpose.
    expect(hclString('${var.x} %{ if } "q" \\ \n')).toBe('"$${var.x} %%{ if } \\"q\\" \\\\ \\n"');
    expect(parseHcl(`x {\n  a = ${hclString('$${ ${ %{ \u0001')}\n}\n`)[0]?.attrs.a).toEqual({
      str: '$${ ${ %{ \u0001',
    });
    expect(() => parseHcl('x {\n  a = "${var.x}"\n}\n')).toThrow();
    expect(() => parseHcl('x {\n  a = "%{ if }"\n}\n')).toThrow();
    expect(() => parseHcl('x {\n  a = "a"b"\n}\n')).toThrow();
    // biome-ignore-end lint/suspicious/noTemplateCurlyInString: HCL interpolations, on purpose.
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const t = awsText(s);
        expect(t).toMatch(AWS_TEXT);
        expect(t.length).toBeLessThanOrEqual(255);
        expect(parseHcl(`x {\n  a = ${hclString(s)}\n}\n`)[0]?.attrs.a).toEqual({ str: s });
      }),
    );
  });

  it('property: every rule of a random matrix is allowed exactly or reported', () => {
    fc.assert(
      fc.property(arbitraryLabMatrix(), fc.boolean(), (m, refs) => {
        expectExact(m, 'fw', refs);
      }),
      { numRuns: 150, seed: 9 },
    );
  });

  it('fuzz: hostile names never add a resource or break the syntax', () => {
    const text = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary' }));
    const shape = (m: Matrix) =>
      parseHcl(render(m, 'fw').artifacts[0]?.content ?? '')
        .map((b) =>
          [
            b.type,
            b.labels[0],
            str(b.attrs.ip_protocol),
            num(b.attrs.from_port),
            str(b.attrs.cidr_ipv4),
            str(b.attrs.cidr_ipv6),
          ].join('|'),
        )
        .sort();
    fc.assert(
      fc.property(arbitraryLabMatrix(), text, text, text, text, (m, flow, ref, catalog, role) => {
        const rename = (ep: Endpoint, i: number) => ({ ...ep, role: `${role}${ep.role}${i}` });
        const hostile: Matrix = {
          ...m,
          rows: m.rows.map((r, i) => ({
            ...r,
            flow: `${flow}${r.flow}`,
            ref,
            catalog,
            legs: r.legs.map((l) => ({ ...l, source: rename(l.source, i), destination: rename(l.destination, i) })),
          })),
        };
        expect(shape(hostile)).toEqual(shape(m));
      }),
      { numRuns: 200, seed: 4 },
    );
  });
});

describe.skipIf(missing(terraform))('aws-sg with the real terraform', () => {
  it('gives each firewall a module of its own: the files of a whole site, written together, load in terraform', () => {
    // Terraform reads every .tf of a folder as one module: two firewalls' files side by side declared
    // variable "vpc_id", their output and their groups twice ("Duplicate variable declaration").
    for (const name of EXAMPLES) {
      const m = exampleMatrix(name);
      const artifacts = m.firewalls.flatMap((f) => render(m, f.name).artifacts);
      expect(terraformConfigErrors(artifacts), name).toEqual([]);
    }
  });
});

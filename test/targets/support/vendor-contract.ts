/**
 * What every vendor target test checks (test/targets/{cisco-asa,panos,fortios,juniper-srx}): a strict
 * parser of the output (each target brings its own) reads back policies as plain sets, and these helpers compare
 * them with the capability-checked rules. No vendor CLI exists on this machine: the parsers are the grammar check.
 */
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { expect, it } from 'vitest';
import type { Matrix, ServiceMatch } from '../../../src/model/matrix.js';
import { hostOrPrefix, parsePrefix } from '../../../src/net/prefixes.js';
import { type CheckedRule, checkCapabilities } from '../../../src/targets/generate/capabilities.js';
import { generateWith } from '../../../src/targets/generate/generate.js';
import { allowRule, type FirewallRule, ruleLabel, sliceForFirewall } from '../../../src/targets/generate/rules.js';
import type { Target, TargetOutput } from '../../../src/targets/generate/target.js';
import { FLOW_SEPARATOR, flowName, flowsLabel } from '../../../src/targets/kit/flow-labels.js';
import { memberText, sideMembers } from '../../../src/targets/kit/objects.js';
import { protocolGroups } from '../../../src/targets/kit/plan.js';
import { arbitraryLabMatrix } from '../../fixtures/targets/arbitrary.js';
import { endpoint, firewall, hop, matrix, row, service } from '../../fixtures/targets/build.js';
import { realisticMatrix } from '../../fixtures/targets/realistic.js';
import {
  EXAMPLES,
  exampleMatrix,
  expectGolden,
  findingLines,
  generated,
  HOSTILE,
  lineCount,
  type Opening,
  openings,
  repoRoot,
} from './examples.js';

/** One permit read back from a config: addresses and services canonicalised, label = the comment/description. */
export interface ParsedPolicy {
  readonly label: string;
  readonly from: string;
  readonly to: string;
  readonly source: 'any' | readonly string[];
  readonly destination: 'any' | readonly string[];
  /** `tcp/443-443`, `icmp/8`, `icmp/all`, `gre`, or `ip` alone for every protocol. */
  readonly services: readonly string[];
}

export type Parser = (text: string) => ParsedPolicy[];

/** `10.0.0.1/32` → `10.0.0.1`, `10.0.0.0/8` stays; names unchanged. */
export const canonicalAddress = (text: string): string => {
  // What looks like an address must be one a device takes (ipaddr.js, independent of src/targets/kit/cidr).
  if (/^[0-9.]+(\/\d+)?$/.test(text) || text.includes(':')) {
    const [addr = '', bits] = text.split('/');
    const family = ipaddr.isValid(addr) ? ipaddr.parse(addr).kind() : undefined;
    const max = family === 'ipv4' ? 32 : 128;
    const fourOctets = family !== 'ipv4' || ipaddr.IPv4.isValidFourPartDecimal(addr);
    if (!family || !fourOctets || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= max))) {
      throw new Error(`not an address a device accepts: ${text}`);
    }
  } else if (!/^(\*\.)?[a-z0-9_-]+(\.[a-z0-9_-]+)*$/i.test(text)) {
    throw new Error(`not a DNS name: ${text}`);
  }
  const p = parsePrefix(text);
  return p ? hostOrPrefix(p) : text;
};

export function canonicalServices(services: readonly ServiceMatch[]): string[] {
  const groups = protocolGroups(services);
  if (groups.some((g) => g.protocol === 'ip')) return ['ip'];
  return groups
    .flatMap((g) => {
      if (g.ports.length > 0) return g.ports.map((p) => `${g.protocol}/${p.from}-${p.to}`);
      if (g.protocol === 'icmp' || g.protocol === 'icmpv6') {
        return g.icmpTypes === 'all' ? [`${g.protocol}/all`] : g.icmpTypes.map((t) => `${g.protocol}/${t}`);
      }
      return [g.protocol];
    })
    .sort();
}

/** Parses `tcp 443`, `tcp 1000-2000` lists back into canonical strings (merged like the renderer does). */
export function servicesFrom(parts: readonly { protocol: string; from?: number; to?: number; icmp?: number }[]) {
  for (const p of parts) {
    const to = p.to ?? p.from;
    const port = (n: number | undefined) => n === undefined || (Number.isInteger(n) && n >= 1 && n <= 65535);
    if (!port(p.from) || !port(to) || (p.from !== undefined && to !== undefined && p.from > to)) {
      throw new Error(`not a port range a device accepts: ${p.protocol} ${p.from}-${to}`);
    }
    if (p.icmp !== undefined && !(Number.isInteger(p.icmp) && p.icmp >= 0 && p.icmp <= 255)) {
      throw new Error(`not an ICMP type: ${p.icmp}`);
    }
  }
  const matches: ServiceMatch[] = parts.map((p) =>
    p.from === undefined
      ? {
          name: 'x',
          protocol: p.protocol as ServiceMatch['protocol'],
          ports: [],
          ...(p.icmp === undefined ? {} : { icmpType: p.icmp }),
        }
      : { name: 'x', protocol: p.protocol as ServiceMatch['protocol'], ports: [{ from: p.from, to: p.to ?? p.from }] },
  );
  return canonicalServices(matches);
}

const familyOf = (text: string): 4 | 6 | 'name' => parsePrefix(text)?.family ?? 'name';

/**
 * The output must hold, for each checked rule, policies (same label) whose union covers every source/destination
 * pair that can exist (a family on one side with a counterpart on the other) and nothing outside the rule, with
 * exactly the rule's services.
 */
export type Labeller = (rule: FirewallRule, text?: string) => string;

/**
 * The label of an opening's policy as the parser reads it: its rule's label alone; for rules merged from several
 * flows, one remark per flow where the platform writes several (the ASA's, read back joined by ` + `), else the one
 * comment generate composes within the platform's length (kit/flow-labels.ts). Every flow named is checked apart.
 */
export const openingLabeller =
  (target: Target<never>, labelOf: Labeller) =>
  (o: Opening): string => {
    if (o.flows.length === 1) return labelOf(o.rule);
    if (target.capabilities.commentPerFlow === true) return o.flows.map((r) => labelOf(r)).join(FLOW_SEPARATOR);
    const origins = o.flows.map((r) => allowRule(r).origin);
    return labelOf(o.rule, flowsLabel(origins, target.capabilities.maxCommentLength ?? 255).text);
  };

export function expectRulesRendered(
  opened: readonly Opening[],
  policies: readonly ParsedPolicy[],
  labelOf: (o: Opening) => string,
  wildcardIpv4Only = false,
): void {
  // A name resolves for both families, except wildcard FQDNs on platforms that resolve them for IPv4 only (reported).
  const famsOfName = (t: string): (4 | 6)[] => (wildcardIpv4Only && t.startsWith('*.') ? [4] : [4, 6]);
  // One policy per rule, in rule order for a given label and ingress (rows of one flow may share a label).
  const buckets = new Map<string, ParsedPolicy[]>();
  for (const p of policies) buckets.set(`${p.label}|${p.from}`, [...(buckets.get(`${p.label}|${p.from}`) ?? []), p]);
  expect(policies.length, 'one policy per opening').toBe(opened.length);
  for (const o of opened) {
    const { rule } = o;
    const label = labelOf(o);
    // Ingress by interface (ASA, FortiOS) or by zone (PAN-OS, SRX).
    const ingress = [rule.fromInterface, rule.hop.fromZone].find((i) => buckets.get(`${label}|${i}`)?.length);
    const next = buckets.get(`${label}|${ingress}`)?.shift();
    expect(next, `no policy for ${label}`).toBeDefined();
    const found = next ? [next] : [];
    const side = (which: 'source' | 'destination') => {
      const m = sideMembers(rule[which]);
      return m === 'any' ? ('any' as const) : m.map(memberText);
    };
    const [src, dst] = [side('source'), side('destination')];
    const famsOf = (t: string): (4 | 6)[] => {
      const f = familyOf(t);
      return f === 'name' ? famsOfName(t) : [f];
    };
    const fams = (s: 'any' | string[]) => new Set<4 | 6>(s === 'any' ? [4, 6] : s.flatMap(famsOf));
    const [srcFams, dstFams] = [fams(src), fams(dst)];
    const effective = (s: 'any' | string[], other: Set<4 | 6>) =>
      s === 'any' ? 'any' : s.filter((t) => famsOf(t).some((f) => other.has(f)));
    const union = (which: 'source' | 'destination') => {
      const all = found.map((p) => p[which]);
      if (all.includes('any')) return 'any' as const;
      return [...new Set(all.flatMap((a) => (a === 'any' ? [] : a.map(canonicalAddress))))];
    };
    for (const [which, expected, allowed] of [
      ['source', effective(src, dstFams), src],
      ['destination', effective(dst, srcFams), dst],
    ] as const) {
      const got = union(which);
      if (expected === 'any') expect(got, `${label} ${which}`).toBe('any');
      else {
        expect(got, `${label} ${which} widened to any`).not.toBe('any');
        const gotSet = new Set(got as string[]);
        for (const e of expected) expect(gotSet.has(e), `${label} ${which} lacks ${e}`).toBe(true);
        for (const g of gotSet)
          expect((allowed as string[]).includes(g), `${label} ${which} has extra ${g}`).toBe(true);
      }
    }
    const services = [...new Set(found.flatMap((p) => p.services))].sort();
    expect(services, `${label} services`).toEqual(canonicalServices(rule.services));
    for (const p of found) {
      const byZone = p.from === rule.hop.fromZone && p.to === rule.hop.toZone;
      const byInterface =
        p.from === (rule.fromInterface ?? rule.hop.fromZone) &&
        [rule.toInterface ?? rule.hop.toZone, ''].includes(p.to);
      expect(byZone || byInterface, `${label}: ${p.from} -> ${p.to}`).toBe(true);
    }
  }
}

/** Every rule of the slice is either rendered (checked) or named by a finding with its row key. */
export function expectRenderedOrReported(
  target: Target<never>,
  m: Matrix,
  firewall: string,
  parse: Parser,
  labelOf: Labeller = ruleLabel,
  wildcardIpv4Only = false,
  expectedRule: ExpectedRule = (_m, _fw, rule) => rule,
): TargetOutput {
  const result = generated(target, m, firewall);
  const slice = sliceForFirewall(m, firewall, target.id);
  const checked = checkCapabilities(slice.rules, target).rules.flatMap((r) => expectedRule(m, firewall, r) ?? []);
  const text = result.artifacts.map((a) => a.content).join('\n');
  const policies = parse(text);
  const renderedLabels = new Set(policies.map((p) => p.label));
  const reported = new Set(result.findings.map((f) => f.key));
  const opened = openings(checked);
  const openingLabel = openingLabeller(target, labelOf);
  const labels = new Map(opened.flatMap((o) => o.flows.map((r) => [r.id, openingLabel(o)] as const)));
  for (const rule of slice.rules) {
    const label = labels.get(rule.id) ?? labelOf(rule);
    expect(renderedLabels.has(label) || reported.has(rule.row.key), `rule ${label} neither rendered nor reported`).toBe(
      true,
    );
  }
  // A rule merged from several flows names each of them (or a finding lists those its comment only counts).
  const unnamed = new Set(result.findings.filter((f) => f.rule.endsWith(':flows-unnamed')).map((f) => f.key));
  for (const o of opened) {
    if (o.flows.length === 1 || unnamed.has(o.rule.row.key)) continue;
    const label = openingLabel(o);
    for (const r of o.flows) expect(label, 'every flow named').toContain(labelOf(r, flowName(r.row)));
  }
  expectRulesRendered(
    opened.filter((o) => renderedLabels.has(openingLabel(o)) || !reported.has(o.rule.row.key)),
    policies,
    openingLabel,
    wildcardIpv4Only,
  );
  return result;
}

/** The rule as the target should print it (undefined: it cannot, and reports it); default: the rule itself. */
export type ExpectedRule = (m: Matrix, firewall: string, rule: CheckedRule) => CheckedRule | undefined;

export interface VendorContract {
  /** The ASA keeps a rule's destination to its egress zone (its ACLs filter on ingress only). */
  readonly expectedRule?: ExpectedRule;
  readonly target: Target<never>;
  readonly parse: Parser;
  /** The label as the parser reads it back from the config's comment or description. */
  readonly label: Labeller;
  /** Golden file extension: `asa.cfg`, `panos.set`… */
  readonly extension: string;
  /** The platform resolves wildcard FQDNs for IPv4 only (FortiOS): their IPv6 side is reported, not rendered. */
  readonly wildcardIpv4Only?: boolean;
  /** The finding the realistic site's wildcard FQDNs get (`target:cisco-asa:wildcard-fqdn`…). */
  readonly wildcardRule: string;
  /** A hop whose interface or zone name the platform refuses (`invalid-value`). */
  readonly refusedHop: ReturnType<typeof hop>;
}

/**
 * The tests every vendor target passes, inside the caller's `describe`: realistic and example sites read back
 * exactly (golden), an invalid interface or zone refused, random matrices rendered exactly or reported, hostile
 * names never adding a line or a policy.
 */
export function vendorContract(c: VendorContract): void {
  const { target, parse, label } = c;
  const golden = `${repoRoot}test/targets/${target.id}/golden/`;
  const rendered = (m: Matrix, fw: string) =>
    expectRenderedOrReported(target, m, fw, parse, label, c.wildcardIpv4Only, c.expectedRule);

  it('renders the realistic site: every rule read back from the config, wildcards reported (golden)', () => {
    const out = rendered(realisticMatrix(), 'fw');
    expectGolden(`${golden}realistic.${c.extension}`, out.artifacts[0]?.content ?? '');
    expectGolden(`${golden}realistic.findings.txt`, findingLines(out));
    expect(out.findings.map((f) => f.rule)).toContain(c.wildcardRule);
  });

  for (const name of EXAMPLES) {
    it(`renders example ${name} (its ${target.id} firewall, else its first one) (golden)`, () => {
      const m = exampleMatrix(name);
      const fw = (m.firewalls.find((f) => f.platform === target.id) ?? m.firewalls[0])?.name ?? '';
      const out = rendered(m, fw);
      expectGolden(`${golden}${name}.${fw}.${c.extension}`, out.artifacts[0]?.content ?? '');
      expectGolden(`${golden}${name}.${fw}.findings.txt`, findingLines(out));
    });
  }

  it('refuses an interface or zone name the platform would not accept', () => {
    const m = matrix(
      [
        row({
          flow: 'f',
          from: endpoint('a', ['10.0.0.1']),
          to: endpoint('b', ['10.0.0.2']),
          services: service('tcp/1'),
          hops: [c.refusedHop],
        }),
      ],
      [firewall(c.refusedHop.firewall, target.id)],
    );
    const out = generateWith(target, m, { firewall: c.refusedHop.firewall });
    expect(out.ok ? [] : out.issues.map((i) => i.code)).toEqual(['invalid-value']);
  });

  it('never names an object like the platform word for every address (a role called any or all)', () => {
    const m = matrix(
      ['any', 'all', 'Any', 'ALL', 'none'].map((role, i) =>
        row({
          flow: `f${i}`,
          from: endpoint(role, ['10.0.0.1', '10.0.0.2']),
          to: endpoint(role.toLowerCase() === 'any' ? 'all' : 'any', ['10.1.0.1', '10.1.0.2']),
          services: service('tcp/443'),
          hops: [hop('fw', 'lan', 'dmz', 'inside', 'outside')],
        }),
      ),
      [firewall('fw', target.id)],
    );
    rendered(m, 'fw');
  });

  it('property: every rule of a random matrix is in the config (exactly) or in the findings', () => {
    fc.assert(
      fc.property(arbitraryLabMatrix(), (m) => {
        rendered(m, 'fw');
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
        [firewall(`fw${name}`, target.id)],
      );
    const render = (name: string) => generated(target, build(name), `fw${name}`);
    const reference = lineCount(render('plain'));
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 40 })), (name) => {
        const out = render(name);
        expect(lineCount(out)).toBe(reference);
        expect(parse(out.artifacts[0]?.content ?? '')).toHaveLength(1);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
}

/**
 * What every vendor target test checks (shared by test/targets/{cisco-asa,panos,fortios,juniper-srx}): a strict
 * parser of the output (each target brings its own) reads back policies as plain sets, and these helpers compare
 * them with the capability-checked rules. No vendor CLI exists on this machine: the parsers are the grammar check.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';
import { loadSiteFile } from '../../../src/catalog/fs.js';
import { resolveSite } from '../../../src/matrix/index.js';
import type { Matrix, ServiceMatch } from '../../../src/model/matrix.js';
import { checkCapabilities } from '../../../src/targets/core/capabilities.js';
import { hostOrPrefix, parsePrefix } from '../../../src/targets/core/cidr.js';
import { generateWith } from '../../../src/targets/core/generate.js';
import { memberText, sideMembers } from '../../../src/targets/core/objects.js';
import { protocolGroups } from '../../../src/targets/core/plan.js';
import { type FirewallRule, ruleLabel, sliceForFirewall } from '../../../src/targets/core/rules.js';
import type { Target, TargetOutput } from '../../../src/targets/core/target.js';

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
export type Labeller = (rule: FirewallRule) => string;

export function expectRulesRendered(
  rules: readonly FirewallRule[],
  policies: readonly ParsedPolicy[],
  labelOf: Labeller = ruleLabel,
  wildcardIpv4Only = false,
): void {
  // A name resolves for both families, except wildcard FQDNs on platforms that resolve them for IPv4 only (reported).
  const famsOfName = (t: string): (4 | 6)[] => (wildcardIpv4Only && t.startsWith('*.') ? [4] : [4, 6]);
  // One policy per rule, in rule order for a given label and ingress (rows of one flow may share a label).
  const buckets = new Map<string, ParsedPolicy[]>();
  for (const p of policies) buckets.set(`${p.label}|${p.from}`, [...(buckets.get(`${p.label}|${p.from}`) ?? []), p]);
  expect(policies.length, 'one policy per rule').toBe(rules.length);
  for (const rule of rules) {
    const label = labelOf(rule);
    // Ingress by interface (ASA, FortiOS) or by zone (PAN-OS, SRX).
    const ingress = [rule.fromInterface, rule.hop.fromZone].find((i) => buckets.get(`${label}|${i}`)?.length);
    const next = buckets.get(`${label}|${ingress}`)?.shift();
    expect(next, `no policy for ${label}`).toBeDefined();
    const found = next ? [next] : [];
    const side = (which: 'source' | 'destination') => {
      const m = sideMembers(rule[which].addresses);
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
): TargetOutput {
  const result = generateWith(target, m, { firewall });
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  const slice = sliceForFirewall(m, firewall, target.id);
  const checked = checkCapabilities(slice.rules, target);
  const text = result.value.artifacts.map((a) => a.content).join('\n');
  const policies = parse(text);
  const renderedLabels = new Set(policies.map((p) => p.label));
  const reported = new Set(result.value.findings.map((f) => f.key));
  for (const rule of slice.rules) {
    const label = labelOf(rule);
    expect(renderedLabels.has(label) || reported.has(rule.row.key), `rule ${label} neither rendered nor reported`).toBe(
      true,
    );
  }
  expectRulesRendered(
    checked.rules.filter((r) => renderedLabels.has(labelOf(r)) || !reported.has(r.row.key)),
    policies,
    labelOf,
    wildcardIpv4Only,
  );
  return result.value;
}

/** Compare with (or, under UPDATE_GOLDEN=1, write) a golden file. */
export function expectGolden(path: string, content: string): void {
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.CI === 'true' && !existsSync(path)) throw new Error(`golden file missing: ${path}`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  expect(content).toBe(readFileSync(path, 'utf8'));
}

export const repoRoot = new URL('../../../', import.meta.url).pathname;

/** An example site through the real loader and resolver. */
export function exampleMatrix(name: string): Matrix {
  const loaded = loadSiteFile(`${repoRoot}examples/${name}.yaml`);
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  const resolved = resolveSite({ site: loaded.value.site, catalogs: loaded.value.catalogs });
  if (!resolved.ok) throw new Error(resolved.issues.map((i) => i.message).join('\n'));
  return resolved.value;
}

/** Every example site (examples/*.yaml), by name without the extension. */
export const EXAMPLES = readdirSync(`${repoRoot}examples`)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();

/** Findings as stable text lines for golden files. */
export const findingLines = (out: TargetOutput): string =>
  `${out.findings.map((f) => `${f.severity} ${f.rule} ${f.catalog}/${f.flow}: ${f.message.en}`).join('\n')}\n`;

/** Strings that would break a naive generator: quotes, newlines, `;`, braces, `#`, `!`, backslashes, `$()`, backticks. */
export const HOSTILE = [
  'a"b',
  "a'b",
  'x\ny',
  'x\r\nset security policies from-zone a to-zone b policy p then permit',
  'a;b',
  '{ }',
  '#c',
  '! c',
  'a\\b',
  '$(reboot)',
  '`id`',
  'é ü ç',
  ' ',
  '[ any ]',
  '\\"\n end\nconfig firewall policy',
  'access-list x extended permit ip any any',
];

export const lineCount = (out: TargetOutput): number =>
  out.artifacts.reduce((n, a) => n + a.content.split('\n').length, 0);

/**
 * Shared by every target test: example sites through the real loader and resolver, golden files, findings as text,
 * the capability-checked rules of a slice, and strings that would break a naive generator.
 */
import { readdirSync } from 'node:fs';
import type { Address, Matrix } from '../../../src/model/matrix.js';
import { hostOrPrefix, minimalPrefixes } from '../../../src/net/prefixes.js';
import { type CheckedRule, checkCapabilities } from '../../../src/targets/generate/capabilities.js';
import { generateWith } from '../../../src/targets/generate/generate.js';
import { allowRule, ruleLabel, sliceForFirewall } from '../../../src/targets/generate/rules.js';
import type { Target, TargetOutput } from '../../../src/targets/generate/target.js';
import { flowsLabel } from '../../../src/targets/kit/flow-labels.js';
import { loadExample, repoRoot } from '../../support/catalogs.js';

export { repoRoot };

/** Every example site (examples/*.yaml), by file name without extension. */
export const EXAMPLES = readdirSync(`${repoRoot}examples`)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();

export const exampleMatrix = (name: string): Matrix => loadExample(name).matrix;

export { expectGolden } from '../../support/golden.js';

/** Findings as stable text lines for golden files. */
export const findingLines = (out: TargetOutput): string =>
  `${out.findings.map((f) => `${f.severity} ${f.rule} ${f.catalog ?? '-'}/${f.flow ?? '-'}: ${f.message.en}`).join('\n')}\n`;

export const lineCount = (out: TargetOutput): number =>
  out.artifacts.reduce((n, a) => n + a.content.split('\n').length, 0);

/**
 * Strings that would break a naive generator in one of the syntaxes: quotes (straight and typographic), newlines,
 * `;`, braces, `#`, `!`, backslashes, `$()`, backticks, HCL templates, YAML documents, line separators, and text that
 * reads as a command of a vendor CLI.
 */
export const HOSTILE = [
  'a"b',
  "a'b",
  'a’b‘c',
  'x\ny',
  "x\r\n' ; Remove-NetFirewallRule -All ; '",
  'x\r\nset security policies from-zone a to-zone b policy p then permit',
  'a;b',
  '{ }',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an HCL interpolation, on purpose.
  '${var.x}',
  '%{ if true }x%{ endif }',
  '#c',
  '! c',
  'a\\b',
  '\\"\n}\nresource "x" "y" {',
  '\\"\n end\nconfig firewall policy',
  '$(reboot)',
  '`id`',
  'é ü ç',
  ' ',
  '[ any ]',
  '--- \nkind: Pod',
  '\u2028\u0085\u0000',
  'access-list x extended permit ip any any',
];

/** What `target` generates for one firewall of `m`; an issue (the generation refused) fails the test with its message. */
export function generated<O>(target: Target<O>, m: Matrix, firewall: string, options?: Partial<O>): TargetOutput {
  const out = generateWith(target, m, options === undefined ? { firewall } : { firewall, options });
  if (!out.ok) throw new Error(out.issues.map((i) => i.message).join('\n'));
  return out.value;
}

/** The rules a target renders for a firewall, after the core capability check (what the render received). */
export function checkedRules(target: Target<never>, m: Matrix, firewall: string): CheckedRule[] {
  return checkCapabilities(sliceForFirewall(m, firewall, target.id).rules, target).rules;
}

/** A side as a target should print it: `any` or minimal prefixes (`10.0.0.1`, `10.0.0.0/8`). */
export const canonicalSide = (addresses: readonly Address[]): 'any' | string[] =>
  addresses.some((a) => a.kind === 'any')
    ? 'any'
    : minimalPrefixes(addresses.flatMap((a) => (a.kind === 'cidr' ? [a.value] : []))).prefixes.map(hostOrPrefix);

/** The test's own reading of a site host: bound by the site (not fixed by a catalog) and not `any`. */
export const isSiteHost = (addresses: readonly Address[], fixed: boolean): boolean =>
  !fixed && !addresses.some((a) => a.kind === 'any');

/** One rule as generate prints it: the first of the checked rules that open the same, and every flow it serves. */
export interface Opening {
  readonly rule: CheckedRule;
  readonly flows: readonly CheckedRule[];
}

/**
 * The checked rules merged as generate merges them, by the test's own reading of "the same opening": both sides'
 * role, bindings, origin and addresses, the services' protocols, ports and ICMP types (as a set), the hop's zones and
 * interfaces, and the translation — each opening in its first rule's place.
 */
export function openings(rules: readonly CheckedRule[]): Opening[] {
  const side = (ep: CheckedRule['source']) => [ep.role, ep.title, ep.fixed, ep.bindings, ep.addresses];
  const services = (r: CheckedRule) =>
    r.services.map((s) => `${s.protocol} ${JSON.stringify(s.ports)} ${s.icmpType ?? ''}`).sort();
  const byKey = new Map<string, { rule: CheckedRule; flows: CheckedRule[] }>();
  for (const r of rules) {
    const key = JSON.stringify([
      side(r.source),
      side(r.destination),
      services(r),
      r.hop.fromZone,
      r.hop.toZone,
      r.fromInterface,
      r.toInterface,
      r.natOriginal,
      (r.leg.nat ?? []).filter((n) => n.firewall === r.hop.firewall && n.hop === r.leg.hops.indexOf(r.hop)),
    ]);
    const known = byKey.get(key);
    if (known) known.flows.push(r);
    else byKey.set(key, { rule: r, flows: [r] });
  }
  return [...byKey.values()];
}

/** The label generate gives an opening's rule within `max` characters (its rule's own when it serves one flow). */
export const openingLabel = (o: Opening, max: number): string =>
  o.flows.length === 1
    ? ruleLabel(o.rule)
    : flowsLabel(
        o.flows.map((r) => allowRule(r).origin),
        max,
      ).text;

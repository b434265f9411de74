/**
 * Shared by every target test: example sites through the real loader and resolver, golden files, findings as text,
 * the capability-checked rules of a slice, and strings that would break a naive generator.
 */
import { readdirSync } from 'node:fs';
import type { Address, Matrix } from '../../../src/model/matrix.js';
import { hostOrPrefix, minimalPrefixes } from '../../../src/net/prefixes.js';
import { type CheckedRule, checkCapabilities } from '../../../src/targets/generate/capabilities.js';
import { generateWith } from '../../../src/targets/generate/generate.js';
import { sliceForFirewall } from '../../../src/targets/generate/rules.js';
import type { Target, TargetOutput } from '../../../src/targets/generate/target.js';
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

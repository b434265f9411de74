import type { Finding } from '../../model/finding.js';
import { didYouMean, fail, type Issue, issue, ok, type Result } from '../../model/issues.js';
import type { Matrix } from '../../model/matrix.js';
import type { AllowRule } from '../../ruleset/firewall.js';
import { append } from '../../util/append.js';
import { targetOptions } from '../kit/options.js';
import { checkEachRule } from './capabilities.js';
import { natContext, natRules } from './nat.js';
import { generateForProxy } from './proxy.js';
import { allowRule, firewallZones, rulesetOf, sliceForFirewall } from './rules.js';
import type { Artifact, FirewallTarget, Target, TargetOutput } from './target.js';

export interface GenerateWithOptions<O> {
  /** One firewall by name; default: every firewall of the site whose platform is the target's id. */
  readonly firewall?: string;
  readonly options?: Partial<O>;
}

export const unknownFirewall = (name: string, known: readonly string[]): Issue =>
  issue(
    'unknown-firewall',
    ['firewalls'],
    `unknown firewall "${name}"`,
    didYouMean(name, known) ?? `known: ${known.join(', ') || 'none'}`,
  );

/**
 * slice → capability check → render, for each firewall. Findings of all three steps are returned together;
 * unbound roles (and render errors) fail the whole generation: a partial ruleset would hide them.
 */
export function generateWith<O>(
  target: Target<O>,
  matrix: Matrix,
  opts: GenerateWithOptions<O> = {},
): Result<TargetOutput> {
  if (target.scope === 'proxy') return generateForProxy(target, matrix, opts);
  return generateForFirewalls(target, matrix, opts);
}

/** matrix → slice per firewall → capability check → ruleset → print. */
function generateForFirewalls<O>(
  target: FirewallTarget<O>,
  matrix: Matrix,
  opts: GenerateWithOptions<O>,
): Result<TargetOutput> {
  const names = matrix.firewalls.map((f) => f.name);
  let firewalls: string[];
  if (opts.firewall !== undefined) {
    if (!names.includes(opts.firewall)) return fail([unknownFirewall(opts.firewall, names)]);
    firewalls = [opts.firewall];
  } else {
    firewalls = matrix.firewalls.filter((f) => f.platform === target.id).map((f) => f.name);
    if (firewalls.length === 0) {
      return fail([
        issue(
          'unknown-firewall',
          ['firewalls'],
          `no firewall of platform "${target.id}" in site ${matrix.site.id}`,
          `name one with --firewall (known: ${names.join(', ') || 'none'})`,
        ),
      ]);
    }
  }
  const artifacts: Artifact[] = [];
  const findings: Finding[] = [];
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  for (const firewall of firewalls) {
    const allowed = allowedRules(matrix, firewall, target);
    append(findings, allowed.findings);
    issues.push(...allowed.issues);
    // The site's options are for the firewall's own platform; the caller's (`--option`) win over them.
    const info = matrix.firewalls.find((f) => f.name === firewall);
    const nat = natContext(info, matrix.zones);
    const own = info?.platform === target.id ? info.options : undefined;
    const options = targetOptions(target, firewall, own, opts.options);
    if (!options.ok) {
      issues.push(...options.issues);
      continue;
    }
    const zones = firewallZones(info, matrix.zones);
    const rendered = target.print(
      rulesetOf(matrix.site, firewall, allowed.rules, nat, zones),
      options.value as Partial<O>,
    );
    if (!rendered.ok) {
      issues.push(...rendered.issues);
      continue;
    }
    warnings.push(...rendered.warnings);
    append(artifacts, rendered.value.artifacts);
    append(findings, rendered.value.findings);
  }
  return issues.length > 0 ? fail(issues) : ok({ artifacts, findings }, warnings);
}

/**
 * slice → NAT view → capability check → the rules as the target prints them, with the findings and errors of the
 * three steps in that order. A function of its own, each checked rule made an `AllowRule` at once: the steps'
 * per-rule objects are garbage before printing starts instead of living through it (~150 MB at 400k rules).
 */
function allowedRules(
  matrix: Matrix,
  firewall: string,
  target: Pick<Target, 'id' | 'capabilities' | 'natView'>,
): { rules: AllowRule[]; findings: Finding[]; issues: Issue[] } {
  const slice = sliceForFirewall(matrix, firewall, target.id);
  // Each rule with the addresses this platform filters on when its row crosses a translation.
  const viewed = natRules(slice.rules, target.natView, target.id);
  const rules: AllowRule[] = [];
  const checked = checkEachRule(viewed.rules, target, (rule) => rules.push(allowRule(rule)));
  const findings = append(append([...slice.findings], viewed.findings), checked.findings);
  return { rules, findings, issues: checked.issues };
}

import type { Finding } from '../../model/finding.js';
import { didYouMean, fail, type Issue, issue, ok, type Result } from '../../model/issues.js';
import type { Matrix } from '../../model/matrix.js';
import { append } from '../../util/append.js';
import { targetOptions } from '../kit/options.js';
import { checkCapabilities } from './capabilities.js';
import { natContext, natRules } from './nat.js';
import { generateForProxy } from './proxy.js';
import { firewallRuleset, sliceForFirewall } from './rules.js';
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
    const slice = sliceForFirewall(matrix, firewall, target.id);
    // Each rule with the addresses this platform filters on when its row crosses a translation.
    const viewed = natRules(slice.rules, target.natView, target.id);
    const checked = checkCapabilities(viewed.rules, target);
    append(append(append(findings, slice.findings), viewed.findings), checked.findings);
    issues.push(...checked.issues);
    // The site's options are for the firewall's own platform; the caller's (`--option`) win over them.
    const info = matrix.firewalls.find((f) => f.name === firewall);
    const nat = natContext(info, matrix.zones);
    const own = info?.platform === target.id ? info.options : undefined;
    const options = targetOptions(target, firewall, own, opts.options);
    if (!options.ok) {
      issues.push(...options.issues);
      continue;
    }
    const rendered = target.print(
      firewallRuleset(matrix.site, firewall, checked.rules, nat),
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

import type { Finding } from '../../model/finding.js';
import { didYouMeanText, fail, type Issue, issue, ok, type Result } from '../../model/issues.js';
import type { Matrix } from '../../model/matrix.js';
import { text } from '../../model/text.js';
import type { AllowRule } from '../../ruleset/firewall.js';
import { append } from '../../util/append.js';
import { targetOptions } from '../kit/options.js';
import { type CheckedRule, checkEachRule } from './capabilities.js';
import { mergeSameOpenings } from './merge.js';
import { natContext, natRules } from './nat.js';
import { generateForProxy } from './proxy.js';
import { openedByPort } from './proxy-egress.js';
import { firewallZones, labelledAllowRule, ruleLabels, rulesetOf, sliceForFirewall } from './rules.js';
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
    text(`pare-feu inconnu "${name}"`, `unknown firewall "${name}"`),
    didYouMeanText(name, known) ??
      text(`pare-feu connus : ${known.join(', ') || 'aucun'}`, `known: ${known.join(', ') || 'none'}`),
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
  // Each firewall prepared as it is printed: one firewall's rules alive at a time beside the matrix.
  return printPrepared(prepare(target, matrix, opts, 'lazily'));
}

/**
 * A generation with everything taken from the matrix: each firewall's capability-checked ruleset and options, or a
 * proxy's output already made. Made by `prepareWith`, nothing in it points into the matrix, so a caller that lets go
 * of the matrix before `printPrepared` prints with the matrix gone (the CLI: ~180 MiB less live heap at 100k terms,
 * bench/README.md).
 */
export type PreparedGeneration =
  | { readonly kind: 'firewalls'; readonly firewalls: Iterable<PreparedFirewall> }
  | { readonly kind: 'done'; readonly output: Result<TargetOutput> };

/** One firewall's part: what its slice found, and the ruleset to print (absent when its options are wrong). */
export interface PreparedFirewall {
  readonly firewall: string;
  readonly findings: readonly Finding[];
  readonly issues: readonly Issue[];
  readonly print?: () => ReturnType<Target['print']>;
}

/** The matrix half of `generateWith`: slice, NAT view and capability check of each firewall, all done on return. */
export const prepareWith = <O>(
  target: Target<O>,
  matrix: Matrix,
  opts: GenerateWithOptions<O> = {},
): PreparedGeneration => prepare(target, matrix, opts, 'now');

/** Each firewall's part made now, or as `printPrepared` reaches it (which keeps the matrix until the last). */
function prepare<O>(
  target: Target<O>,
  matrix: Matrix,
  opts: GenerateWithOptions<O>,
  when: 'now' | 'lazily',
): PreparedGeneration {
  if (target.scope === 'proxy') return { kind: 'done', output: generateForProxy(target, matrix, opts) };
  const chosen = firewallsOf(target, matrix, opts);
  if (!chosen.ok) return { kind: 'done', output: chosen };
  const each = (firewall: string) => prepareFirewall(target, matrix, firewall, opts);
  const lazily = function* () {
    for (const firewall of chosen.value) yield each(firewall);
  };
  return { kind: 'firewalls', firewalls: when === 'now' ? chosen.value.map(each) : lazily() };
}

/** The printing half of `generateWith`: each firewall in turn, its findings and errors in the order they were met. */
export function printPrepared(prepared: PreparedGeneration): Result<TargetOutput> {
  if (prepared.kind === 'done') return prepared.output;
  const artifacts: Artifact[] = [];
  const findings: Finding[] = [];
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  for (const firewall of prepared.firewalls) {
    append(findings, aboutFirewall(firewall.findings, firewall.firewall));
    append(issues, firewall.issues);
    if (!firewall.print) continue;
    const rendered = firewall.print();
    if (!rendered.ok) {
      append(issues, rendered.issues);
      continue;
    }
    append(warnings, rendered.warnings);
    append(artifacts, rendered.value.artifacts);
    append(findings, aboutFirewall(rendered.value.findings, firewall.firewall));
  }
  return issues.length > 0 ? fail(issues) : ok({ artifacts, findings }, warnings);
}

/** Each finding with the firewall it is about: findings of several firewalls share one list. */
const aboutFirewall = (findings: readonly Finding[], firewall: string): Finding[] =>
  findings.map((f) => (f.firewall === undefined ? { ...f, firewall } : f));

/** The firewalls a generation renders: the one asked for, or every firewall of the target's platform. */
function firewallsOf<O>(target: Target<O>, matrix: Matrix, opts: GenerateWithOptions<O>): Result<string[]> {
  const names = matrix.firewalls.map((f) => f.name);
  if (opts.firewall !== undefined) {
    if (!names.includes(opts.firewall)) return fail([unknownFirewall(opts.firewall, names)]);
    return ok([opts.firewall]);
  }
  const firewalls = matrix.firewalls.filter((f) => f.platform === target.id).map((f) => f.name);
  if (firewalls.length > 0) return ok(firewalls);
  return fail([
    issue(
      'unknown-firewall',
      ['firewalls'],
      text(
        `aucun pare-feu de plateforme "${target.id}" dans le site ${matrix.site.id}`,
        `no firewall of platform "${target.id}" in site ${matrix.site.id}`,
      ),
      text(
        `désignez-en un avec --firewall (pare-feu connus : ${names.join(', ') || 'aucun'})`,
        `name one with --firewall (known: ${names.join(', ') || 'none'})`,
      ),
    ),
  ]);
}

/** matrix → slice → capability check → ruleset, for one firewall; printing waits for `printPrepared`. */
function prepareFirewall<O>(
  target: FirewallTarget<O>,
  matrix: Matrix,
  firewall: string,
  opts: GenerateWithOptions<O>,
): PreparedFirewall {
  const allowed = allowedRules(matrix, firewall, target);
  // The site's options are for the firewall's own platform; the caller's (`--option`) win over them.
  const info = matrix.firewalls.find((f) => f.name === firewall);
  const own = info?.platform === target.id ? info.options : undefined;
  const options = targetOptions(target, firewall, own, opts.options);
  if (!options.ok) return { firewall, findings: allowed.findings, issues: [...allowed.issues, ...options.issues] };
  const ruleset = rulesetOf(
    matrix.site,
    firewall,
    allowed.rules,
    natContext(info, matrix.zones),
    firewallZones(info, matrix.zones),
  );
  const chosen = options.value as Partial<O>;
  return { firewall, findings: allowed.findings, issues: allowed.issues, print: () => target.print(ruleset, chosen) };
}

/**
 * slice → NAT view → capability check → one rule per distinct opening (merge.ts) → the rules as the target prints
 * them, with the findings and errors of the steps in that order. A function of its own, each checked rule made an `AllowRule` at once: the steps'
 * per-rule objects are garbage before printing starts instead of living through it (~150 MB at 400k rules).
 */
function allowedRules(
  matrix: Matrix,
  firewall: string,
  target: Pick<Target, 'id' | 'capabilities' | 'natView'>,
): { rules: AllowRule[]; findings: Finding[]; issues: Issue[] } {
  const slice = sliceForFirewall(matrix, firewall, target.id);
  const byPort = openedByPort(slice.rules, target.id);
  // Each rule with the addresses this platform filters on when its row crosses a translation.
  const viewed = natRules(byPort.rules, target.natView, target.id);
  const rules: AllowRule[] = [];
  const labelOf = ruleLabels();
  // A rule that lets the proxy out for later rows too says so in its comment.
  const labelled = (rule: CheckedRule): string => {
    // Most sites open no proxy egress by port: no lookup by rule id then.
    const also = byPort.alsoFor.size === 0 ? undefined : byPort.alsoFor.get(rule.id);
    return also ? `${labelOf(rule)}, proxy egress by port also for ${also.join(', ')}` : labelOf(rule);
  };
  const checked = checkEachRule(viewed.rules, target, (rule) => rules.push(labelledAllowRule(rule, labelled(rule))));
  // After the check: what the target cannot express is reported per flow as before, then equal rules become one.
  const merged = mergeSameOpenings(rules, target);
  const findings = append(append(append([...slice.findings], byPort.findings), viewed.findings), checked.findings);
  return { rules: merged.rules, findings: append(findings, merged.findings), issues: checked.issues };
}

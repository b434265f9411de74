import type { Finding } from '../../model/finding.js';
import type { ServiceMatch } from '../../model/matrix.js';
import type { ParsedEndpoint } from '../../ruleset/endpoint-values.js';
import type { AllowRule, RuleOrigin } from '../../ruleset/firewall.js';
import { flowName, flowsLabel } from '../kit/flow-labels.js';
import { stageFindings } from './findings.js';
import type { Target } from './target.js';

/**
 * One rule per distinct opening. A vendor's table sometimes lists one opening under two flows (Lync's `ext-xmpp-in`
 * and `xmpp-s2s-in`); on a site both resolve to the same sides, services and hop, and two identical rules would
 * follow — the second one redundant, as verify rightly says. Rules identical in everything that decides traffic are
 * merged after the capability check (nothing widened or narrowed: the rules are equal), in the first one's place
 * (every rule here accepts, so order among them decides nothing). The merged rule keeps every flow (`flows`) and its
 * label names them within the platform's comment; when they do not fit, a finding lists them all.
 */
export function mergeSameOpenings(
  rules: AllowRule[],
  target: Pick<Target, 'id' | 'capabilities'>,
): { rules: AllowRule[]; findings: Finding[] } {
  const key = openingKeys();
  // Services are compared only between rules that share everything else: most rules share it with none, and a
  // rule's services can be a long list to sort (the 10k-term bench policy: 40k rules).
  const alike = new Map<string, number[]>();
  const servicesOf = new Map<number, string>();
  const servicesAt = (index: number): string => {
    let text = servicesOf.get(index);
    if (text === undefined) {
      text = servicesText((out[index] as AllowRule).services);
      servicesOf.set(index, text);
    }
    return text;
  };
  const merged = new Map<number, RuleOrigin[]>();
  const out: AllowRule[] = [];
  for (const rule of rules) {
    const k = key(rule);
    const candidates = alike.get(k);
    const own = candidates ? servicesText(rule.services) : '';
    const first = candidates?.find((i) => servicesAt(i) === own);
    if (first === undefined) {
      if (candidates) {
        candidates.push(out.length);
        servicesOf.set(out.length, own);
      } else alike.set(k, [out.length]);
      out.push(rule);
      continue;
    }
    const flows = merged.get(first) ?? [(out[first] as AllowRule).origin];
    flows.push(rule.origin);
    merged.set(first, flows);
  }
  const findings: Finding[] = [];
  if (merged.size === 0) return { rules: out, findings };
  const max = target.capabilities.maxCommentLength ?? 255;
  for (const [index, flows] of merged) {
    const first = out[index] as AllowRule;
    const label = flowsLabel(flows, max);
    out[index] = { ...first, origin: { ...first.origin, label: label.text }, flows };
    if (!label.complete && target.capabilities.commentPerFlow !== true) {
      const names = [...new Set(flows.map(flowName))];
      findings.push(
        stageFindings.forTarget(target.id).raise('flows-unnamed', { row: first.origin, flows: names, max }),
      );
    }
  }
  return { rules: out, findings };
}

/**
 * What decides a rule's traffic besides its services, as one short string: each side's content key (role, bindings
 * and addresses), the zones and interfaces, and any translation. Two roles that happen to share addresses stay two
 * rules, printed under their own objects (and, on host platforms, on their own security groups or hosts).
 */
function openingKeys(): (rule: AllowRule) => string {
  const sides = new Map<string, number>();
  const intern = (text: string): number => {
    const known = sides.get(text);
    if (known !== undefined) return known;
    sides.set(text, sides.size);
    return sides.size - 1;
  };
  const side = (ep: ParsedEndpoint): number => intern(ep.values.key);
  return (rule) => {
    const nat =
      rule.natOriginal === undefined && rule.nat === undefined ? '' : JSON.stringify([rule.natOriginal, rule.nat]);
    return [
      side(rule.source),
      side(rule.destination),
      rule.fromZone,
      rule.toZone,
      rule.fromInterface ?? '',
      rule.toInterface ?? '',
      nat,
    ].join('\u0000');
  };
}

/** A rule's services as what decides traffic (their names and order decide nothing). */
const servicesText = (list: readonly ServiceMatch[]): string =>
  list.length === 1 ? serviceText(list[0] as ServiceMatch) : list.map(serviceText).sort().join(' ');

/** A service as what decides traffic: protocol, ports and ICMP type (`tcp/443-443,/`). */
function serviceText(s: ServiceMatch): string {
  let text = `${s.protocol}/`;
  for (const p of s.ports) text += `${p.from}-${p.to},`;
  return `${text}/${s.icmpType ?? ''}`;
}

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
  const at = new Map<string, number>();
  const merged = new Map<number, RuleOrigin[]>();
  const out: AllowRule[] = [];
  for (const rule of rules) {
    const k = key(rule);
    const first = at.get(k);
    if (first === undefined) {
      at.set(k, out.length);
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
 * What decides a rule's traffic, as one short string: each side's content (interned by its content key), the services as protocol, ports and ICMP type (their names and order decide nothing), the zones and
 * interfaces, and any translation. A side is its endpoint's content key (role, bindings and addresses): two roles that
 * happen to share addresses stay two rules, printed under their own objects (and, on host platforms, on their own
 * security groups or hosts).
 */
function openingKeys(): (rule: AllowRule) => string {
  const sides = new Map<string, number>();
  const services = new Map<string, number>();
  const intern = (table: Map<string, number>, text: string): number => {
    const known = table.get(text);
    if (known !== undefined) return known;
    table.set(text, table.size);
    return table.size - 1;
  };
  const side = (ep: ParsedEndpoint): number => intern(sides, ep.values.key);
  const service = (list: readonly ServiceMatch[]): number =>
    intern(
      services,
      list
        .map((s) => `${s.protocol}/${s.ports.map((p) => `${p.from}-${p.to}`).join(',')}/${s.icmpType ?? ''}`)
        .sort()
        .join(' '),
    );
  return (rule) => {
    const nat =
      rule.natOriginal === undefined && rule.nat === undefined ? '' : JSON.stringify([rule.natOriginal, rule.nat]);
    return [
      side(rule.source),
      side(rule.destination),
      service(rule.services),
      rule.fromZone,
      rule.toZone,
      rule.fromInterface ?? '',
      rule.toInterface ?? '',
      nat,
    ].join('\u0000');
  };
}

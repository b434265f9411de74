import { PortSet } from '../../../net/port-set.js';
import type { Rule } from '../../../ruleset/types.js';
import type { SavedRule } from './saved.js';

/** `--ports` matches in one rule beyond which it stays uninterpreted (n matches are 2^n rules). */
const MAX_EITHER = 3;

/**
 * The rules one kernel entry is in the ruleset. `-m multiport --ports S` (source OR destination port in S) is not a
 * conjunction, so the entry becomes two rules of its line and verdict: source port in S, then source port not in S
 * and destination port in S. The two match disjoint packets, so each packet meets the verdict at most once: exact
 * for a jump too (the chain runs once, as in the kernel), not only for a final verdict.
 */
export function rulesOf(saved: SavedRule): Rule[] {
  const { rule, either } = saved;
  if (!either || either.length === 0) return [rule];
  if (either.length > MAX_EITHER) {
    const why = `${either.length} -m multiport --ports matches: more than ${MAX_EITHER} are not modelled`;
    return [{ ...rule, opaque: [...(rule.opaque ?? []), why] }];
  }
  type Ports = { sourcePorts?: PortSet; destinationPorts?: PortSet };
  let pieces: Ports[] = [portsOf(rule)];
  for (const set of either) {
    pieces = pieces.flatMap((p) => [
      { ...p, sourcePorts: within(p.sourcePorts, set) },
      {
        sourcePorts: within(p.sourcePorts, PortSet.all().subtract(set)),
        destinationPorts: within(p.destinationPorts, set),
      },
    ]);
  }
  const live = pieces.filter((p) => !p.sourcePorts?.isEmpty() && !p.destinationPorts?.isEmpty());
  // A rule that matches no port pair keeps its line, matching nothing.
  return (live.length > 0 ? live : pieces.slice(0, 1)).map((p) => ({ ...rule, ...p }));
}

const within = (bound: PortSet | undefined, set: PortSet): PortSet => (bound ? bound.intersect(set) : set);

function portsOf(rule: Rule): { sourcePorts?: PortSet; destinationPorts?: PortSet } {
  return {
    ...(rule.sourcePorts ? { sourcePorts: rule.sourcePorts } : {}),
    ...(rule.destinationPorts ? { destinationPorts: rule.destinationPorts } : {}),
  };
}

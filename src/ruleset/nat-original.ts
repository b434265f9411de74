import { CidrSet } from '../net/cidr-set.js';
import type { PortSet } from '../net/port-set.js';
import type { Chain, Rule, Ruleset } from './types.js';

/**
 * Rules that match the connection's original direction (`Rule.original`) decided for one part of the traffic:
 * untranslated (its original destination is its destination), or translated from a known original destination and
 * ports. The walks over chains take each such rule, as they meet it, as a plain rule — narrowed, matching nothing, or
 * uninterpreted where the part's original destination straddles the rule's (`ruleAsSeen`): the ruleset itself is
 * never rewritten, so nothing is cached per ruleset.
 */
export interface OriginalPart {
  readonly family: 4 | 6;
  readonly destination?: CidrSet;
  readonly destinationPorts?: PortSet;
}

/** The traffic a walk decides: untranslated, or translated from an original part. */
export type SeenAs = 'untranslated' | OriginalPart;

/** The rule as it decides traffic seen so; as written when `seen` is absent (a NAT chain, a comparison). */
export const ruleAsSeen = (rule: Rule, seen: SeenAs | undefined): Rule =>
  seen === undefined || rule.original === undefined ? rule : decided(rule, seen === 'untranslated' ? undefined : seen);

/** Rule checks (shadowing, what a rule opens) do not split by translation: such rules are uninterpreted there. */
export function originalAsOpaque(ruleset: Ruleset): Ruleset {
  if (!Object.values(ruleset.chains).some((c) => c.rules.some((r) => r.original !== undefined))) return ruleset;
  const chains: Record<string, Chain> = {};
  for (const [name, chain] of Object.entries(ruleset.chains))
    chains[name] = {
      ...chain,
      rules: chain.rules.map((r) => {
        if (!r.original) return r;
        const { original: _o, ...rest } = r;
        return { ...rest, opaque: [...(r.opaque ?? []), 'a match on the connection before translation'] };
      }),
    };
  return { ...ruleset, chains };
}

const NOTHING = CidrSet.empty();

function decided(rule: Rule, part: OriginalPart | undefined): Rule {
  const o = rule.original;
  if (!o) return rule;
  const { original: _o, ...rest } = rule;
  const never: Rule = { ...rest, destination: NOTHING };
  if (!part) {
    // Untranslated: the connection's original destination is the packet's own.
    if (o.translated === true) return never;
    const destination = o.destination ? (rule.destination ?? CidrSet.all()).intersect(o.destination) : rule.destination;
    const ports = o.destinationPorts
      ? rule.destinationPorts
        ? rule.destinationPorts.intersect(o.destinationPorts)
        : o.destinationPorts
      : rule.destinationPorts;
    return { ...rest, ...(destination ? { destination } : {}), ...(ports ? { destinationPorts: ports } : {}) };
  }
  if (o.translated === false) return never;
  const reasons: string[] = [];
  if (o.destination) {
    const seen = part.destination ?? CidrSet.all().family(part.family);
    const wanted = o.destination.family(part.family);
    if (!wanted.overlaps(seen)) return never;
    if (!wanted.contains(seen)) reasons.push('part of the translated traffic came to another original destination');
  }
  if (o.destinationPorts) {
    const seen = part.destinationPorts;
    if (seen && !o.destinationPorts.overlaps(seen)) return never;
    if (!seen || !o.destinationPorts.contains(seen))
      reasons.push('part of the translated traffic came to another original port');
  }
  return reasons.length > 0 ? { ...rest, opaque: [...(rule.opaque ?? []), ...reasons] } : rest;
}

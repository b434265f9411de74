import { CidrSet } from '../net/cidr-set.js';
import type { PortSet } from '../net/port-set.js';
import type { Chain, Rule, Ruleset } from './types.js';

/**
 * Rules that match the connection's original direction (`Rule.original`) decided for one part of the traffic:
 * untranslated (its original destination is its destination), or translated from a known original destination and
 * ports. Each such rule becomes a plain rule — narrowed, matching nothing, or uninterpreted where the part's
 * original destination straddles the rule's — so the walk over chains stays what it is. Rulesets without such rules
 * come back as they are; each specialisation is made once per ruleset and original.
 */
export interface OriginalPart {
  readonly family: 4 | 6;
  readonly destination?: CidrSet;
  readonly destinationPorts?: PortSet;
}

const CACHE = new WeakMap<Ruleset, Map<string, Ruleset>>();
const HAS = new WeakMap<Ruleset, boolean>();
const OPAQUE = new WeakMap<Ruleset, Ruleset>();

const hasOriginal = (ruleset: Ruleset): boolean => {
  let known = HAS.get(ruleset);
  if (known === undefined) {
    known = Object.values(ruleset.chains).some((c) => c.rules.some((r) => r.original !== undefined));
    HAS.set(ruleset, known);
  }
  return known;
};

/** The ruleset as it decides untranslated traffic (`undefined`) or traffic translated from `part`. */
export function forOriginal(ruleset: Ruleset, part: OriginalPart | undefined): Ruleset {
  if (!hasOriginal(ruleset)) return ruleset;
  const key = part
    ? `${part.family}|${part.destination?.toCidrs().join(',') ?? '*'}|${part.destinationPorts?.toRanges().map((r) => `${r.from}-${r.to}`) ?? '*'}`
    : 'kept';
  let byKey = CACHE.get(ruleset);
  if (!byKey) {
    byKey = new Map();
    CACHE.set(ruleset, byKey);
  }
  const known = byKey.get(key);
  if (known) return known;
  const chains: Record<string, Chain> = {};
  for (const [name, chain] of Object.entries(ruleset.chains))
    chains[name] = chain.rules.some((r) => r.original)
      ? { ...chain, rules: chain.rules.map((r) => decided(r, part)) }
      : chain;
  const out: Ruleset = { ...ruleset, chains };
  // Specialised rulesets have no `original` left: they are their own specialisation.
  HAS.set(out, false);
  byKey.set(key, out);
  return out;
}

/** Rule checks (shadowing, what a rule opens) do not split by translation: such rules are uninterpreted there. */
export function originalAsOpaque(ruleset: Ruleset): Ruleset {
  if (!hasOriginal(ruleset)) return ruleset;
  const known = OPAQUE.get(ruleset);
  if (known) return known;
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
  const out = { ...ruleset, chains };
  HAS.set(out, false);
  OPAQUE.set(ruleset, out);
  return out;
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

import type { Decision, RuleHit } from './evaluate.js';
import type { Packet } from './packet.js';
import type { FinalAction, Rule, Ruleset } from './types.js';

/**
 * A packet that does not say where it crosses the device (no `in`/`out` interface, no `from-zone`/`to-zone`) while
 * rules decide by exactly that. Walked as given, a rule of one interface or zone never matches it, and the answer is
 * a confident verdict that holds for no real packet (FortiOS, SRX or PAN-OS: "drop by policy" for traffic the device
 * lets through). Fail closed: the packet is tried in every place the rules name, and in one they do not; the verdict
 * stands only when every place gives it.
 */

/** Places tried beyond which the question is sent back: name the interfaces or zones (each place is one walk). */
export const MAX_PLACES = 1024;

type Place = Pick<Packet, 'inInterface' | 'outInterface' | 'fromZone' | 'toZone'>;
type Dimension = keyof Place;

const WORDS: Record<Dimension, string> = {
  inInterface: 'in IF',
  outInterface: 'out IF',
  fromZone: 'from-zone Z',
  toZone: 'to-zone Z',
};

/** What rules name in each dimension the packet leaves unsaid: the names (interface prefixes as named). */
function namedPlaces(ruleset: Ruleset, packet: Packet): Map<Dimension, Set<string>> {
  const named = new Map<Dimension, Set<string>>();
  const add = (dimension: Dimension, names: readonly string[] | undefined): void => {
    if (names === undefined || names.length === 0 || packet[dimension] !== undefined) return;
    let set = named.get(dimension);
    if (!set) {
      set = new Set();
      named.set(dimension, set);
    }
    for (const name of names) set.add(name);
  };
  for (const chain of Object.values(ruleset.chains)) {
    for (const rule of chain.rules as readonly Rule[]) {
      if (rule.inInterface) add('inInterface', [rule.inInterface.name]);
      if (rule.outInterface) add('outInterface', [rule.outInterface.name]);
      add('fromZone', rule.fromZones);
      add('toZone', rule.toZones);
    }
  }
  return named;
}

/**
 * `evaluate` for a packet whose place the rules need and it does not give: each place decided by `decide`. Undefined
 * when the packet says all the rules ask (then `decide` on the packet as it is is the answer).
 */
export function acrossUnsaidPlaces(
  ruleset: Ruleset,
  packet: Packet,
  decide: (packet: Packet) => Decision,
): Decision | undefined {
  const named = namedPlaces(ruleset, packet);
  if (named.size === 0) return undefined;
  const dimensions = [...named.keys()];
  const unsaid = dimensions.map((d) => WORDS[d]).join(', ');
  // The packet as given stands for every place no rule names (no positive match, every negated one).
  let places: Place[] = [{}];
  for (const [dimension, names] of named) {
    if (places.length * (names.size + 1) > MAX_PLACES) {
      return {
        kind: 'indeterminate',
        outcomes: [],
        opaque: [],
        reason: `the rules decide by ${unsaid}, in too many combinations to try: give the packet's (${unsaid})`,
      };
    }
    places = places.flatMap((p) => [p, ...[...names].map((name) => ({ ...p, [dimension]: name }))]);
  }
  const asGiven = decide(packet);
  const outcomes: FinalAction[] = [];
  const deciders: RuleHit[] = [];
  let unknown: (Decision & { kind: 'indeterminate' }) | undefined;
  for (const place of places) {
    const d = Object.keys(place).length === 0 ? asGiven : decide({ ...packet, ...place });
    if (d.kind === 'indeterminate') {
      unknown ??= d;
      continue;
    }
    if (!outcomes.includes(d.action)) outcomes.push(d.action);
    if (d.decidedBy && !deciders.some((h) => h.chain === d.decidedBy?.chain && h.index === d.decidedBy.index))
      deciders.push(d.decidedBy);
  }
  if (unknown === undefined && outcomes.length === 1) return asGiven;
  // Every place undecided: the packet's own answer says why.
  if (outcomes.length === 0) return asGiven;
  return {
    kind: 'indeterminate',
    outcomes: unknown ? [...new Set([...outcomes, ...unknown.outcomes])] : outcomes,
    opaque: deciders,
    reason: `the packet does not say its ${unsaid}, and the rules decide by them (${outcomes.join(' or ')} depending on where it crosses): add ${unsaid}`,
  };
}

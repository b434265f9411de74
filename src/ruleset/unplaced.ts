import type { Text } from '../model/text.js';
import type { Decision, RuleHit } from './evaluate.js';
import type { Packet } from './packet.js';
import type { Rule, Ruleset } from './types.js';
import { NOWHERE_NAMED, placesDisagree, placesTooMany, type Tally } from './why.js';

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

/** The interface that says a zone, where the configuration places interfaces in zones (`Ruleset.interfaceZones`). */
const BY_INTERFACE: Partial<Record<Dimension, string>> = { fromZone: 'in IF', toZone: 'out IF' };

/** What rules name in each dimension the packet leaves unsaid: the names (interface prefixes as named). */
function namedPlaces(ruleset: Ruleset, packet: Packet): Map<Dimension, Set<string>> {
  // Each name with the rules that name it (by their order), to tell an interface from its zone.
  const named = new Map<Dimension, Map<string, number[]>>();
  let n = 0;
  const add = (dimension: Dimension, names: readonly string[] | undefined): void => {
    if (names === undefined || names.length === 0 || packet[dimension] !== undefined) return;
    let byName = named.get(dimension);
    if (!byName) {
      byName = new Map();
      named.set(dimension, byName);
    }
    for (const name of names) {
      const rules = byName.get(name);
      if (rules === undefined) byName.set(name, [n]);
      else if (rules[rules.length - 1] !== n) rules.push(n);
    }
  };
  for (const chain of Object.values(ruleset.chains)) {
    for (const rule of chain.rules as readonly Rule[]) {
      n++;
      if (rule.inInterface) add('inInterface', [rule.inInterface.name]);
      if (rule.outInterface) add('outInterface', [rule.outInterface.name]);
      add('fromZone', rule.fromZones);
      add('toZone', rule.toZones);
    }
  }
  // An interface every rule names exactly where it names the interface's zone (a zone standing for its interfaces,
  // SRX) is no other place than the zone: tried once.
  const zones = ruleset.interfaceZones;
  const same = (a: readonly number[] | undefined, b: readonly number[]): boolean =>
    a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
  const out = new Map<Dimension, Set<string>>();
  for (const [dimension, byName] of named) {
    const zoned = zones !== undefined && (dimension === 'fromZone' || dimension === 'toZone');
    const names = [...byName].filter(([name, rules]) => {
      const zone = zoned && Object.hasOwn(zones, name) ? zones[name] : undefined;
      return zone === undefined || zone === name || !same(byName.get(zone), rules);
    });
    out.set(dimension, new Set(names.map(([name]) => name)));
  }
  return out;
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
  // Where the configuration places interfaces, an interface says its zone.
  const placing = ruleset.interfaceZones !== undefined && Object.keys(ruleset.interfaceZones).length > 0;
  const add = dimensions.map((d) => {
    const or = placing ? BY_INTERFACE[d] : undefined;
    return or === undefined ? { word: WORDS[d] } : { word: WORDS[d], or };
  });
  // The packet as given stands for every place no rule names (no positive match, every negated one).
  let places: Place[] = [{}];
  for (const [dimension, names] of named) {
    if (places.length * (names.size + 1) > MAX_PLACES) {
      return {
        kind: 'indeterminate',
        outcomes: [],
        opaque: [],
        reason: placesTooMany(unsaid),
      };
    }
    places = places.flatMap((p) => [p, ...[...names].map((name) => ({ ...p, [dimension]: name }))]);
  }
  const asGiven = decide(packet);
  const decided: { place: Place; d: Decision & { kind: 'decided' } }[] = [];
  const unknown: { place: Place; d: Decision & { kind: 'indeterminate' } }[] = [];
  for (const place of places) {
    const d = Object.keys(place).length === 0 ? asGiven : decide({ ...packet, ...place });
    if (d.kind === 'indeterminate') unknown.push({ place, d });
    else decided.push({ place, d });
  }
  // Every place undecided: the packet's own answer says why.
  if (decided.length === 0) return asGiven;
  const outcomes = [...new Set(decided.map((x) => x.d.action))];
  if (unknown.length === 0 && outcomes.length === 1) return agreed(asGiven, decided);
  const deciders = distinct(decided.flatMap((x) => (x.d.decidedBy ? [x.d.decidedBy] : [])));
  const open = distinct(unknown.flatMap((x) => x.d.opaque));
  const tallies: Tally[] = outcomes.map((action) => ({
    action,
    count: decided.filter((x) => x.d.action === action).length,
  }));
  const first = unknown[0];
  if (first) tallies.push({ action: 'indeterminate', count: unknown.length });
  return {
    kind: 'indeterminate',
    outcomes: [...new Set([...outcomes, ...unknown.flatMap((x) => x.d.outcomes)])],
    opaque: distinct([...open, ...(outcomes.length > 1 ? deciders : [])]),
    reason: placesDisagree(
      unsaid,
      tallies,
      first ? { place: placeText(first.place), why: first.d.reason } : undefined,
      add,
    ),
  };
}

/** Every place gives the same action: the packet's own answer, with each place's deciding rule when they differ. */
function agreed(asGiven: Decision, decided: readonly { place: Place; d: Decision & { kind: 'decided' } }[]): Decision {
  const key = (d: Decision & { kind: 'decided' }): string =>
    d.decidedBy ? `${d.decidedBy.chain}#${d.decidedBy.index}` : `policy ${d.policyOf ?? ''}`;
  const first = decided[0];
  if (!first || asGiven.kind !== 'decided' || decided.every((x) => key(x.d) === key(first.d))) return asGiven;
  const places = decided.map(({ place, d }) => ({
    place: placeText(place),
    ...(d.decidedBy ? { decidedBy: d.decidedBy } : {}),
    ...(d.policyOf ? { policyOf: d.policyOf } : {}),
  }));
  return { ...asGiven, places };
}

/** `in eth0 out eth1`, as a packet says it; the place no rule names as such. */
function placeText(place: Place): Text {
  const words = (Object.keys(WORDS) as Dimension[]).flatMap((d) =>
    place[d] === undefined ? [] : [`${WORDS[d].split(' ')[0]} ${place[d]}`],
  );
  return words.length > 0 ? { fr: words.join(' '), en: words.join(' ') } : NOWHERE_NAMED;
}

function distinct(hits: readonly RuleHit[]): RuleHit[] {
  const out: RuleHit[] = [];
  for (const h of hits) if (!out.some((o) => o.chain === h.chain && o.index === h.index)) out.push(h);
  return out;
}

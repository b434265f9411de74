import type { Text } from '../model/text.js';
import { CidrSet } from '../net/cidr-set.js';
import { PORT_MAX, PortSet } from '../net/port-set.js';
import { interfaceMatches, type RuleHit } from './evaluate.js';
import { ruleAsSeen, type SeenAs } from './nat-original.js';
import { flagsResolved, knownTcpFlags } from './tcp-flags.js';
import type { ConnState, FinalAction, IcmpMatch, Rule, Ruleset } from './types.js';
import { couldDecideOtherwise, noChain, TOO_DEEP, tooManyPieces } from './why.js';

/**
 * Packet spaces instead of packets: which part of a region of traffic each rule decides. A region is a product of
 * sets (addresses, protocols, ports, ICMP type/code) for one family, with the rest of the packet fixed (interfaces,
 * zones, connection state). Walking the rules in order splits it into boxes, each decided by one rule — so "is this
 * matrix row let through, by which rules, and which part is not" is exact, and a rule hidden by the union of several
 * earlier ones is found (pairwise checks miss that).
 */
export interface Region {
  readonly family: 4 | 6;
  readonly source?: CidrSet;
  readonly destination?: CidrSet;
  readonly protocols?: PortSet;
  readonly sourcePorts?: PortSet;
  readonly destinationPorts?: PortSet;
  /** ICMP type × 256 + code, as a set over 0..65535 (see `icmpSet`). */
  readonly icmp?: PortSet;
  readonly inInterface?: string;
  readonly outInterface?: string;
  readonly fromZone?: string;
  readonly toZone?: string;
  readonly state?: ConnState;
}

/** One box of traffic with every dimension explicit. */
export interface Box {
  readonly source: CidrSet;
  readonly destination: CidrSet;
  readonly protocols: PortSet;
  readonly sourcePorts: PortSet;
  readonly destinationPorts: PortSet;
  readonly icmp: PortSet;
}

/** What happens to one box. `maybe` lists uninterpreted rules that could decide it otherwise. */
export interface Outcome {
  readonly box: Box;
  readonly action: FinalAction | 'indeterminate';
  readonly decidedBy?: RuleHit;
  readonly policyOf?: string;
  readonly maybe: readonly RuleHit[];
  readonly reason?: Text;
  /**
   * For a box left indeterminate by uninterpreted rules that would each end it: the actions it may end in (the
   * walk's own and theirs). Drop or reject either way is stopped either way, which is all a matrix row asks.
   */
  readonly between?: readonly FinalAction[];
  /** Rules that accepted the box in earlier stages, before the one that decided it. */
  readonly acceptedBy?: readonly RuleHit[];
  /** The address translation the box went through before the filter saw it (the box is then the translated one). */
  readonly translatedBy?: RuleHit;
}

export interface Classification {
  readonly outcomes: readonly Outcome[];
  /** Set when the walk stopped early (too many boxes, a loop): every box not yet decided is indeterminate. */
  readonly overflow?: Text;
}

/** Protocols whose packets carry ports (tcp, udp, dccp, sctp, udplite). */
const PORTED = PortSet.of(6, 17, 33, 132, 136);
const ICMPS = PortSet.of(1, 58);
const ALL_PORTS = PortSet.all();
const ALL_PROTOCOLS = PortSet.fromRanges([{ from: 0, to: 255 }]);
const MAX_BOXES = 200_000;
const MAX_DEPTH = 64;

/** ICMP matches as a set of type × 256 + code. */
export function icmpSet(matches: readonly IcmpMatch[]): PortSet {
  return PortSet.fromRanges(
    matches.map((m) =>
      m.code === undefined
        ? { from: m.type * 256, to: m.type * 256 + 255 }
        : { from: m.type * 256 + m.code, to: m.type * 256 + m.code },
    ),
  );
}

const ALL_ICMP = PortSet.fromRanges([{ from: 0, to: PORT_MAX }]);
const familyAll = (family: 4 | 6): CidrSet => CidrSet.all().family(family);
const ALL_BY_FAMILY = { 4: familyAll(4), 6: familyAll(6) } as const;

/** The box a region spans, every dimension it leaves open made explicit (all of its family, every port…). */
export function regionBox(region: Region): Box {
  const all = ALL_BY_FAMILY[region.family];
  return {
    source: region.source ? region.source.family(region.family) : all,
    destination: region.destination ? region.destination.family(region.family) : all,
    protocols: region.protocols ?? ALL_PROTOCOLS,
    sourcePorts: region.sourcePorts ?? ALL_PORTS,
    destinationPorts: region.destinationPorts ?? ALL_PORTS,
    icmp: region.icmp ?? ALL_ICMP,
  };
}

/** Whether a rule's fixed fields (family, interfaces, zones, state) let it match the region at all. */
function fixedFieldsMatch(rule: Rule, region: Region): boolean {
  if (rule.family !== undefined && rule.family !== region.family) return false;
  if (rule.inInterface && !interfaceMatches(rule.inInterface, region.inInterface)) return false;
  if (rule.outInterface && !interfaceMatches(rule.outInterface, region.outInterface)) return false;
  if (rule.fromZones && (region.fromZone === undefined || !rule.fromZones.includes(region.fromZone))) return false;
  if (rule.toZones && (region.toZone === undefined || !rule.toZones.includes(region.toZone))) return false;
  if (rule.states && !rule.states.includes(region.state ?? 'new')) return false;
  return true;
}

/**
 * Whether a rule's own sets meet `bound` (a box of one family): a necessary condition for its box to, checked on
 * the sets the rule carries so that no box is built for the many rules apart from a region.
 */
const mayMeet = (rule: Rule, bound: Box): boolean =>
  (!rule.source || rule.source.overlaps(bound.source)) &&
  (!rule.destination || rule.destination.overlaps(bound.destination)) &&
  (!rule.destinationPorts || rule.destinationPorts.overlaps(bound.destinationPorts)) &&
  (!rule.protocols || rule.protocols.overlaps(bound.protocols)) &&
  (!rule.sourcePorts || rule.sourcePorts.overlaps(bound.sourcePorts));

/** A rule's sets as a box of one family. */
function matchBox(rule: Rule, family: 4 | 6): Box {
  let protocols = rule.protocols ?? ALL_PROTOCOLS;
  // A port match only holds for packets that have ports; an ICMP type match only for ICMP packets.
  if (rule.sourcePorts || rule.destinationPorts) protocols = protocols.intersect(PORTED);
  if (rule.icmp) protocols = protocols.intersect(ICMPS);
  const all = ALL_BY_FAMILY[family];
  return {
    source: rule.source ? rule.source.family(family) : all,
    destination: rule.destination ? rule.destination.family(family) : all,
    protocols,
    sourcePorts: rule.sourcePorts ?? ALL_PORTS,
    destinationPorts: rule.destinationPorts ?? ALL_PORTS,
    icmp: rule.icmp ? icmpSet(rule.icmp) : ALL_ICMP,
  };
}

/** Whether two boxes share a packet (no set is built). */
export function boxesOverlap(a: Box, b: Box): boolean {
  return (
    a.source.overlaps(b.source) &&
    a.destination.overlaps(b.destination) &&
    a.protocols.overlaps(b.protocols) &&
    a.destinationPorts.overlaps(b.destinationPorts) &&
    a.sourcePorts.overlaps(b.sourcePorts) &&
    a.icmp.overlaps(b.icmp)
  );
}

/** Whether every packet of `inner` is in `outer`. */
function boxWithin(inner: Box, outer: Box): boolean {
  return (
    outer.source.contains(inner.source) &&
    outer.destination.contains(inner.destination) &&
    outer.protocols.contains(inner.protocols) &&
    outer.destinationPorts.contains(inner.destinationPorts) &&
    outer.sourcePorts.contains(inner.sourcePorts) &&
    outer.icmp.contains(inner.icmp)
  );
}

/** A box from its six sets, always built in one shape (V8 keeps such objects fast). */
const makeBox = (
  source: CidrSet,
  destination: CidrSet,
  protocols: PortSet,
  sourcePorts: PortSet,
  destinationPorts: PortSet,
  icmp: PortSet,
): Box => ({ source, destination, protocols, sourcePorts, destinationPorts, icmp });

/** `a ∩ b` and `a − b` (undefined when empty) of one dimension; `a` itself when it lies inside `b`. */
function cut<S extends CidrSet | PortSet>(a: S, b: S): [S, S | undefined] {
  const x = a as CidrSet & PortSet;
  const y = b as CidrSet & PortSet;
  if (y.contains(x)) return [a, undefined];
  const rest = x.subtract(y);
  return [x.intersect(y) as S, rest.isEmpty() ? undefined : (rest as S)];
}

/** `box ∩ rule` and `box − rule` as disjoint boxes (one dimension peeled at a time). */
export function splitBox(box: Box, rule: Box): { inside?: Box; outside: Box[] } {
  // Most boxes a walk meets are apart from the rule, or wholly inside it: no set is built for those.
  if (!boxesOverlap(box, rule)) return { outside: [box] };
  if (boxWithin(box, rule)) return { inside: box, outside: [] };
  const [s, sRest] = cut(box.source, rule.source);
  const [d, dRest] = cut(box.destination, rule.destination);
  const [p, pRest] = cut(box.protocols, rule.protocols);
  const [sp, spRest] = cut(box.sourcePorts, rule.sourcePorts);
  const [dp, dpRest] = cut(box.destinationPorts, rule.destinationPorts);
  const [i, iRest] = cut(box.icmp, rule.icmp);
  const outside: Box[] = [];
  if (sRest)
    outside.push(makeBox(sRest, box.destination, box.protocols, box.sourcePorts, box.destinationPorts, box.icmp));
  if (dRest) outside.push(makeBox(s, dRest, box.protocols, box.sourcePorts, box.destinationPorts, box.icmp));
  if (pRest) outside.push(makeBox(s, d, pRest, box.sourcePorts, box.destinationPorts, box.icmp));
  if (spRest) outside.push(makeBox(s, d, p, spRest, box.destinationPorts, box.icmp));
  if (dpRest) outside.push(makeBox(s, d, p, sp, dpRest, box.icmp));
  if (iRest) outside.push(makeBox(s, d, p, sp, dp, iRest));
  return { inside: makeBox(s, d, p, sp, dp, i), outside };
}

interface Live {
  readonly box: Box;
  readonly maybe: readonly RuleHit[];
}

/** Pieces matched by a rule apart from the region: none (never written to). */
const NONE: Live[] = [];

/** A piece that returned from a chain, with the base chain whose policy it meets if nothing is left to return to. */
interface Returned extends Live {
  readonly base?: string;
}

interface Walked {
  readonly decided: Outcome[];
  readonly returned: Returned[];
}

/** The filter chains a packet walks, in order: the entry chain, then each further stage. */
export const filterStages = (ruleset: Ruleset): string[] => [ruleset.entry, ...(ruleset.stages ?? [])];

/**
 * Every box of `region` with the rule or policy that decides it, through every stage of the ruleset (or through
 * the chains `stages` names, in order: a box one accepts walks the next). Rules on the connection's original
 * direction are decided as `seen` says (as written when it is absent).
 */
export function classify(
  ruleset: Ruleset,
  region: Region,
  stages: readonly string[] = filterStages(ruleset),
  seen?: SeenAs,
): Classification {
  const [first = ruleset.entry, ...rest] = stages;
  let result = classifyChain(ruleset, first, region, [{ box: regionBox(region), maybe: [] }], seen);
  for (const stage of rest) {
    const accepted = result.outcomes.filter((o) => o.action === 'accept');
    if (accepted.length === 0 || result.overflow) break;
    // Each accepted box walks the next stage on its own, remembering the rules that let it through so far: a box
    // a later stage decides is still the earlier accepting rule's (for what that rule opens).
    const passed: Outcome[] = [];
    let overflow: Text | undefined;
    for (const o of accepted) {
      const through = [...(o.acceptedBy ?? []), ...(o.decidedBy ? [o.decidedBy] : [])];
      const c = classifyChain(ruleset, stage, region, [{ box: o.box, maybe: o.maybe }], seen);
      overflow ??= c.overflow;
      for (const n of c.outcomes) passed.push(through.length > 0 ? { ...n, acceptedBy: through } : n);
    }
    const next: Classification = overflow ? { outcomes: passed, overflow } : { outcomes: passed };
    result = {
      outcomes: [...result.outcomes.filter((o) => o.action !== 'accept'), ...next.outcomes],
      ...(next.overflow ? { overflow: next.overflow } : {}),
    };
  }
  return result;
}

function classifyChain(
  ruleset: Ruleset,
  entry: string,
  region: Region,
  start: Live[],
  seen: SeenAs | undefined,
): Classification {
  let boxes = 0;
  let overflow: Text | undefined;
  const decided: Outcome[] = [];
  // Every piece the walk follows lies inside the region's box.
  const bound = regionBox(region);

  const finish = (live: Live, action: FinalAction, by: { decidedBy?: RuleHit; policyOf?: string }): Outcome => {
    const conflicting = live.maybe.filter((m) => m.rule.verdict.kind !== action);
    if (conflicting.length > 0) {
      const kinds = conflicting.map((m) => m.rule.verdict.kind);
      const final = kinds.every((k): k is FinalAction => k === 'accept' || k === 'drop' || k === 'reject');
      return {
        box: live.box,
        action: 'indeterminate',
        ...by,
        maybe: live.maybe,
        reason: couldDecideOtherwise(conflicting.map(where)),
        ...(final ? { between: [...new Set<FinalAction>([action, ...kinds])] } : {}),
      };
    }
    return { box: live.box, action, ...by, maybe: live.maybe };
  };

  // `atTop`: no caller to return to (the stage's chain, or chains it went to): pieces returning from a chain with a
  // policy there meet that policy, as in evaluate.ts (`topEnd`).
  const regionFlags = knownTcpFlags(region.state ?? 'new');
  const walk = (chainName: string, input: Live[], depth: number, atTop: boolean): Walked => {
    const out: Walked = { decided: [], returned: [] };
    const chain = ruleset.chains[chainName];
    if (!chain || depth > MAX_DEPTH) {
      overflow = chain ? TOO_DEEP(MAX_DEPTH) : noChain(chainName);
      for (const live of input) out.decided.push({ ...live, action: 'indeterminate', reason: overflow });
      return out;
    }
    let live = input;
    for (let index = 0; index < chain.rules.length && live.length > 0; index++) {
      const listed = chain.rules[index] as Rule;
      if (listed.verdict.kind === 'continue' || !fixedFieldsMatch(listed, region)) continue;
      // TCP flag matches, decided for a region of connection openings: matched (on TCP only), or not at all.
      const written = flagsResolved(listed, regionFlags);
      if (!written) continue;
      const rule = ruleAsSeen(written, seen);
      let next: Live[] = live;
      let matched: Live[] = NONE;
      // A rule apart from the whole region meets none of its pieces: they go on as they are.
      const rb = mayMeet(rule, bound) ? matchBox(rule, region.family) : undefined;
      if (rb && boxesOverlap(bound, rb)) {
        next = [];
        matched = [];
        for (const l of live) {
          if (!boxesOverlap(l.box, rb)) {
            next.push(l);
            continue;
          }
          const { inside, outside } = splitBox(l.box, rb);
          for (const box of outside) next.push({ box, maybe: l.maybe });
          if (inside) matched.push({ box: inside, maybe: l.maybe });
        }
      }
      boxes += next.length;
      if (boxes > MAX_BOXES) {
        overflow = tooManyPieces(MAX_BOXES);
        for (const l of [...next, ...matched]) out.decided.push({ ...l, action: 'indeterminate', reason: overflow });
        return out;
      }
      const opaque = rule.opaque !== undefined && rule.opaque.length > 0;
      const v = rule.verdict;
      const hit: RuleHit | undefined = matched.length > 0 ? { chain: chainName, index, rule } : undefined;
      if (opaque) {
        // Matched or not, the walk goes on; the rule is remembered as a possible decision.
        for (const m of matched) next.push({ box: m.box, maybe: [...m.maybe, hit as RuleHit] });
      } else if (v.kind === 'accept' || v.kind === 'drop' || v.kind === 'reject') {
        for (const m of matched) out.decided.push(finish(m, v.kind, { decidedBy: hit as RuleHit }));
      } else if (v.kind === 'jump' || v.kind === 'goto') {
        const sub = walk(v.chain, matched, depth + 1, atTop && v.kind === 'goto');
        out.decided.push(...sub.decided);
        (v.kind === 'jump' ? next : out.returned).push(...sub.returned);
      } else if (v.kind === 'return') {
        out.returned.push(...matched);
      }
      live = next;
    }
    if (chain.policy) {
      for (const l of live) out.decided.push(finish(l, chain.policy, { policyOf: chainName }));
      // The last base chain the pieces went through decides them (a goto's own base chain kept its mark).
      if (atTop)
        return { decided: out.decided, returned: out.returned.map((l) => (l.base ? l : { ...l, base: chainName })) };
    } else {
      out.returned.push(...live);
    }
    return out;
  };

  const top = walk(entry, start, 0, true);
  decided.push(...top.decided);
  for (const { base, ...l } of top.returned) {
    const policy = base === undefined ? undefined : ruleset.chains[base]?.policy;
    decided.push(policy ? finish(l, policy, { policyOf: base }) : finish(l, ruleset.defaultAction, {}));
  }
  return overflow ? { outcomes: decided, overflow } : { outcomes: decided };
}

export function where(hit: RuleHit): string {
  const p = hit.rule.provenance;
  const at = p.file !== undefined ? `${p.file}:${p.line ?? 0}` : `${hit.chain} rule ${hit.index + 1}`;
  const what = hit.rule.opaque?.join(', ');
  return what ? `${at} (${what})` : at;
}

/** Whether every box of a classification ends in `action` (and none is indeterminate). */
export const allDecide = (c: Classification, action: FinalAction): boolean =>
  c.overflow === undefined && c.outcomes.every((o) => o.action === action);

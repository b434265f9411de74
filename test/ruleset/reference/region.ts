/**
 * REFERENCE, not used by the tool: `src/ruleset/region.ts` as it stood before the performance work (commit 78793b3,
 * with stages carrying the rules that accepted a box), kept so tests can check that the faster code gives the same
 * answers. Change it only where the semantics change, in the same way as the tool; since then: a piece with nothing
 * to return to ends on its base chain's policy (`base`), not on the default action; TCP flag matches decided for
 * regions of connection openings (./tcp-flags.ts).
 */

import type { Text } from '../../../src/model/text.js';
import { CidrSet } from '../../../src/net/cidr-set.js';
import { PORT_MAX, PortSet } from '../../../src/net/port-set.js';
import type { ConnState, FinalAction, IcmpMatch, Rule, Ruleset } from '../../../src/ruleset/types.js';
import { couldDecideOtherwise, noChain, TOO_DEEP, tooManyPieces } from '../../../src/ruleset/why.js';
import { interfaceMatches, type RuleHit } from './evaluate.js';
import { decideFlags, walkFlags } from './tcp-flags.js';

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
  /** The actions an indeterminate box may end in, when each uninterpreted rule would end it. */
  readonly between?: readonly FinalAction[];
  /** Rules that accepted the box in earlier stages, before the one that decided it. */
  readonly acceptedBy?: readonly RuleHit[];
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

const familyAll = (family: 4 | 6): CidrSet => CidrSet.all().family(family);

function regionBox(region: Region): Box {
  const all = familyAll(region.family);
  return {
    source: region.source ? region.source.family(region.family) : all,
    destination: region.destination ? region.destination.family(region.family) : all,
    protocols: region.protocols ?? ALL_PROTOCOLS,
    sourcePorts: region.sourcePorts ?? ALL_PORTS,
    destinationPorts: region.destinationPorts ?? ALL_PORTS,
    icmp: region.icmp ?? PortSet.fromRanges([{ from: 0, to: PORT_MAX }]),
  };
}

/** The box a rule matches, or undefined when its fixed fields (family, interfaces, zones, state) rule it out. */
function ruleBox(rule: Rule, region: Region): Box | undefined {
  if (rule.family !== undefined && rule.family !== region.family) return undefined;
  if (rule.inInterface && !interfaceMatches(rule.inInterface, region.inInterface)) return undefined;
  if (rule.outInterface && !interfaceMatches(rule.outInterface, region.outInterface)) return undefined;
  if (rule.fromZones && (region.fromZone === undefined || !rule.fromZones.includes(region.fromZone))) return undefined;
  if (rule.toZones && (region.toZone === undefined || !rule.toZones.includes(region.toZone))) return undefined;
  if (rule.states && !rule.states.includes(region.state ?? 'new')) return undefined;
  let protocols = rule.protocols ?? ALL_PROTOCOLS;
  // A port match only holds for packets that have ports; an ICMP type match only for ICMP packets.
  if (rule.sourcePorts || rule.destinationPorts) protocols = protocols.intersect(PORTED);
  if (rule.icmp) protocols = protocols.intersect(ICMPS);
  const all = familyAll(region.family);
  return {
    source: rule.source ? rule.source.family(region.family) : all,
    destination: rule.destination ? rule.destination.family(region.family) : all,
    protocols,
    sourcePorts: rule.sourcePorts ?? ALL_PORTS,
    destinationPorts: rule.destinationPorts ?? ALL_PORTS,
    icmp: rule.icmp ? icmpSet(rule.icmp) : PortSet.fromRanges([{ from: 0, to: PORT_MAX }]),
  };
}

const DIMS = ['source', 'destination', 'protocols', 'sourcePorts', 'destinationPorts', 'icmp'] as const;
type Dim = (typeof DIMS)[number];
type SetOf<D extends Dim> = Box[D];

function intersectDim<D extends Dim>(a: SetOf<D>, b: SetOf<D>): SetOf<D> {
  return (a as CidrSet & PortSet).intersect(b as CidrSet & PortSet) as SetOf<D>;
}
function subtractDim<D extends Dim>(a: SetOf<D>, b: SetOf<D>): SetOf<D> {
  return (a as CidrSet & PortSet).subtract(b as CidrSet & PortSet) as SetOf<D>;
}

/** `box ∩ rule` and `box − rule` as disjoint boxes (one dimension peeled at a time). */
export function splitBox(box: Box, rule: Box): { inside?: Box; outside: Box[] } {
  const inside: Record<string, unknown> = {};
  for (const d of DIMS) {
    const v = intersectDim(box[d], rule[d]);
    if (v.isEmpty()) return { outside: [box] };
    inside[d] = v;
  }
  const outside: Box[] = [];
  const current: Record<string, unknown> = { ...box };
  for (const d of DIMS) {
    const rest = subtractDim(box[d], rule[d]);
    if (!rest.isEmpty()) outside.push({ ...(current as unknown as Box), [d]: rest });
    current[d] = inside[d];
  }
  return { inside: inside as unknown as Box, outside };
}

interface Live {
  readonly box: Box;
  readonly maybe: readonly RuleHit[];
}

interface Returned extends Live {
  /** The last chain with a policy the piece went through at the top: its policy decides the piece. */
  readonly base?: string;
}

interface Walked {
  readonly decided: Outcome[];
  readonly returned: Returned[];
}

/** Every box of `region` with the rule or policy that decides it, through every stage of the ruleset. */
export function classify(ruleset: Ruleset, region: Region): Classification {
  let result = classifyChain(ruleset, ruleset.entry, region, [{ box: regionBox(region), maybe: [] }]);
  for (const stage of ruleset.stages ?? []) {
    const accepted = result.outcomes.filter((o) => o.action === 'accept');
    if (accepted.length === 0 || result.overflow) break;
    // Each accepted box walks the next stage on its own, remembering the rules that let it through so far: a box
    // a later stage decides is still the earlier accepting rule's (for what that rule opens).
    const passed: Outcome[] = [];
    let overflow: Text | undefined;
    for (const o of accepted) {
      const through = [...(o.acceptedBy ?? []), ...(o.decidedBy ? [o.decidedBy] : [])];
      const c = classifyChain(ruleset, stage, region, [{ box: o.box, maybe: o.maybe }]);
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

function classifyChain(ruleset: Ruleset, entry: string, region: Region, start: Live[]): Classification {
  let boxes = 0;
  let overflow: Text | undefined;
  const decided: Outcome[] = [];

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

  const walk = (chainName: string, input: Live[], depth: number, atTop: boolean): Walked => {
    const out: Walked = { decided: [], returned: [] };
    const chain = ruleset.chains[chainName];
    if (!chain || depth > MAX_DEPTH) {
      overflow = chain ? TOO_DEEP(64) : noChain(chainName);
      for (const live of input) out.decided.push({ ...live, action: 'indeterminate', reason: overflow });
      return out;
    }
    let live = input;
    for (let index = 0; index < chain.rules.length && live.length > 0; index++) {
      const rule = decideFlags(chain.rules[index] as Rule, walkFlags(undefined, region.state ?? 'new'));
      if (rule === null || rule.verdict.kind === 'continue') continue;
      const rb = ruleBox(rule, region);
      if (!rb) continue;
      const hit: RuleHit = { chain: chainName, index, rule };
      const next: Live[] = [];
      const matched: Live[] = [];
      for (const l of live) {
        const { inside, outside } = splitBox(l.box, rb);
        for (const box of outside) next.push({ box, maybe: l.maybe });
        if (inside) matched.push({ box: inside, maybe: l.maybe });
      }
      boxes += next.length;
      if (boxes > MAX_BOXES) {
        overflow = tooManyPieces(MAX_BOXES);
        for (const l of [...next, ...matched]) out.decided.push({ ...l, action: 'indeterminate', reason: overflow });
        return out;
      }
      const opaque = rule.opaque !== undefined && rule.opaque.length > 0;
      const v = rule.verdict;
      if (opaque) {
        // Matched or not, the walk goes on; the rule is remembered as a possible decision.
        for (const m of matched) next.push({ box: m.box, maybe: [...m.maybe, hit] });
      } else if (v.kind === 'accept' || v.kind === 'drop' || v.kind === 'reject') {
        for (const m of matched) out.decided.push(finish(m, v.kind, { decidedBy: hit }));
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
      if (atTop) {
        const returned = out.returned.map((l) => (l.base ? l : { ...l, base: chainName }));
        return { decided: out.decided, returned };
      }
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

function where(hit: RuleHit): string {
  const p = hit.rule.provenance;
  const at = p.file !== undefined ? `${p.file}:${p.line ?? 0}` : `${hit.chain} rule ${hit.index + 1}`;
  const what = hit.rule.opaque?.join(', ');
  return what ? `${at} (${what})` : at;
}

/** Whether every box of a classification ends in `action` (and none is indeterminate). */
export const allDecide = (c: Classification, action: FinalAction): boolean =>
  c.overflow === undefined && c.outcomes.every((o) => o.action === action);

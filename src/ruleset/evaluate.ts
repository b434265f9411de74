import type { Text } from '../model/text.js';
import type { CidrSet } from '../net/cidr-set.js';
import { bridgeResolved } from './bridge.js';
import { translatesDestinations } from './nat.js';
import { evaluateThroughNat } from './nat-filter.js';
import { ruleAsSeen, type SeenAs } from './nat-original.js';
import { type Packet, placeByInterfaces } from './packet.js';
import { filterStages } from './region.js';
import { flagsResolved, knownTcpFlags } from './tcp-flags.js';
import { type FinalAction, type InterfaceMatch, PROTOCOL_NUMBERS, type Rule, type Ruleset } from './types.js';
import { acrossUnsaidPlaces } from './unplaced.js';
import { acrossUnsaidIcmp } from './unsaid-icmp.js';
import { LOOP, noChain, uninterpretedDecide, zoneContradicts } from './why.js';

/** A rule a packet met on its way, by chain and position. */
export interface RuleHit {
  readonly chain: string;
  readonly index: number;
  readonly rule: Rule;
}

/**
 * What the ruleset does with a packet. `decidedBy` is the rule that gave the verdict (absent when a chain policy or
 * the default action did, `policyOf` then names the chain). `indeterminate` when an uninterpreted match could change
 * the outcome: `outcomes` lists each possible one, `opaque` the rules responsible.
 */
export type Decision =
  | {
      readonly kind: 'decided';
      readonly action: FinalAction;
      readonly decidedBy?: RuleHit;
      readonly policyOf?: string;
      /** Rules walked through on the way (jumps), outermost first. */
      readonly path: readonly RuleHit[];
      /** The destination translation applied before the filter decided (the rule that did it). */
      readonly translatedBy?: RuleHit;
      /**
       * Rules whose uninterpreted matches change which rule decides, not the action: `decidedBy` (or `policyOf`)
       * decides when none of them matches, and the walk that takes one of them ends in the same action elsewhere.
       */
      readonly uncertainBy?: readonly RuleHit[];
      /** A packet that does not say where it crosses: the deciding rule in each place tried, when they differ. */
      readonly places?: readonly PlacedDecision[];
    }
  | {
      readonly kind: 'indeterminate';
      readonly outcomes: readonly FinalAction[];
      readonly opaque: readonly RuleHit[];
      /** Why, in French and English (why.ts). */
      readonly reason: Text;
    };

/** Where a packet that does not say its place was tried (`in eth0 out eth1`), and what decided it there. */
export interface PlacedDecision {
  readonly place: Text;
  readonly decidedBy?: RuleHit;
  readonly policyOf?: string;
}

/** Chains called deeper than this are a loop (netfilter refuses loops; a parsed config may still hold one). */
const MAX_DEPTH = 64;
/** Uninterpreted rules met on one packet's walk beyond which the answer is indeterminate without further search. */
const MAX_OPAQUE = 12;
/**
 * Work on one packet's walk (chains entered, and rules copied when a walk forks) beyond which chains go to each
 * other in a loop: far above what any loop-free ruleset needs.
 */
const MAX_STEPS = 1_000_000;
/** Nested walks of the recursive walk (each goto, jump, return or fork nests one) beyond which it stops. */
const MAX_NESTING = 4096;

/** Whether every field of `rule` the model interprets matches `packet`. */
export function ruleMatches(rule: Rule, packet: Packet): boolean {
  // A conjunction: the cheap and selective tests first (interfaces, protocol), the address searches last.
  if (rule.family !== undefined && rule.family !== packet.family) return false;
  if (rule.inInterface && !interfaceMatches(rule.inInterface, packet.inInterface)) return false;
  if (rule.outInterface && !interfaceMatches(rule.outInterface, packet.outInterface)) return false;
  if (rule.states && !rule.states.includes(packet.state)) return false;
  if (rule.protocols && !rule.protocols.contains(packet.protocol)) return false;
  if (
    rule.destinationPorts &&
    (packet.destinationPort === undefined || !rule.destinationPorts.contains(packet.destinationPort))
  ) {
    return false;
  }
  if (rule.sourcePorts && (packet.sourcePort === undefined || !rule.sourcePorts.contains(packet.sourcePort)))
    return false;
  if (rule.source && !hasAddress(rule.source, packet.family, packet.source)) return false;
  if (rule.destination && !hasAddress(rule.destination, packet.family, packet.destination)) return false;
  if (
    rule.icmp &&
    !rule.icmp.some((m) => m.type === packet.icmpType && (m.code === undefined || m.code === packet.icmpCode))
  ) {
    return false;
  }
  if (rule.fromZones && (packet.fromZone === undefined || !rule.fromZones.includes(packet.fromZone))) return false;
  if (rule.toZones && (packet.toZone === undefined || !rule.toZones.includes(packet.toZone))) return false;
  return true;
}

/**
 * The rule as what the packet says leaves it (bridge path, TCP flags): undefined when those matches fail, the rule
 * without them when they hold, as written when the packet does not decide them.
 */
function resolvedFor(rule: Rule, packet: Packet): Rule | undefined {
  const bridged = bridgeResolved(rule, packet);
  if (!bridged?.tcpFlags) return bridged;
  const flags = packet.protocol === PROTOCOL_NUMBERS.tcp ? knownTcpFlags(packet.state, packet.tcpFlags) : 0;
  const resolved = flagsResolved(bridged, flags);
  // Resolved flag matches hold for TCP only: the rule's protocols say so now.
  return resolved && resolved !== bridged && !ruleMatches(resolved, packet) ? undefined : resolved;
}

const hasAddress = (set: CidrSet, family: 4 | 6, words: Uint32Array): boolean =>
  (family === 4 ? set.v4 : set.v6).containsRange(words, 0, words, 0);

/** An interface the packet does not cross matches no positive name, and every negated one. */
export function interfaceMatches(match: InterfaceMatch, name: string | undefined): boolean {
  const hit = name !== undefined && (match.prefix ? name.startsWith(match.name) : name === match.name);
  return match.negated ? !hit : hit;
}

/**
 * What a walk ends in when it returns with nothing to return to (a `return` at the top, or the end of a chain without
 * a policy it went to): the policy of its base chain, as the kernel does (netfilter for a built-in chain, nftables
 * for a base chain). The base chain is the one the stage starts in, or the last chain with a policy the walk went to
 * from the top: a policy makes a chain a base chain, and no kernel lets a rule go to one, so such a goto is a
 * reader's stand-in for the stage (one family's way into the real base chain). Without a policy there:
 * the ruleset's default action.
 */
function topEnd(ruleset: Ruleset, base: string): { action: FinalAction; policyOf?: string } {
  const policy = ruleset.chains[base]?.policy;
  return policy ? { action: policy, policyOf: base } : { action: ruleset.defaultAction };
}

/** The base chain after a goto to `target`: that chain when the walk is at the top and it has a policy. */
const baseAfterGoto = (ruleset: Ruleset, base: string, target: string, depth: number): string =>
  depth === 0 && ruleset.chains[target]?.policy ? target : base;

interface Walk {
  readonly action: FinalAction;
  readonly decidedBy?: RuleHit;
  readonly policyOf?: string;
  readonly path: readonly RuleHit[];
}

/**
 * First-match evaluation from the entry chain, then each further stage while the packet is accepted: jumps call a
 * chain and come back on `return` or at its end, gotos replace the current chain. Rules with uninterpreted matches
 * fork the walk (it matches / it does not); the packet's fate is decided when every branch agrees. A packet that
 * names an interface and not its zone is in the zone the configuration places the interface in (`placePacket`); one
 * whose zone contradicts its interface's is indeterminate. A packet that does not say the interfaces or zones the
 * rules decide by is tried in each (unplaced.ts), one that does not say the ICMP type or code they decide by with each
 * kind (unsaid-icmp.ts): decided only when all agree.
 */
export function evaluate(ruleset: Ruleset, given: Packet): Decision {
  const where = placeByInterfaces(ruleset, given);
  if ('contradiction' in where)
    return { kind: 'indeterminate', outcomes: [], opaque: [], reason: zoneContradicts(where.contradiction) };
  const placed = (p: Packet): Decision =>
    acrossUnsaidPlaces(ruleset, p, (q) => evaluateAsGiven(ruleset, q)) ?? evaluateAsGiven(ruleset, p);
  return acrossUnsaidIcmp(ruleset, where.packet, placed) ?? placed(where.packet);
}

/**
 * The packet exactly as given: a rule of an interface or zone the packet does not name never matches it (the packet
 * crosses where no rule names). `evaluate` when the packet says every place the rules decide by.
 */
export function evaluateAsGiven(ruleset: Ruleset, packet: Packet): Decision {
  // Connection tracking translates every packet of a connection as its first; an untracked one is never translated.
  if (translatesDestinations(ruleset) && packet.state !== 'untracked')
    return evaluateThroughNat(ruleset, packet, evaluateStages);
  // Untranslated: a match on the connection's original destination is a match on the packet's own.
  return evaluateStages(ruleset, packet, filterStages(ruleset), 'untranslated');
}

/** The packet through `stages`, rules on the original direction decided as `seen` says. */
function evaluateStages(ruleset: Ruleset, packet: Packet, stages: readonly string[], seen: SeenAs): Decision {
  const [first, ...rest] = stages;
  if (first === undefined) return { kind: 'decided', action: 'accept', path: [] };
  let decision = evaluateChain(ruleset, first, packet, seen);
  for (const stage of rest) {
    if (decision.kind !== 'decided' || decision.action !== 'accept') break;
    decision = evaluateChain(ruleset, stage, packet, seen);
  }
  return decision;
}

function evaluateChain(ruleset: Ruleset, entry: string, packet: Packet, seen: SeenAs): Decision {
  return steppedWalk(ruleset, entry, packet, seen) ?? forkingWalk(ruleset, entry, packet, seen);
}

/** Where a walk stands: the chain and rule, its base chain, the callers to return to, the rules walked through. */
interface Cursor {
  chain: string;
  index: number;
  readonly base: string;
  readonly callers: string[];
  readonly resumeAt: number[];
  readonly path: RuleHit[];
  /** Set on a fork: the walk resumes by taking this rule's verdict. */
  readonly take?: RuleHit;
}

/**
 * The walks of `forkingWalk`, in the same order and with the same answer, as a loop over an explicit stack of forks
 * (no closures, no copies unless a rule with uninterpreted matches forks the walk). Undefined where `forkingWalk`
 * overflows (a missing chain, a loop, too many uninterpreted rules): it then answers, as it always did.
 */
function steppedWalk(ruleset: Ruleset, entry: string, packet: Packet, seen: SeenAs): Decision | undefined {
  const forks: Cursor[] = [];
  const opaque: RuleHit[] = [];
  let outcomes: FinalAction[] | undefined;
  let first: FinalAction | undefined;
  // The walk where no uninterpreted match matches comes first (forks resume later): it names the deciding rule.
  let plain: (Decision & { kind: 'decided' }) | undefined;
  let samePlace = true;
  let cursor: Cursor | undefined = { chain: entry, index: 0, base: entry, callers: [], resumeAt: [], path: [] };
  const budget = { steps: MAX_STEPS };
  while (cursor) {
    const end = stepUntilEnd(ruleset, packet, seen, cursor, forks, opaque, budget);
    if (end === undefined) return undefined;
    if (end === 'loop') {
      // Gotos that go round (a jump loop overflows the depth first): the walks so far, as an overflow reports them.
      return { kind: 'indeterminate', outcomes: outcomes ?? (first ? [first] : []), opaque, reason: LOOP };
    }
    if (first === undefined) first = end.action;
    else if (end.action !== first || outcomes) {
      outcomes ??= [first];
      if (!outcomes.includes(end.action)) outcomes.push(end.action);
    }
    if (plain === undefined) plain = end;
    else if (deciderKey(end) !== deciderKey(plain)) samePlace = false;
    cursor = forks.pop();
  }
  if (!outcomes || outcomes.length === 1) return plain && !samePlace ? { ...plain, uncertainBy: opaque } : plain;
  return {
    kind: 'indeterminate',
    outcomes,
    opaque,
    reason: uninterpretedDecide(opaque.length, outcomes),
  };
}

/**
 * Walks one branch to its end (a decided Decision), pushing the forks it meets; undefined on an overflow, `loop`
 * when the walk's budget of chain entries runs out.
 */
function stepUntilEnd(
  ruleset: Ruleset,
  packet: Packet,
  seen: SeenAs,
  cursor: Cursor,
  forks: Cursor[],
  opaque: RuleHit[],
  budget: { steps: number },
): (Decision & { kind: 'decided' }) | 'loop' | undefined {
  const { callers, resumeAt, path } = cursor;
  let chainName = cursor.chain;
  let index = cursor.index;
  let base = cursor.base;
  let take = cursor.take;
  for (;;) {
    const chain = ruleset.chains[chainName];
    if (!chain || callers.length > MAX_DEPTH) return undefined;
    if (--budget.steps < 0) return 'loop';
    const rules = chain.rules;
    // What ends this chain's turn: a jump or goto (moved), a return, or its last rule.
    let moved = false;
    let returned = false;
    for (; index < rules.length; index++) {
      let hit: RuleHit;
      if (take) {
        hit = take;
        take = undefined;
      } else {
        const listed = rules[index] as Rule;
        if (listed.verdict.kind === 'continue' || !ruleMatches(listed, packet)) continue;
        // Bridge-port and TCP flag matches, where the packet decides them: matched, or not at all.
        const written = resolvedFor(listed, packet);
        if (!written) continue;
        // Decided for the traffic, a rule on the original direction matches at most what it matches as written.
        const rule = ruleAsSeen(written, seen);
        if (rule !== written && !ruleMatches(rule, packet)) continue;
        hit = { chain: chainName, index, rule };
        if (rule.opaque && rule.opaque.length > 0) {
          if (!opaque.some((h) => h.chain === chainName && h.index === index)) opaque.push(hit);
          if (opaque.length > MAX_OPAQUE) return undefined;
          // First the branch where the uninterpreted part does not match (this one, on after the rule), then the
          // branch that takes the rule's verdict.
          budget.steps -= path.length + callers.length;
          forks.push({
            chain: chainName,
            index,
            base,
            callers: [...callers],
            resumeAt: [...resumeAt],
            path: [...path],
            take: hit,
          });
          continue;
        }
      }
      const v = hit.rule.verdict;
      if (v.kind === 'accept' || v.kind === 'drop' || v.kind === 'reject') {
        return { kind: 'decided', action: v.kind, path, decidedBy: hit };
      }
      if (v.kind === 'return') {
        returned = true;
        break;
      }
      if (v.kind === 'continue') continue;
      if (v.kind === 'jump') {
        callers.push(chainName);
        resumeAt.push(index + 1);
      } else base = baseAfterGoto(ruleset, base, v.chain, callers.length);
      path.push(hit);
      chainName = v.chain;
      index = 0;
      moved = true;
      break;
    }
    if (moved) continue;
    if (!returned && chain.policy) return { kind: 'decided', action: chain.policy, path, policyOf: chainName };
    // Back to the caller (the walk drops the last rule it went through), or the base chain's end at the top.
    const caller = callers.pop();
    if (caller === undefined) return { kind: 'decided', ...topEnd(ruleset, base), path };
    chainName = caller;
    index = resumeAt.pop() as number;
    path.pop();
  }
}

function forkingWalk(ruleset: Ruleset, entry: string, packet: Packet, seen: SeenAs): Decision {
  const walks: Walk[] = [];
  const opaque: RuleHit[] = [];
  let overflow = false;
  let nesting = 0;

  // Bounded: gotos that go round never deepen the chain stack, only this recursion.
  const run = (
    chain: string,
    from: number,
    base: string,
    stack: readonly { chain: string; index: number }[],
    path: RuleHit[],
  ): void => {
    if (overflow) return;
    if (nesting >= MAX_NESTING) {
      overflow = true;
      return;
    }
    nesting++;
    runChain(chain, from, base, stack, path);
    nesting--;
  };

  const runChain = (
    chain: string,
    from: number,
    base: string,
    stack: readonly { chain: string; index: number }[],
    path: RuleHit[],
  ): void => {
    const current = ruleset.chains[chain];
    if (!current || stack.length > MAX_DEPTH) {
      overflow = true;
      return;
    }
    for (let index = from; index < current.rules.length; index++) {
      const listed = current.rules[index] as Rule;
      if (!ruleMatches(listed, packet)) continue;
      const written = resolvedFor(listed, packet);
      if (!written) continue;
      const rule = ruleAsSeen(written, seen);
      if (rule !== written && !ruleMatches(rule, packet)) continue;
      const v = rule.verdict;
      // A rule that decides nothing changes nothing, whether its uninterpreted part matches or not.
      if (v.kind === 'continue') continue;
      const hit: RuleHit = { chain, index, rule };
      if (rule.opaque && rule.opaque.length > 0) {
        if (!opaque.some((h) => h.chain === chain && h.index === index)) opaque.push(hit);
        if (opaque.length > MAX_OPAQUE) {
          overflow = true;
          return;
        }
        // Branch where the uninterpreted part does not match: go on after this rule.
        run(chain, index + 1, base, stack, [...path]);
      }
      switch (v.kind) {
        case 'accept':
        case 'drop':
        case 'reject':
          walks.push({ action: v.kind, decidedBy: hit, path });
          return;
        case 'jump':
          run(v.chain, 0, base, [...stack, { chain, index: index + 1 }], [...path, hit]);
          return;
        case 'goto':
          run(v.chain, 0, baseAfterGoto(ruleset, base, v.chain, stack.length), stack, [...path, hit]);
          return;
        case 'return':
          returnTo(base, stack, path);
          return;
      }
    }
    if (current.policy) {
      walks.push({ action: current.policy, policyOf: chain, path });
      return;
    }
    returnTo(base, stack, path);
  };

  const returnTo = (base: string, stack: readonly { chain: string; index: number }[], path: RuleHit[]): void => {
    const caller = stack[stack.length - 1];
    if (!caller) {
      walks.push({ ...topEnd(ruleset, base), path });
      return;
    }
    run(caller.chain, caller.index, base, stack.slice(0, -1), path.slice(0, -1));
  };

  run(entry, 0, entry, [], []);
  if (overflow) {
    return {
      kind: 'indeterminate',
      outcomes: [...new Set(walks.map((w) => w.action))],
      opaque,
      reason: ruleset.chains[entry] ? LOOP : noChain(entry),
    };
  }
  const outcomes = [...new Set(walks.map((w) => w.action))];
  const first = walks[0] as Walk;
  if (outcomes.length === 1) {
    // Every branch agrees on the action: the deciding rule is the one of the branch where no uninterpreted match
    // matches (the first run), with the rules that could move the decision elsewhere named beside it.
    const same = walks.every((w) => deciderKey(w) === deciderKey(first));
    return { kind: 'decided', action: first.action, ...decidedFields(first), ...(same ? {} : { uncertainBy: opaque }) };
  }
  return {
    kind: 'indeterminate',
    outcomes,
    opaque,
    reason: uninterpretedDecide(opaque.length, outcomes),
  };
}

/** Which rule or policy ended a walk. */
const deciderKey = (w: { decidedBy?: RuleHit; policyOf?: string }): string =>
  w.decidedBy ? `${w.decidedBy.chain}#${w.decidedBy.index}` : `policy ${w.policyOf ?? ''}`;

function decidedFields(walk: Walk): { decidedBy?: RuleHit; policyOf?: string; path: readonly RuleHit[] } {
  const out: { decidedBy?: RuleHit; policyOf?: string; path: readonly RuleHit[] } = { path: walk.path };
  if (walk.decidedBy) out.decidedBy = walk.decidedBy;
  if (walk.policyOf) out.policyOf = walk.policyOf;
  return out;
}

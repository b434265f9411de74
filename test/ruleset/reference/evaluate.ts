/**
 * REFERENCE, not used by the tool: `src/ruleset/evaluate.ts` as it stood before the performance work (commit 5f2320d), kept
 * so tests can check that the faster code gives the same answers. Change it only where the semantics change, in the
 * same way as the tool; since then: a walk with nothing to return to ends on its base chain's policy (`base`), not
 * on the default action; when every branch gives one action, the deciding rule is the first branch's (no
 * uninterpreted match taken), with `uncertainBy` when the branches end on different rules; TCP flag matches decided
 * where the packet's flags are known (./tcp-flags.ts).
 */

import type { Text } from '../../../src/model/text.js';
import type { CidrSet } from '../../../src/net/cidr-set.js';
import type { PortSet } from '../../../src/net/port-set.js';
import type { Packet } from '../../../src/ruleset/packet.js';
import type { FinalAction, InterfaceMatch, Rule, Ruleset } from '../../../src/ruleset/types.js';
import { LOOP, noChain, uninterpretedDecide } from '../../../src/ruleset/why.js';
import { decideFlags, walkFlags } from './tcp-flags.js';

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
      readonly uncertainBy?: readonly RuleHit[];
    }
  | {
      readonly kind: 'indeterminate';
      readonly outcomes: readonly FinalAction[];
      readonly opaque: readonly RuleHit[];
      readonly reason: Text;
    };

/** Chains called deeper than this are a loop (netfilter refuses loops; a parsed config may still hold one). */
const MAX_DEPTH = 64;
/** Uninterpreted rules met on one packet's walk beyond which the answer is indeterminate without further search. */
const MAX_OPAQUE = 12;

/** Whether every field of `rule` the model interprets matches `packet`. */
export function ruleMatches(rule: Rule, packet: Packet): boolean {
  if (rule.family !== undefined && rule.family !== packet.family) return false;
  if (rule.source && !hasAddress(rule.source, packet.family, packet.source)) return false;
  if (rule.destination && !hasAddress(rule.destination, packet.family, packet.destination)) return false;
  if (rule.protocols && !hasPort(rule.protocols, packet.protocol)) return false;
  if (rule.sourcePorts && (packet.sourcePort === undefined || !hasPort(rule.sourcePorts, packet.sourcePort)))
    return false;
  if (
    rule.destinationPorts &&
    (packet.destinationPort === undefined || !hasPort(rule.destinationPorts, packet.destinationPort))
  ) {
    return false;
  }
  if (
    rule.icmp &&
    !rule.icmp.some((m) => m.type === packet.icmpType && (m.code === undefined || m.code === packet.icmpCode))
  ) {
    return false;
  }
  if (rule.inInterface && !interfaceMatches(rule.inInterface, packet.inInterface)) return false;
  if (rule.outInterface && !interfaceMatches(rule.outInterface, packet.outInterface)) return false;
  if (rule.fromZones && (packet.fromZone === undefined || !rule.fromZones.includes(packet.fromZone))) return false;
  if (rule.toZones && (packet.toZone === undefined || !rule.toZones.includes(packet.toZone))) return false;
  if (rule.states && !rule.states.includes(packet.state)) return false;
  return true;
}

const hasAddress = (set: CidrSet, family: 4 | 6, words: Uint32Array): boolean =>
  (family === 4 ? set.v4 : set.v6).containsRange(words, 0, words, 0);

const hasPort = (set: PortSet, port: number): boolean => set.contains(port);

/** An interface the packet does not cross matches no positive name, and every negated one. */
export function interfaceMatches(match: InterfaceMatch, name: string | undefined): boolean {
  const hit = name !== undefined && (match.prefix ? name.startsWith(match.name) : name === match.name);
  return match.negated ? !hit : hit;
}

interface Walk {
  readonly action: FinalAction;
  readonly decidedBy?: RuleHit;
  readonly policyOf?: string;
  readonly path: readonly RuleHit[];
}

/**
 * First-match evaluation from the entry chain, then each further stage while the packet is accepted: jumps call a chain and come back on `return` or at its end, gotos
 * replace the current chain. Rules with uninterpreted matches fork the walk (it matches / it does not); the packet's
 * fate is decided when every branch agrees.
 */
export function evaluate(ruleset: Ruleset, packet: Packet): Decision {
  let decision = evaluateChain(ruleset, ruleset.entry, packet);
  for (const stage of ruleset.stages ?? []) {
    if (decision.kind !== 'decided' || decision.action !== 'accept') break;
    decision = evaluateChain(ruleset, stage, packet);
  }
  return decision;
}

function evaluateChain(ruleset: Ruleset, entry: string, packet: Packet): Decision {
  const walks: Walk[] = [];
  const opaque: RuleHit[] = [];
  let overflow = false;

  const run = (
    chain: string,
    from: number,
    base: string,
    stack: readonly { chain: string; index: number }[],
    path: RuleHit[],
  ): void => {
    if (overflow) return;
    const current = ruleset.chains[chain];
    if (!current || stack.length > MAX_DEPTH) {
      overflow = true;
      return;
    }
    for (let index = from; index < current.rules.length; index++) {
      const listed = current.rules[index] as Rule;
      if (!ruleMatches(listed, packet)) continue;
      const rule = decideFlags(listed, walkFlags(packet.protocol, packet.state, packet.tcpFlags));
      if (rule === null || !ruleMatches(rule, packet)) continue;
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
        case 'goto': {
          // At the top, a goto to a chain with a policy makes it the base chain.
          const next = stack.length === 0 && ruleset.chains[v.chain]?.policy ? v.chain : base;
          run(v.chain, 0, next, stack, [...path, hit]);
          return;
        }
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
      const policy = ruleset.chains[base]?.policy;
      walks.push(policy ? { action: policy, policyOf: base, path } : { action: ruleset.defaultAction, path });
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
    // Every branch agrees: report the branch where no uninterpreted match matches (the first one run).
    const key = (w: Walk): string => (w.decidedBy ? `${w.decidedBy.chain}#${w.decidedBy.index}` : `p ${w.policyOf}`);
    const same = walks.every((w) => key(w) === key(first));
    return { kind: 'decided', action: first.action, ...decidedFields(first), ...(same ? {} : { uncertainBy: opaque }) };
  }
  return {
    kind: 'indeterminate',
    outcomes,
    opaque,
    reason: uninterpretedDecide(opaque.length, outcomes),
  };
}

function decidedFields(walk: Walk): { decidedBy?: RuleHit; policyOf?: string; path: readonly RuleHit[] } {
  const out: { decidedBy?: RuleHit; policyOf?: string; path: readonly RuleHit[] } = { path: walk.path };
  if (walk.decidedBy) out.decidedBy = walk.decidedBy;
  if (walk.policyOf) out.policyOf = walk.policyOf;
  return out;
}

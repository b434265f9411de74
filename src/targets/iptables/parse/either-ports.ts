import { PortSet } from '../../../net/port-set.js';
import { CONN_STATES, type ConnState, type Rule } from '../../../ruleset/types.js';
import type { SavedRule } from './saved.js';

/** `--ports` matches in one rule beyond which it stays uninterpreted (n matches are 2^n rules). */
const MAX_EITHER = 3;

/**
 * The rules one kernel entry is in the ruleset: more than one where a match is a disjunction (`--ports`, and
 * `--ctstate` listing DNAT with states, below). `-m multiport --ports S` (source OR destination port in S) is not a
 * conjunction, so the entry becomes two rules of its line and verdict: source port in S, then source port not in S
 * and destination port in S. The two match disjoint packets, so each packet meets the verdict at most once: exact
 * for a jump too (the chain runs once, as in the kernel), not only for a final verdict.
 */
export function rulesOf(saved: SavedRule): Rule[] {
  const rules = portRules(saved);
  const { statesOr, connection } = saved;
  const byState = !statesOr || statesOr.length === 0 ? rules : rules.flatMap((r) => statePieces(r, statesOr));
  return connection ? byState.flatMap((r) => connectionPieces(r, connection)) : byState;
}

const ICMPS = PortSet.of(1, 58);

/**
 * `--ctproto P` tests the connection's protocol, which is not always the packet's, so the rule splits by state,
 * disjoint again: a new or established packet is of its connection's protocol (narrowed to P); a related one too,
 * unless it is an ICMP error, which belongs to the connection it reports on (its match is uninterpreted); a packet
 * with no connection (invalid, untracked) is matched by the state test alone, where the same match has one (the
 * reader left those states out otherwise).
 */
function connectionPieces(rule: Rule, connection: NonNullable<SavedRule['connection']>): Rule[] {
  const states = rule.states ?? CONN_STATES;
  const within = (wanted: readonly ConnState[]) => states.filter((s) => wanted.includes(s));
  const narrowed = (set: PortSet) => (rule.protocols ? rule.protocols.intersect(set) : set);
  const why = `${connection.texts.join(' ')}: an ICMP error related to a connection carries that connection's protocol`;
  const pieces: Rule[] = [
    { ...rule, states: within(['new', 'established']), protocols: narrowed(connection.protocols) },
    { ...rule, states: within(['related']), protocols: narrowed(connection.protocols.subtract(ICMPS)) },
    {
      ...rule,
      states: within(['related']),
      protocols: narrowed(ICMPS),
      opaque: [...(rule.opaque ?? []), why],
    },
    { ...rule, states: within(['invalid', 'untracked']) },
  ];
  const live = pieces.filter((p) => (p.states?.length ?? 1) > 0 && !p.protocols?.isEmpty());
  // A rule that matches nothing keeps its line, matching nothing.
  return live.length > 0 ? live : [{ ...rule, states: [] }];
}

/**
 * `--ctstate S,DNAT` (a state of S, or the destination was translated) is no conjunction either: the state in S,
 * then the state not in S and translated; disjoint again. A piece that can match nothing is left out (the first
 * kept, matching nothing, when all are).
 */
function statePieces(rule: Rule, statesOr: readonly (readonly ConnState[])[]): Rule[] {
  let pieces: Rule[] = [rule];
  for (const listed of statesOr) {
    pieces = pieces.flatMap((p) => {
      const inList = (p.states ?? CONN_STATES).filter((x) => listed.includes(x));
      const outside = (p.states ?? CONN_STATES).filter((x) => !listed.includes(x));
      const translated =
        p.original?.translated === false
          ? []
          : [{ ...p, states: outside, original: { ...p.original, translated: true } }];
      return [{ ...p, states: inList }, ...translated];
    });
  }
  const live = pieces.filter((p) => (p.states?.length ?? 1) > 0);
  return live.length > 0 ? live : pieces.slice(0, 1);
}

function portRules(saved: SavedRule): Rule[] {
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

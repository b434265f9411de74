import { closest } from '../../../model/issues.js';
import { ruleToJson } from '../../../ruleset/json.js';
import { type BridgePortMatch, makeRule, type Provenance, type Rule, type Verdict } from '../../../ruleset/types.js';
import type { RuleDraft } from './draft.js';
import { natOf } from './nat.js';
import { type LocatedProblem, type RuleEnvironment, type RuleReading, readRule } from './rule.js';
import { type SavedChain, type SavedRule, UNKNOWN_CHAIN } from './saved.js';
import { CONTINUE_TARGETS, type Table, UNKNOWN_VERDICT_TARGETS } from './vocab.js';
import type { Word } from './words.js';

/**
 * The rule written from `words[from]` on (after `-A CHAIN`, `-I CHAIN 2`, `-R CHAIN 3`…), as the table holds it;
 * undefined for a rule of the other family (`-6` in an iptables file: iptables-restore skips it).
 */
export function readSavedRule(
  words: readonly Word[],
  from: number,
  env: RuleEnvironment,
  chains: Map<string, SavedChain>,
  table: Table,
  provenance: Provenance,
): SavedRule | LocatedProblem | undefined {
  const reading = readRule(words, from, env);
  if ('message' in reading) return reading;
  if (reading.otherFamily) return undefined;
  const verdict = verdictOf(reading, chains, table);
  if ('message' in verdict) return verdict;
  if (verdict.unknownTarget)
    env.warn(
      verdict.unknownTarget,
      `target ${reading.target?.name} is not modelled: the packets it takes are read as "cannot tell"`,
    );
  let rule = buildRule(reading, verdict.verdict, provenance);
  const nat = table === 'nat' && reading.target ? natOf(reading.target, env.family) : undefined;
  if (nat && 'message' in nat) return { ...nat, col: reading.target?.col ?? 1 };
  if (nat)
    rule = {
      ...rule,
      translate: nat.translate,
      ...(nat.opaque ? { opaque: [...(rule.opaque ?? []), nat.opaque] } : {}),
    };
  const t = reading.target;
  const written = t ? { matches: reading.matches, goto: t.goto, args: t.args } : { matches: reading.matches };
  const either = reading.draft.eitherPorts;
  const statesOr = reading.draft.statesOrTranslated;
  return {
    rule,
    ...(t ? { target: t.name } : {}),
    written,
    ...(either.length > 0 ? { either } : {}),
    ...(statesOr.length > 0 ? { statesOr } : {}),
    ...(reading.draft.connection ? { connection: reading.draft.connection } : {}),
  };
}

/**
 * Two rules are identical to iptables when the kernel holds the same entry: the same header and match values
 * (`-s 10.0.0.1` is `-s 10.0.0.1/32`, `-p 6` is `-p tcp`), the same match modules in the same order (`-m state` is
 * not `-m conntrack`, a comment before `--dport` is not one after), the same target and options. REJECT's default
 * `--reject-with` is the same as none.
 */
export function identityOf({ rule, target, written, either, statesOr }: SavedRule): string {
  const { comment } = rule.provenance;
  const unreachable = rule.family === 6 ? 'icmp6-port-unreachable' : 'icmp-port-unreachable';
  const args = target === 'REJECT' ? written.args?.filter((a) => a !== `--reject-with ${unreachable}`) : written.args;
  const header = ruleToJson({ ...rule, provenance: comment === undefined ? {} : { comment } });
  const ports = either?.map((s) => s.toRanges());
  return JSON.stringify([header, written.matches, target, written.goto, args, ports, statesOr]);
}

/** The verdict a target gives: a decision, a jump to a declared chain, `continue`, or "cannot tell". */
function verdictOf(
  reading: RuleReading,
  chains: Map<string, SavedChain>,
  table: Table,
): { verdict: Verdict; unknownTarget?: number } | LocatedProblem {
  const t = reading.target;
  if (!t) return { verdict: { kind: 'continue' } }; // a counter: matches, decides nothing
  const chain = chains.get(t.name);
  if (chain) {
    if (chain.builtin) return { message: `cannot jump to the built-in chain ${t.name}`, col: t.col };
    return { verdict: t.goto ? { kind: 'goto', chain: t.name } : { kind: 'jump', chain: t.name } };
  }
  if (t.goto) return { message: `-g needs a chain of table ${table}; "${t.name}" is not declared`, col: t.col };
  switch (t.name) {
    case 'ACCEPT':
      return { verdict: { kind: 'accept' } };
    case 'DROP':
      return { verdict: { kind: 'drop' } };
    case 'REJECT':
      return { verdict: { kind: 'reject' } };
    case 'RETURN':
      return { verdict: { kind: 'return' } };
  }
  // NAT targets end the nat table's walk for this packet (the filter table comes after, on its own).
  if (table === 'nat' && /^(DNAT|SNAT|MASQUERADE|REDIRECT|NETMAP)$/.test(t.name))
    return { verdict: { kind: 'accept' } };
  if (CONTINUE_TARGETS.has(t.name)) return { verdict: { kind: 'continue' } };
  if (UNKNOWN_VERDICT_TARGETS.has(t.name)) return { verdict: { kind: 'jump', chain: UNKNOWN_CHAIN } };
  // An extension target this reading does not know (they are written in capitals, chains need a declaration).
  if (/^[A-Z][A-Z0-9_]*$/.test(t.name))
    return { verdict: { kind: 'jump', chain: UNKNOWN_CHAIN }, unknownTarget: t.col };
  const near = closest(t.name, chains.keys());
  return {
    message: `"${t.name}" is neither a declared chain of table ${table} nor a target`,
    hint: near ? `did you mean "${near}"?` : `declare it with :${t.name} - [0:0] after *${table}`,
    col: t.col,
  };
}

function buildRule(reading: RuleReading, verdict: Verdict, provenance: Provenance): Rule {
  const d = reading.draft;
  const opaque = [...d.opaque];
  if (verdict.kind === 'jump' && verdict.chain === UNKNOWN_CHAIN) {
    opaque.push(`-j ${reading.target?.name}: the packet's fate is decided by something this reading does not model`);
  }
  return makeRule({
    family: d.family,
    source: d.source,
    destination: d.destination,
    protocols: d.protocols,
    sourcePorts: d.sourcePorts,
    destinationPorts: d.destinationPorts,
    icmp: d.icmp,
    inInterface: d.inInterface,
    outInterface: d.outInterface,
    states: d.states,
    original: d.original,
    opaque: opaque.length > 0 ? opaque : undefined,
    bridgePorts: bridgePortsOf(d),
    tcpFlags:
      d.tcpFlags.length > 0
        ? { opaque: d.tcpFlags.map((f) => f.text), tests: d.tcpFlags.map((f) => f.test) }
        : undefined,
    verdict,
    provenance: d.comments.length > 0 ? { ...provenance, comment: d.comments.join(' ') } : provenance,
  });
}

/**
 * What `-m physdev` gives a packet whose path is known: netfilter's physdev_mt matches a packet that is not bridged
 * only when every option is negated; a bridged one, `--physdev-is-bridged` (the bridge ports are not known).
 */
function bridgePortsOf(d: RuleDraft): BridgePortMatch | undefined {
  if (d.physdev.length === 0) return undefined;
  const opaque = d.physdev.map((p) => p.text);
  const routed = d.physdev.every((p) => p.negated);
  const isBridged = (p: RuleDraft['physdev'][number]): boolean => p.option === '--physdev-is-bridged';
  // A bridged packet fails `! --physdev-is-bridged`; the port names it crossed are not known.
  if (d.physdev.some((p) => isBridged(p) && p.negated)) return { opaque, routed, bridged: false };
  return d.physdev.every(isBridged) ? { opaque, routed, bridged: true } : { opaque, routed };
}

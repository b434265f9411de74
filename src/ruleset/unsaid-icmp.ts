import type { Decision, RuleHit } from './evaluate.js';
import type { Packet } from './packet.js';
import type { IcmpMatch, Ruleset } from './types.js';
import { icmpDisagree, icmpTooMany } from './why.js';

/**
 * An ICMP packet that does not say its type, or its code, while rules decide by them (`--icmp-type 8/0`,
 * `icmp type echo-request code 0`). Walked as given, a rule naming a code never matches a packet without one, and
 * the answer holds for no real packet (every ICMP packet has a type and a code). Fail closed, as for an unsaid
 * interface: the packet is tried with one type and code of each kind the rules tell apart, and the verdict stands
 * only when every one gives it.
 */

/** Kinds of type and code tried beyond which the question is sent back: give the packet's type and code. */
const MAX_KINDS = 64;

/** The ICMP matches of the packet's family the rules hold, each list once. */
function icmpLists(ruleset: Ruleset, family: 4 | 6): IcmpMatch[][] {
  const seen = new Set<readonly IcmpMatch[]>();
  const byKey = new Map<string, IcmpMatch[]>();
  for (const chain of Object.values(ruleset.chains)) {
    for (const rule of chain.rules) {
      if (!rule.icmp || seen.has(rule.icmp) || (rule.family !== undefined && rule.family !== family)) continue;
      seen.add(rule.icmp);
      const key = rule.icmp.map((m) => `${m.type}/${m.code ?? ''}`).join(',');
      if (!byKey.has(key)) byKey.set(key, [...rule.icmp]);
    }
  }
  return [...byKey.values()];
}

/** One value of each kind the lists tell apart among 0..255 (a kind: the same answer from every list). */
function kinds(lists: readonly IcmpMatch[][], answer: (list: readonly IcmpMatch[], value: number) => string): number[] {
  const firstOf = new Map<string, number>();
  for (let v = 0; v < 256; v++) {
    const signature = lists.map((l) => answer(l, v)).join('');
    if (!firstOf.has(signature)) firstOf.set(signature, v);
  }
  return [...firstOf.values()];
}

/**
 * `evaluate` for an ICMP packet whose type or code the rules need and it does not give: each kind decided by
 * `decide`. Undefined when the packet says all the rules ask.
 */
export function acrossUnsaidIcmp(
  ruleset: Ruleset,
  packet: Packet,
  decide: (packet: Packet) => Decision,
): Decision | undefined {
  if (packet.protocol !== (packet.family === 4 ? 1 : 58)) return undefined;
  if (packet.icmpType !== undefined && packet.icmpCode !== undefined) return undefined;
  const lists = icmpLists(ruleset, packet.family);
  if (lists.length === 0) return undefined;
  const types =
    packet.icmpType !== undefined
      ? [packet.icmpType]
      : kinds(lists, (l, t) =>
          l.some((m) => m.type === t && m.code === undefined) ? 'a' : l.some((m) => m.type === t) ? 'c' : '-',
        );
  const tries: { type: number; code?: number }[] = [];
  for (const type of types) {
    const named = lists.some((l) => l.some((m) => m.type === type && m.code !== undefined));
    if (packet.icmpCode !== undefined || !named) {
      tries.push(packet.icmpCode === undefined ? { type } : { type, code: packet.icmpCode });
      continue;
    }
    for (const code of kinds(lists, (l, c) => (l.some((m) => m.type === type && (m.code ?? c) === c) ? '1' : '0')))
      tries.push({ type, code });
  }
  // The type is given and no rule names a code of it: the packet as given is the answer.
  if (packet.icmpType !== undefined && tries.length === 1 && tries[0]?.code === undefined) return undefined;
  const unsaid = packet.icmpType === undefined ? 'both' : 'code';
  if (tries.length > MAX_KINDS) {
    return {
      kind: 'indeterminate',
      outcomes: [],
      opaque: [],
      reason: icmpTooMany(unsaid),
    };
  }
  const decisions = tries.map((t) => ({ t, d: decide({ ...packet, icmpType: t.type, icmpCode: t.code ?? 0 }) }));
  const first = decisions[0]?.d;
  if (!first) return undefined;
  const actions = new Set(decisions.map(({ d }) => (d.kind === 'decided' ? d.action : 'indeterminate')));
  if (actions.size === 1) return first;
  const text = (t: { type: number; code?: number }): string =>
    `type ${t.type}${t.code === undefined ? '' : ` code ${t.code}`}`;
  const tried = decisions.map(({ t, d }) => ({
    kind: text(t),
    action: d.kind === 'decided' ? d.action : ('indeterminate' as const),
  }));
  return {
    kind: 'indeterminate',
    outcomes: [...new Set(decisions.flatMap(({ d }) => (d.kind === 'decided' ? [d.action] : d.outcomes)))],
    opaque: distinct(
      decisions.flatMap(({ d }) => (d.kind === 'indeterminate' ? d.opaque : d.decidedBy ? [d.decidedBy] : [])),
    ),
    reason: icmpDisagree(unsaid, tried),
  };
}

function distinct(hits: readonly RuleHit[]): RuleHit[] {
  const out: RuleHit[] = [];
  for (const h of hits) if (!out.some((o) => o.chain === h.chain && o.index === h.index)) out.push(h);
  return out;
}

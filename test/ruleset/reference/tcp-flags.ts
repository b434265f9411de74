/**
 * REFERENCE, not used by the tool: TCP flag matches as the kernel decides them (xt_tcp: `(flags & mask) == cmp`,
 * inverted by `!`; nft: a value among a set), written apart from `src/ruleset/tcp-flags.ts` so tests compare the two.
 * A connection's opening (state new, flags not said) is a SYN; other states' flags are unknown.
 */
import { PortSet } from '../../../src/net/port-set.js';
import type { ConnState, Rule } from '../../../src/ruleset/types.js';

const SYN = 2;

/** The flags a walk knows (0 for a packet that is not TCP: no flag match holds for it), or undefined. */
export function walkFlags(protocol: number | undefined, state: ConnState, said?: number): number | undefined {
  if (protocol !== undefined && protocol !== 6) return 0;
  if (said !== undefined) return said;
  return state === 'new' ? SYN : undefined;
}

/**
 * The rule with its flag matches decided: `null` when they fail, the rule without them (TCP only) when they hold,
 * the rule unchanged when the flags are unknown or it has none.
 */
export function decideFlags(rule: Rule, flags: number | undefined): Rule | null {
  const m = rule.tcpFlags;
  if (m === undefined || flags === undefined) return rule;
  for (const t of m.tests) {
    let among = false;
    for (const v of t.values) if ((flags & t.mask) === v) among = true;
    if (among === t.negated) return null;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rule)) if (k !== 'tcpFlags' && k !== 'opaque') out[k] = v;
  out.protocols = rule.protocols ? rule.protocols.intersect(PortSet.of(6)) : PortSet.of(6);
  const rest = (rule.opaque ?? []).filter((o) => !m.opaque.includes(o));
  if (rest.length > 0) out.opaque = rest;
  return out as unknown as Rule;
}

import { PortSet } from '../net/port-set.js';
import { type ConnState, PROTOCOL_NUMBERS, type Rule, TCP_FLAG_BITS, type TcpFlagTest } from './types.js';

const TCP = PROTOCOL_NUMBERS.tcp;
const TCP_ONLY = PortSet.of(TCP);

/**
 * The flags of the TCP packets a walk is about, when they are known: as the packet says them, else SYN alone for a
 * `new` one. Verify asks whether a connection the matrix needs can open, and a connection opens with a SYN (a `new`
 * packet without one is a mid-stream pickup, which `nf_conntrack_tcp_loose` allows and no matrix row asks for).
 * Answers and other states carry flags that vary along the connection: unknown.
 */
export function knownTcpFlags(state: ConnState, said?: number): number | undefined {
  if (said !== undefined) return said;
  return state === 'new' ? TCP_FLAG_BITS.syn : undefined;
}

/** A flag match's entry in `opaque`: decided only where the walk knows the packet's flags (`knownTcpFlags`). */
export const flagsOpaque = (written: string): string =>
  `${written}: TCP flags, known for a connection's opening SYN or a packet that says its flags`;

/** Whether flags pass every test. */
export const flagsPass = (tests: readonly TcpFlagTest[], flags: number): boolean =>
  tests.every((t) => t.values.includes(flags & t.mask) !== t.negated);

/**
 * The rule as known flags leave it: undefined when its flag tests fail (it then matches no packet of the walk), the
 * rule without them in `opaque` and restricted to TCP when they hold, the rule itself when the flags are unknown.
 */
export function flagsResolved(rule: Rule, flags: number | undefined): Rule | undefined {
  const f = rule.tcpFlags;
  if (!f || flags === undefined) return rule;
  if (!flagsPass(f.tests, flags)) return undefined;
  const opaque = (rule.opaque ?? []).filter((o) => !f.opaque.includes(o));
  const { opaque: _o, tcpFlags: _f, ...rest } = rule;
  const tcp = { ...rest, protocols: rule.protocols ? rule.protocols.intersect(TCP_ONLY) : TCP_ONLY };
  return opaque.length > 0 ? { ...tcp, opaque } : tcp;
}

const FLAG_NAMES = Object.keys(TCP_FLAG_BITS) as (keyof typeof TCP_FLAG_BITS)[];

/**
 * `syn,ack` by a table of lower-case names (each platform has its own words: iptables' `ALL`, tcpdump's `ece`), read
 * in any case: the or of their bits, or the first word the table does not name.
 */
export function flagList(
  text: string,
  names: Readonly<Record<string, number>>,
): { readonly bits: number } | { readonly unknown: string } {
  let bits = 0;
  for (const word of text.split(',')) {
    const name = word.toLowerCase();
    const bit = Object.hasOwn(names, name) ? names[name] : undefined;
    if (bit === undefined) return { unknown: word };
    bits |= bit;
  }
  return { bits };
}

/** A packet's flag words: the model's names, `ece` for `ecn` as tcpdump says it, and `none`. */
const PACKET_FLAG_NAMES: Readonly<Record<string, number>> = { ...TCP_FLAG_BITS, ece: TCP_FLAG_BITS.ecn, none: 0 };

/** `syn,ack` (any case, `ece` for `ecn`, `none`): the flags' bits, or undefined for an unknown name. */
export function parseFlagNames(text: string): number | undefined {
  const read = flagList(text, PACKET_FLAG_NAMES);
  return 'bits' in read ? read.bits : undefined;
}

/** The flags' names joined by commas (`none` for no flag). */
export function flagNames(bits: number): string {
  const names = FLAG_NAMES.filter((n) => (bits & TCP_FLAG_BITS[n]) !== 0);
  return names.length > 0 ? names.join(',') : 'none';
}

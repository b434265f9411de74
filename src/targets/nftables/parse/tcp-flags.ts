import { PortSet } from '../../../net/port-set.js';
import { flagNames, flagsOpaque } from '../../../ruleset/tcp-flags.js';
import { TCP_FLAG_BITS, type TcpFlagTest } from '../../../ruleset/types.js';
import type { Draft } from './matches.js';
import type { NftValue } from './model.js';
import { elements, isObject, type Read, type SetLookup } from './values.js';

/**
 * `tcp flags` matches in the JSON shapes `nft -j` lists (the text reader writes the same), as a flag test the kernel
 * runs (`nft --debug=netlink`): on `tcp flags` or `tcp flags & MASK`, then
 * - `in` (implicit) on the bare field: `(flags & V) != 0`, any of V's bits (`tcp flags syn,ack`);
 *   on a masked field it is `==` (`tcp flags & (syn|ack) syn`, listed `tcp flags syn / syn,ack`);
 * - `==`, `!=`: the (masked) flags are, are not V (`tcp flags syn / fin,syn,rst,ack` is `& (fin|syn|rst|ack) == syn`);
 * - `!`: `(flags & V) == 0` (`tcp flags ! syn`; nft refuses it with a mask or a set);
 * - a set (`{set}`, `@name`) on the right: a lookup, one of its values (none of them for `!=`).
 * A value is a name, a number (`18`, `"0x12"`), a list (`["syn", "ack"]`) or `{"|": [...]}`: their bits or'ed.
 */

const TCP = PortSet.of(6);
const BYTE = 0xff;

export const isTcpFlags = (v: NftValue): boolean =>
  isObject(v) && isObject(v.payload) && v.payload.protocol === 'tcp' && v.payload.field === 'flags';

/** `tcp flags` or `tcp flags & MASK` on the left of a match. */
export function isTcpFlagsLeft(left: NftValue): boolean {
  if (isTcpFlags(left)) return true;
  const and = isObject(left) ? left['&'] : undefined;
  return Array.isArray(and) && and.length === 2 && isTcpFlags(and[0]);
}

/** Narrows the draft by a `tcp flags` match (TCP only, and the flag test); the reason when it cannot say exactly. */
export function flagsMatch(d: Draft, left: NftValue, op: string, right: NftValue, sets: SetLookup): string | undefined {
  // nft adds `meta l4proto tcp` before the flags: the rule matches TCP only, whether its test is read or not.
  d.protocols = d.protocols ? d.protocols.intersect(TCP) : TCP;
  const test = flagTest(left, op, right, sets);
  if (!test.ok) return test.reason;
  const text = flagsOpaque(flagsText(test.value));
  // A new object: variants of a verdict map share the draft they were copied from.
  d.tcpFlags = {
    opaque: [...(d.tcpFlags?.opaque ?? []), text],
    tests: [...(d.tcpFlags?.tests ?? []), test.value.test],
  };
  return undefined;
}

/** A test, and how it was written (for its text). */
interface FlagReading {
  readonly test: TcpFlagTest;
  readonly form: 'any' | 'none' | 'equal' | 'set';
}

function flagTest(left: NftValue, op: string, right: NftValue, sets: SetLookup): Read<FlagReading> {
  // What the text reader could not read (text-rule.ts).
  if (isObject(right) && typeof right.unparsed === 'string')
    return no(`${right.unparsed}: not read as a TCP flag match`);
  const masked = !isTcpFlags(left);
  let mask = BYTE;
  if (masked) {
    const m = flagValue((left as { '&': NftValue[] })['&'][1]);
    if (m === undefined) return no(`tcp flags & ${JSON.stringify((left as { '&': NftValue[] })['&'][1])}`);
    mask = m;
  }
  const isSet = (typeof right === 'string' && right.startsWith('@')) || (isObject(right) && 'set' in right);
  if (isSet) {
    if (op !== '==' && op !== '!=' && op !== 'in') return no(`tcp flags ${op} on a set`);
    const list = elements(right, sets);
    if (!list.ok) return list;
    const values: number[] = [];
    for (const e of list.value) {
      const v = flagValue(e);
      if (v === undefined) return no(`tcp flags: unknown value ${JSON.stringify(e)} in the set`);
      if (!values.includes(v)) values.push(v);
    }
    return yes({ mask, values, negated: op === '!=' }, 'set');
  }
  const v = flagValue(right);
  if (v === undefined) return no(`tcp flags: unknown value ${JSON.stringify(right)}`);
  if (op === '==' || op === '!=' || (op === 'in' && masked)) {
    return yes({ mask, values: [v], negated: op === '!=' }, 'equal');
  }
  if (masked) return no(`tcp flags & … ${op}`);
  if (op === 'in') return yes({ mask: v, values: [0], negated: true }, 'any');
  if (op === '!') return yes({ mask: v, values: [0], negated: false }, 'none');
  return no(`tcp flags ${op} ${typeof right === 'string' ? right : JSON.stringify(right)}: a comparison of TCP flags`);
}

const yes = (test: TcpFlagTest, form: FlagReading['form']): Read<FlagReading> => ({ ok: true, value: { test, form } });
const no = <T>(reason: string): Read<T> => ({ ok: false, reason });

const BY_NAME: Readonly<Record<string, number>> = TCP_FLAG_BITS;
/** nft's names of the flags (`tcp_flag` type): the same as the model's. */
export const TCP_FLAG_NAMES: ReadonlySet<string> = new Set(Object.keys(TCP_FLAG_BITS));

/** A flag value's bits: a name, a number, `"0x12"`, a list or `{"|": [...]}` of them; undefined otherwise. */
export function flagValue(v: NftValue): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v <= BYTE ? v : undefined;
  if (typeof v === 'string') {
    const named = Object.hasOwn(BY_NAME, v) ? BY_NAME[v] : undefined;
    const n = /^0x[0-9a-f]+$/i.test(v) ? Number.parseInt(v, 16) : /^\d+$/.test(v) ? Number(v) : named;
    return n !== undefined && n <= BYTE ? n : undefined;
  }
  const parts = Array.isArray(v) ? v : isObject(v) && Array.isArray(v['|']) ? v['|'] : undefined;
  if (!parts || parts.length === 0) return undefined;
  let bits = 0;
  for (const p of parts) {
    const b = flagValue(p);
    if (b === undefined) return undefined;
    bits |= b;
  }
  return bits;
}

/** The match as `nft list` writes it (`tcp flags syn / fin,syn,rst,ack`, `tcp flags ! syn`, `tcp flags { syn, syn|ack }`). */
function flagsText({ test, form }: FlagReading): string {
  const list = (bits: number) => (bits === 0 ? '0x0' : flagNames(bits));
  const value = (bits: number) => (bits === 0 ? '0x0' : flagNames(bits).replaceAll(',', '|'));
  const neg = test.negated ? '!= ' : '';
  switch (form) {
    case 'any':
      return `tcp flags ${list(test.mask)}`;
    case 'none':
      return `tcp flags ! ${list(test.mask)}`;
    case 'set': {
      const masked = test.mask === BYTE ? '' : `& (${value(test.mask)}) `;
      const eq = test.negated ? '!= ' : masked ? '== ' : '';
      return `tcp flags ${masked}${eq}{ ${test.values.map(value).join(', ')} }`;
    }
    default:
      return test.mask === BYTE
        ? `tcp flags ${test.negated ? '!=' : '=='} ${value(test.values[0] ?? 0)}`
        : `tcp flags ${neg}${list(test.values[0] ?? 0)} / ${list(test.mask)}`;
  }
}

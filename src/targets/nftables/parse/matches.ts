import { CidrSet } from '../../../net/cidr-set.js';
import { PortSet } from '../../../net/port-set.js';
import type { ConnState, IcmpMatch, InterfaceMatch, Rule } from '../../../ruleset/types.js';
import { CONN_STATES } from '../../../ruleset/types.js';
import type { NftValue } from './model.js';
import { flagsMatch, isTcpFlagsLeft } from './tcp-flags.js';
import {
  addressSet,
  elements,
  icmpTypeNames,
  isObject,
  numberSet,
  PROTOCOLS,
  type SetLookup,
  strings,
} from './values.js';

/**
 * The matches of an nft rule (JSON statements `{match: {left, op, right}}`) narrowing a draft rule: addresses, ports,
 * protocols, ICMP, interfaces, connection state, TCP flags and the connection's original destination. What is not modelled is
 * returned as the reason, for the rule's `opaque` list (rule.ts).
 */

/** A rule being read: its fields filled match by match. */
export type Draft = { -readonly [K in keyof Rule]: Rule[K] };

const PORTED = PortSet.of(6, 17, 33, 132, 136);
const ALL_PROTOCOLS = PortSet.fromRanges([{ from: 0, to: 255 }]);
const PORT_PROTOCOLS: Readonly<Record<string, number>> = { tcp: 6, udp: 17, sctp: 132, dccp: 33, udplite: 136 };
// Sets are immutable: one per protocol, shared by every rule.
const PORT_PROTOCOL_SETS: Readonly<Record<string, PortSet>> = Object.fromEntries(
  Object.entries(PORT_PROTOCOLS).map(([name, n]) => [name, PortSet.of(n)]),
);
const ICMP = PortSet.of(1);
const ICMPV6 = PortSet.of(58);
const ALL_PORTS = PortSet.all();
const ALL_ADDRESSES = { 4: CidrSet.all().family(4), 6: CidrSet.all().family(6) } as const;

/** A rule whose match cannot hold (`ip saddr` in an `ip6` table) is not a rule. */
export const isEmptyMatch = (d: Draft): boolean =>
  Boolean(
    d.source?.isEmpty() ||
      d.destination?.isEmpty() ||
      d.protocols?.isEmpty() ||
      d.destinationPorts?.isEmpty() ||
      d.sourcePorts?.isEmpty(),
  );

export const interfaceKey = (left: NftValue): 'inInterface' | 'outInterface' =>
  isObject(left) && isObject(left.meta) && String(left.meta.key).startsWith('o') ? 'outInterface' : 'inInterface';

export function plainInterface(name: string): InterfaceMatch {
  return name.endsWith('*')
    ? { name: name.slice(0, -1), prefix: true, negated: false }
    : { name, prefix: false, negated: false };
}

/**
 * Narrows the draft by one match. Returns undefined when modelled, 'interfaces' for a set of interface names (the
 * caller expands it), or the reason the match is not modelled.
 */
export function applyMatch(
  d: Draft,
  left: NftValue,
  op: string,
  right: NftValue,
  sets: SetLookup,
): string | 'interfaces' | undefined {
  const negated = op === '!=';
  // Before the comparison check: `tcp flags ! syn` is a flag test (`!` is an op of bitmasks).
  if (isTcpFlagsLeft(left)) return flagsMatch(d, left, op, right, sets);
  if (op !== '==' && op !== '!=' && op !== 'in') return `comparison ${op}`;
  if (!isObject(left)) return `match on ${JSON.stringify(left)}`;
  if (isObject(left.payload))
    return payloadMatch(d, String(left.payload.protocol), String(left.payload.field), negated, right, sets);
  if (isObject(left.meta)) return metaMatch(d, String(left.meta.key), negated, right, sets);
  if (isObject(left.ct) && left.ct.dir === 'original' && ORIGINAL_KEYS.has(String(left.ct.key)))
    return originalMatch(d, left.ct, negated, right, sets);
  if (isObject(left.ct) && left.ct.key === 'state') {
    const names = strings(right, sets);
    if (!names.ok) return names.reason;
    const unknown = names.value.filter((s) => !(CONN_STATES as readonly string[]).includes(s));
    if (unknown.length > 0) return `ct state ${unknown.join(',')}`;
    const chosen = names.value as ConnState[];
    const states = negated ? CONN_STATES.filter((s) => !chosen.includes(s)) : chosen;
    d.states = d.states ? d.states.filter((s) => states.includes(s)) : states;
    return undefined;
  }
  return `match on ${Object.keys(left)[0] ?? '?'} ${String(JSON.stringify(Object.values(left)[0])).slice(0, 60)}`;
}

const ORIGINAL_KEYS = new Set(['ip daddr', 'ip6 daddr', 'daddr', 'proto-dst']);

/** `ct original ip daddr X`, `ct original proto-dst P`: the connection's destination before translation. */
function originalMatch(
  d: Draft,
  ct: Record<string, NftValue>,
  negated: boolean,
  right: NftValue,
  sets: SetLookup,
): string | undefined {
  const o = { ...d.original };
  if (ct.key !== 'proto-dst') {
    // `nft -j` writes the key `ip daddr` (older versions `daddr` with a `family`).
    const name = ct.key === 'daddr' ? String(ct.family) : String(ct.key).split(' ')[0];
    const family = name === 'ip6' ? 6 : name === 'ip' ? 4 : undefined;
    if (family === undefined) return `ct original daddr of family ${String(ct.family)}`;
    const set = addressSet(right, sets);
    if (!set.ok) return set.reason;
    const value = negated ? ALL_ADDRESSES[family].subtract(set.value) : set.value.family(family);
    o.destination = o.destination ? o.destination.intersect(value) : value;
    if (d.family !== undefined && d.family !== family) o.destination = CidrSet.empty();
    d.family ??= family;
  } else {
    const ports = numberSet(right, sets, 65535);
    if (!ports.ok) return ports.reason;
    const value = negated ? ALL_PORTS.subtract(ports.value) : ports.value;
    o.destinationPorts = o.destinationPorts ? o.destinationPorts.intersect(value) : value;
  }
  d.original = o;
  return undefined;
}

function payloadMatch(
  d: Draft,
  protocol: string,
  field: string,
  negated: boolean,
  right: NftValue,
  sets: SetLookup,
): string | undefined {
  if ((protocol === 'ip' || protocol === 'ip6') && (field === 'saddr' || field === 'daddr')) {
    const family = protocol === 'ip' ? 4 : 6;
    const set = addressSet(right, sets);
    // Addresses not known here (a dynamic set): still only packets of the header's family (nft adds that check).
    if (!set.ok) {
      d.family ??= family;
      return set.reason;
    }
    const within = ALL_ADDRESSES[family];
    const value = negated ? within.subtract(set.value) : set.value.family(family);
    if (d.family !== undefined && d.family !== family) return undefined;
    d.family = family;
    const key = field === 'saddr' ? 'source' : 'destination';
    d[key] = d[key] ? (d[key] as CidrSet).intersect(value) : value;
    return undefined;
  }
  if ((protocol === 'ip' && field === 'protocol') || (protocol === 'ip6' && field === 'nexthdr')) {
    return protocolMatch(d, negated, right, sets, protocol === 'ip' ? 4 : 6);
  }
  if (PORT_PROTOCOLS[protocol] !== undefined || protocol === 'th') {
    if (field !== 'sport' && field !== 'dport') return `${protocol} ${field}`;
    const ports = numberSet(right, sets, 65535);
    if (!ports.ok) return ports.reason;
    const value = negated ? ALL_PORTS.subtract(ports.value) : ports.value;
    const proto = protocol === 'th' ? PORTED : (PORT_PROTOCOL_SETS[protocol] as PortSet);
    d.protocols = d.protocols ? d.protocols.intersect(proto) : proto;
    const key = field === 'sport' ? 'sourcePorts' : 'destinationPorts';
    d[key] = d[key] ? (d[key] as PortSet).intersect(value) : value;
    return undefined;
  }
  if ((protocol === 'icmp' || protocol === 'icmpv6') && (field === 'type' || field === 'code')) {
    const family = protocol === 'icmp' ? 4 : 6;
    const values = numberSet(right, sets, 255, field === 'type' ? icmpTypeNames(family) : {});
    if (!values.ok) return values.reason;
    const set = negated ? PortSet.fromRanges([{ from: 0, to: 255 }]).subtract(values.value) : values.value;
    const proto = family === 4 ? ICMP : ICMPV6;
    d.protocols = d.protocols ? d.protocols.intersect(proto) : proto;
    // In an inet table `icmp type` depends on `meta nfproto ipv4` (`icmpv6`: ipv6), which `nft list` does not show;
    // after an `ip6 saddr` (or `ip saddr`) match the family is already fixed and nft adds `meta l4proto` only.
    if (d.family === undefined) d.family = family;
    if (field === 'code') {
      const types: readonly IcmpMatch[] = d.icmp ?? Array.from({ length: 256 }, (_, type) => ({ type }));
      d.icmp = types.flatMap((m): IcmpMatch[] =>
        numbersOf(set)
          .filter((code) => m.code === undefined || m.code === code)
          .map((code) => ({ type: m.type, code })),
      );
      return undefined;
    }
    const types = numbersOf(set);
    d.icmp = d.icmp ? d.icmp.filter((m) => types.includes(m.type)) : types.map((type) => ({ type }));
    return undefined;
  }
  return `${protocol} ${field}`;
}

function protocolMatch(
  d: Draft,
  negated: boolean,
  right: NftValue,
  sets: SetLookup,
  family?: 4 | 6,
): string | undefined {
  const protocols = numberSet(right, sets, 255, PROTOCOLS);
  if (!protocols.ok) return protocols.reason;
  const value = negated ? ALL_PROTOCOLS.subtract(protocols.value) : protocols.value;
  d.protocols = d.protocols ? d.protocols.intersect(value) : value;
  if (family !== undefined && d.family === undefined) d.family = family;
  return undefined;
}

function metaMatch(
  d: Draft,
  key: string,
  negated: boolean,
  right: NftValue,
  sets: SetLookup,
): string | 'interfaces' | undefined {
  if (key === 'iifname' || key === 'oifname' || key === 'iif' || key === 'oif') {
    const names = strings(right, sets);
    if (!names.ok) return names.reason;
    const target = key.startsWith('i') ? 'inInterface' : 'outInterface';
    if (names.value.length === 1) {
      if (d[target]) return `two ${key} matches`;
      d[target] = { ...plainInterface(names.value[0] as string), negated };
      return undefined;
    }
    if (negated || d[target] || names.value.some((n) => n.endsWith('*'))) return `${key} against several names`;
    return 'interfaces';
  }
  if (key === 'l4proto') return protocolMatch(d, negated, right, sets);
  if (key === 'nfproto' || key === 'protocol') {
    const names = strings(right, sets);
    if (!names.ok) return names.reason;
    const families = names.value.map((n) => (n === 'ipv4' || n === 'ip' ? 4 : n === 'ipv6' || n === 'ip6' ? 6 : 0));
    if (families.includes(0) || families.length !== 1 || negated) return `meta ${key} ${names.value.join(',')}`;
    d.family = families[0] as 4 | 6;
    return undefined;
  }
  return `meta ${key}`;
}

function numbersOf(set: PortSet): number[] {
  const out: number[] = [];
  for (const r of set.toRanges()) for (let n = r.from; n <= r.to; n++) out.push(n);
  return out;
}

/** A map key that matches `value`: one selector, or a concatenation (`ip daddr . th dport`) matched part by part. */
export function applyKey(d: Draft, key: NftValue, value: NftValue, sets: SetLookup): string | 'interfaces' | undefined {
  if (!isObject(key) || !Array.isArray(key.concat)) return applyMatch(d, key, '==', value, sets);
  const parts = key.concat as NftValue[];
  const values = isObject(value) && Array.isArray(value.concat) ? (value.concat as NftValue[]) : undefined;
  if (!values || values.length !== parts.length) return `concatenation element ${JSON.stringify(value)}`;
  for (const [k, left] of parts.entries()) {
    const problem = applyMatch(d, left, '==', values[k], sets);
    if (problem) return problem;
  }
  return undefined;
}

/** `a . b { x . y, z . w }`: one rule per tuple, each component an ordinary match (tuples are disjoint). */
export function expandConcat(d: Draft, parts: readonly NftValue[], right: NftValue, sets: SetLookup): Draft[] | string {
  const list = elements(right, sets);
  if (!list.ok) return list.reason;
  const out: Draft[] = [];
  for (const tuple of list.value) {
    const values = isObject(tuple) && Array.isArray(tuple.concat) ? (tuple.concat as NftValue[]) : undefined;
    if (!values || values.length !== parts.length) return `concatenation element ${JSON.stringify(tuple)}`;
    const variant: Draft = { ...d };
    for (const [k, left] of parts.entries()) {
      const problem = applyMatch(variant, left, '==', values[k], sets);
      if (problem) return `concatenation on ${problem === 'interfaces' ? 'interface sets' : problem}`;
    }
    out.push(variant);
  }
  return out;
}

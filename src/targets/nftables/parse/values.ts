import { CidrSet } from '../../../net/cidr-set.js';
import { ICMP_TYPES, ICMPV6_TYPES } from '../../../net/icmp.js';
import { PortSet } from '../../../net/port-set.js';
import type { NftSet, NftValue } from './model.js';

/**
 * The right-hand side of an nftables match, in JSON shapes: a scalar, `{prefix}`, `{range}`, `{set: [...]}`, an
 * `@set` reference, or `{elem: {val}}` wrappers. Each reader returns undefined with a reason when it cannot.
 */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };
const okv = <T>(value: T): Read<T> => ({ ok: true, value });
const no = <T>(reason: string): Read<T> => ({ ok: false, reason });

/**
 * Finds a named set of the rule's table. It may carry a per-parse memo of values already read: the same address or
 * port text recurs across thousands of rules, and each is read once.
 */
export type SetLookup = ((name: string) => NftSet | undefined) & { readonly memo?: ValueMemo };

export interface ValueMemo {
  readonly addresses: Map<string, Read<CidrSet>>;
  /** Per table of names (services, protocols, ICMP types) and bound. */
  readonly numbers: Map<Readonly<Record<string, number>>, Map<string, Read<PortSet>>>;
}

export const valueMemo = (): ValueMemo => ({ addresses: new Map(), numbers: new Map() });

/** A scalar right-hand side as a memo key (`@set` references depend on the table: never memoised). */
const memoKey = (value: NftValue): string | undefined =>
  typeof value === 'string'
    ? value.startsWith('@')
      ? undefined
      : value
    : typeof value === 'number'
      ? `#${value}`
      : undefined;

/** A set's flags that make its listing a snapshot the rules change as traffic flows. */
const DYNAMIC_FLAGS = new Set(['dynamic', 'timeout']);

/** Elements of a right-hand side, flattened; an `@set` is replaced by its elements. */
export function elements(value: NftValue, sets: SetLookup): Read<NftValue[]> {
  if (typeof value === 'string' && value.startsWith('@')) {
    const set = sets(value.slice(1));
    if (!set) return no(`set ${value} is not defined`);
    if (set.flags.some((f) => DYNAMIC_FLAGS.has(f))) {
      return no(
        `set ${value} is filled by the rules as traffic flows (${set.flags.join(', ')}): its listing is a snapshot`,
      );
    }
    return okv(set.elem.map(unwrap));
  }
  if (value !== null && typeof value === 'object' && 'set' in value) {
    const list = (value as { set: NftValue }).set;
    return okv((Array.isArray(list) ? list : [list]).map(unwrap));
  }
  if (Array.isArray(value)) return okv(value.map(unwrap));
  return okv([unwrap(value)]);
}

/** `{elem: {val, timeout, …}}` → val; a malformed wrapper stays as it is (and reads as an unsupported value). */
function unwrap(v: NftValue): NftValue {
  if (isObject(v) && isObject(v.elem) && 'val' in v.elem) return v.elem.val;
  return v;
}

/** `[a, b]` of a `{range}` (undefined when malformed). */
function rangeOf(e: Record<string, unknown>): [NftValue, NftValue] | undefined {
  const r = e.range;
  return Array.isArray(r) && r.length === 2 ? [r[0], r[1]] : undefined;
}

/** Addresses: `10.0.0.1`, `10.0.0.0/8` (text form), `{prefix: {addr, len}}`, `{range: [a, b]}`. */
export function addressSet(value: NftValue, sets: SetLookup): Read<CidrSet> {
  const key = sets.memo ? memoKey(value) : undefined;
  if (key === undefined) return readAddressSet(value, sets);
  const memo = sets.memo?.addresses;
  let known = memo?.get(key);
  if (!known) {
    known = readAddressSet(value, sets);
    memo?.set(key, known);
  }
  return known;
}

function readAddressSet(value: NftValue, sets: SetLookup): Read<CidrSet> {
  const list = elements(value, sets);
  if (!list.ok) return list;
  let set = CidrSet.empty();
  const plain: string[] = [];
  for (const e of list.value) {
    if (typeof e === 'string') plain.push(e);
    else if (isObject(e) && isObject(e.prefix) && typeof e.prefix.addr === 'string') {
      const p = e.prefix;
      plain.push(`${p.addr}/${String(p.len)}`);
    } else if (isObject(e) && rangeOf(e)) {
      const [a, b] = rangeOf(e) as [NftValue, NftValue];
      const r = CidrSet.fromRange(String(a), String(b));
      if (!r.ok) return no(`bad address range ${a}-${b}: ${r.message}`);
      set = set.union(r.value);
    } else return no(`unsupported address ${JSON.stringify(e)}`);
  }
  const parsed = CidrSet.parse(plain, { lenient: true });
  if (!parsed.ok) return no(parsed.message);
  return okv(set.union(parsed.value));
}

/** Well-known service names nft prints or accepts (`nft -S`), for the text form. */
const SERVICES: Readonly<Record<string, number>> = {
  ftp: 21,
  'ftp-data': 20,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  bootps: 67,
  bootpc: 68,
  tftp: 69,
  http: 80,
  kerberos: 88,
  pop3: 110,
  sunrpc: 111,
  ntp: 123,
  'netbios-ns': 137,
  'netbios-dgm': 138,
  'netbios-ssn': 139,
  imap: 143,
  imap2: 143,
  snmp: 161,
  'snmp-trap': 162,
  ldap: 389,
  https: 443,
  'microsoft-ds': 445,
  isakmp: 500,
  syslog: 514,
  submission: 587,
  ldaps: 636,
  imaps: 993,
  pop3s: 995,
  openvpn: 1194,
  'ms-sql-s': 1433,
  mysql: 3306,
  'ms-wbt-server': 3389,
  postgresql: 5432,
  sip: 5060,
  'sip-tls': 5061,
  'http-alt': 8080,
  smtps: 465,
};

/** Ports or numbers 0..max: `443`, `"https"`, `{range: [a, b]}`, sets of them. */
export function numberSet(
  value: NftValue,
  sets: SetLookup,
  max: number,
  names: Readonly<Record<string, number>> = SERVICES,
): Read<PortSet> {
  const key = sets.memo ? memoKey(value) : undefined;
  if (key === undefined || !sets.memo) return readNumberSet(value, sets, max, names);
  let byName = sets.memo.numbers.get(names);
  if (!byName) {
    byName = new Map();
    sets.memo.numbers.set(names, byName);
  }
  const bounded = `${max}:${key}`;
  let known = byName.get(bounded);
  if (!known) {
    known = readNumberSet(value, sets, max, names);
    byName.set(bounded, known);
  }
  return known;
}

function readNumberSet(
  value: NftValue,
  sets: SetLookup,
  max: number,
  names: Readonly<Record<string, number>>,
): Read<PortSet> {
  const list = elements(value, sets);
  if (!list.ok) return list;
  const ranges: { from: number; to: number }[] = [];
  for (const e of list.value) {
    if (isObject(e) && 'range' in e) {
      const [a, b] = rangeOf(e) ?? [undefined, undefined];
      const from = scalar(a, names);
      const to = scalar(b, names);
      if (from === undefined || to === undefined || from > to || to > max)
        return no(`bad range ${String(a)}-${String(b)}`);
      ranges.push({ from, to });
      continue;
    }
    const n = scalar(e, names);
    if (n === undefined || n > max) return no(`unknown value ${JSON.stringify(e)}`);
    ranges.push({ from: n, to: n });
  }
  return okv(PortSet.fromRanges(ranges));
}

function scalar(v: NftValue, names: Readonly<Record<string, number>>): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === 'string') {
    if (/^\d+$/.test(v)) return Number(v);
    if (/^0x[0-9a-f]+$/i.test(v)) return Number.parseInt(v, 16);
    return names[v];
  }
  return undefined;
}

/** IP protocol names as nft prints them. */
export const PROTOCOLS: Readonly<Record<string, number>> = {
  icmp: 1,
  igmp: 2,
  tcp: 6,
  udp: 17,
  gre: 47,
  esp: 50,
  ah: 51,
  icmpv6: 58,
  'ipv6-icmp': 58,
  sctp: 132,
  dccp: 33,
  udplite: 136,
  ipip: 4,
  ospf: 89,
  vrrp: 112,
  pim: 103,
};

export const icmpTypeNames = (family: 4 | 6): Readonly<Record<string, number>> =>
  family === 4 ? ICMP_TYPES : ICMPV6_TYPES;

/** Strings of a right-hand side (interface names, ct states). */
export function strings(value: NftValue, sets: SetLookup): Read<string[]> {
  const list = elements(value, sets);
  if (!list.ok) return list;
  const out: string[] = [];
  for (const e of list.value) {
    if (typeof e !== 'string') return no(`expected a name, got ${JSON.stringify(e)}`);
    out.push(e);
  }
  return okv(out);
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

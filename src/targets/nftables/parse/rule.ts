import { CidrSet } from '../../../net/cidr-set.js';
import { PortSet } from '../../../net/port-set.js';
import { parseNatTo } from '../../../ruleset/nat-text.js';
import type { ConnState, IcmpMatch, InterfaceMatch, NatTarget, Rule, Verdict } from '../../../ruleset/types.js';
import { CONN_STATES } from '../../../ruleset/types.js';
import type { NftRule, NftValue } from './model.js';
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

type Draft = { -readonly [K in keyof Rule]: Rule[K] };

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
/** xtables targets iptables-nft leaves opaque that never end a packet's walk. */
const PASSING_TARGETS = new Set([
  'LOG',
  'NFLOG',
  'ULOG',
  'MARK',
  'CONNMARK',
  'TCPMSS',
  'CHECKSUM',
  'CT',
  'CLASSIFY',
  'TOS',
  'DSCP',
  'TRACE',
  'AUDIT',
  'NOTRACK',
]);
/** Statements that decide nothing and match everything. */
const NEUTRAL = new Set([
  'counter',
  'log',
  'mangle',
  'meta',
  'ct',
  'set',
  'map',
  'flow',
  'dup',
  'secmark',
  'ct helper',
  'ct timeout',
  'ct expectation',
  'last',
  'quota_reset',
]);
/** Translations: the NAT stage's rules (dnat and redirect before filtering, snat and masquerade after). */
const NAT = new Set(['dnat', 'snat', 'masquerade', 'redirect']);
/**
 * Statements that change the packet before the forward filter sees it: a transparent proxy (tproxy) or no
 * connection tracking (notrack: the filter sees state `untracked`). Not modelled: the packets such a rule matches
 * get an unknown fate (indeterminate), never the fate of the packet as it was.
 */
const CHANGES_BEFORE_FILTER = new Set(['tproxy', 'notrack']);
/** Statements that end the walk with a fate decided elsewhere (a program, the device itself): indeterminate. */
const DECIDED_ELSEWHERE: Readonly<Record<string, string>> = {
  queue: 'a program reading the queue decides the packet',
  synproxy: 'the firewall answers the TCP handshake itself',
  fwd: 'the packet is sent out of another device',
};
/** A chain no ruleset holds: a rule that jumps there has a fate this reading cannot tell. */
export const UNKNOWN_FATE = '@changed before filtering';

/**
 * One nft rule as neutral rules: usually one; a verdict map or a set of interface names becomes one rule per key
 * (keys are disjoint, so first match over them decides as the map does). Table family `ip`/`ip6` fixes the family.
 */
export function lowerRule(
  rule: NftRule,
  family: 4 | 6 | undefined,
  sets: SetLookup,
  chainName: (c: string) => string,
  file: string,
): Rule[] {
  const draft: Draft = { verdict: { kind: 'continue' }, provenance: provenance(rule, file) };
  if (family !== undefined) draft.family = family;
  const opaque: string[] = [];
  let changed = false;
  // Disjunctions (a set of interface names, a verdict map) applied once the whole rule is read.
  const expansions: ((d: Draft) => Draft[] | string)[] = [];
  for (const expr of rule.expr) {
    const kind = firstKey(expr);
    const body = expr[kind];
    if (kind === 'match' && isObject(body) && isObject(body.left) && Array.isArray(body.left.concat)) {
      const parts = body.left.concat as NftValue[];
      if (body.op !== '==' && body.op !== 'in') opaque.push(`negated concatenation`);
      else expansions.push((d) => expandConcat(d, parts, body.right, sets));
    } else if (kind === 'match' && isObject(body)) {
      const problem = applyMatch(draft, body.left, String(body.op ?? '=='), body.right, sets);
      if (problem === 'interfaces') {
        const names = strings(body.right, sets);
        const key = interfaceKey(body.left);
        if (names.ok) expansions.push((d) => names.value.map((name) => ({ ...d, [key]: plainInterface(name) })));
        else opaque.push(names.reason);
      } else if (problem) opaque.push(problem);
    } else if (kind === 'accept' || kind === 'drop' || kind === 'return' || kind === 'continue') {
      draft.verdict = { kind } as Verdict;
    } else if (kind === 'reject') {
      draft.verdict = { kind: 'reject' };
    } else if ((kind === 'jump' || kind === 'goto') && isObject(body)) {
      draft.verdict = { kind, chain: chainName(String(body.target)) };
    } else if (kind === 'vmap' && isObject(body)) {
      expansions.push((d) => expandVmap(d, body, sets, chainName));
    } else if (kind === 'xt' && isObject(body)) {
      const name = String(body.name ?? '?');
      if (body.type === 'target') {
        if (name === 'REJECT') draft.verdict = { kind: 'reject' };
        else if (!PASSING_TARGETS.has(name)) {
          opaque.push(`xtables target ${name} (its arguments are not in the listing)`);
          draft.verdict = { kind: 'drop' };
        }
      } else opaque.push(`xtables match ${name} (its arguments are not in the listing)`);
    } else if (
      kind === 'limit' ||
      kind === 'quota' ||
      kind === 'meter' ||
      kind === 'connlimit' ||
      kind === 'ct count' ||
      // `update @set { ip saddr limit rate over 10/second }`: a meter written as a set statement.
      ((kind === 'set' || kind === 'map') && isObject(body) && Array.isArray(body.stmt) && body.stmt.length > 0)
    ) {
      opaque.push(`${kind} (matches depending on traffic rates)`);
    } else if (NAT.has(kind)) {
      // A translation ends the nat chain's walk for the packet (nft's nat statements accept).
      const t = natStatement(kind, body, family);
      draft.verdict = { kind: 'accept' };
      draft.translate = t.translate;
      if (t.opaque) opaque.push(t.opaque);
    } else if (CHANGES_BEFORE_FILTER.has(kind)) {
      opaque.push(`${kind}: the packet is changed before the forward filter sees it (not modelled)`);
      changed = true;
    } else if (DECIDED_ELSEWHERE[kind] !== undefined) {
      opaque.push(`${kind}: ${DECIDED_ELSEWHERE[kind]} (not modelled)`);
      changed = true;
    } else if (NEUTRAL.has(kind) || kind === 'comment') {
      // counters, logs, marks and translations do not decide whether the packet passes
    } else {
      // A statement this reading does not know may end the walk as well as let it go on.
      opaque.push(`statement ${kind} (not modelled)`);
      changed = true;
    }
  }
  let out: Draft[] = [draft];
  for (const expand of expansions) {
    const next: Draft[] = [];
    for (const d of out) {
      const r = expand(d);
      if (typeof r === 'string') {
        // A disjunction not understood may end the walk with any verdict: the packet's fate is unknown there (a
        // drop would be a guess, and a wrong one for the keys that accept).
        opaque.push(r);
        next.push({ ...d, verdict: { kind: 'jump', chain: UNKNOWN_FATE } });
      } else next.push(...r);
    }
    out = next;
  }
  if (changed) out = out.map((d) => ({ ...d, verdict: { kind: 'jump', chain: UNKNOWN_FATE } }));
  return out.filter((d) => !isEmptyMatch(d)).map((d) => (opaque.length > 0 ? { ...d, opaque: [...opaque] } : d));
}

/** A JSON statement's one key (`{match: …}`, `{accept: null}`). */
function firstKey(expr: Record<string, NftValue>): string {
  for (const key in expr) return key;
  return '';
}

function provenance(rule: NftRule, file: string): Rule['provenance'] {
  return { file, line: rule.line, text: rule.text, ...(rule.comment !== undefined ? { comment: rule.comment } : {}) };
}

/** A rule whose match cannot hold (`ip saddr` in an `ip6` table) is not a rule. */
const isEmptyMatch = (d: Draft): boolean =>
  Boolean(
    d.source?.isEmpty() ||
      d.destination?.isEmpty() ||
      d.protocols?.isEmpty() ||
      d.destinationPorts?.isEmpty() ||
      d.sourcePorts?.isEmpty(),
  );

const interfaceKey = (left: NftValue): 'inInterface' | 'outInterface' =>
  isObject(left) && isObject(left.meta) && String(left.meta.key).startsWith('o') ? 'outInterface' : 'inInterface';

function plainInterface(name: string): InterfaceMatch {
  return name.endsWith('*')
    ? { name: name.slice(0, -1), prefix: true, negated: false }
    : { name, prefix: false, negated: false };
}

/**
 * Narrows the draft by one match. Returns undefined when modelled, 'interfaces' for a set of interface names (the
 * caller expands it), or the reason the match is not modelled.
 */
function applyMatch(
  d: Draft,
  left: NftValue,
  op: string,
  right: NftValue,
  sets: SetLookup,
): string | 'interfaces' | undefined {
  const negated = op === '!=';
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
    if (!set.ok) return set.reason;
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

/** `vmap { key : verdict, … }` (inline or a named map) as one rule per key. */
function expandVmap(
  d: Draft,
  body: Record<string, NftValue>,
  sets: SetLookup,
  chainName: (c: string) => string,
): Draft[] | string {
  const data = body.data;
  let pairs: NftValue[];
  if (typeof data === 'string' && data.startsWith('@')) {
    const map = sets(data.slice(1));
    if (!map) return `map ${data} is not defined`;
    pairs = [...map.elem];
  } else {
    const list = elements(data, () => undefined);
    if (!list.ok) return list.reason;
    pairs = list.value;
  }
  const out: Draft[] = [];
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2) return `verdict map element ${JSON.stringify(pair)}`;
    const variant: Draft = { ...d };
    const problem = applyKey(variant, body.key, pair[0], sets);
    if (problem) return `verdict map on ${problem === 'interfaces' ? 'interface sets' : problem}`;
    const verdict = verdictOf(pair[1], chainName);
    if (!verdict) return `verdict ${JSON.stringify(pair[1])}`;
    variant.verdict = verdict;
    out.push(variant);
  }
  return out;
}

function verdictOf(v: NftValue, chainName: (c: string) => string): Verdict | undefined {
  if (!isObject(v)) return undefined;
  const [kind, body] = Object.entries(v)[0] ?? [];
  if (kind === 'accept' || kind === 'drop' || kind === 'return' || kind === 'continue' || kind === 'reject')
    return { kind } as Verdict;
  if ((kind === 'jump' || kind === 'goto') && isObject(body)) return { kind, chain: chainName(String(body.target)) };
  return undefined;
}

/** A map key that matches `value`: one selector, or a concatenation (`ip daddr . th dport`) matched part by part. */
function applyKey(d: Draft, key: NftValue, value: NftValue, sets: SetLookup): string | 'interfaces' | undefined {
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
function expandConcat(d: Draft, parts: readonly NftValue[], right: NftValue, sets: SetLookup): Draft[] | string {
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

/**
 * Where a nat statement sends the packet: `{to, family}` from the text reader, `{addr, port, family}` from
 * `nft -j` (a string or `{range: [a, b]}` each). A map or an expression is not modelled: the translation is then
 * empty and the rule uninterpreted, so the verdicts it could change are indeterminate.
 */
function natStatement(
  kind: string,
  body: NftValue,
  tableFamily: 4 | 6 | undefined,
): { translate: NatTarget; opaque?: string } {
  if (kind === 'masquerade') return { translate: {}, opaque: 'masquerade: to the outgoing interface address' };
  const b = isObject(body) ? body : {};
  const family = b.family === 'ip' ? 4 : b.family === 'ip6' ? 6 : tableFamily;
  const notModelled = (why: string) => ({ translate: {}, opaque: `${kind}: ${why}` });
  if (kind === 'redirect')
    return notModelled(
      'hands the packet to a program on the firewall itself (a transparent proxy), not forwarded as it is',
    );
  if (typeof b.to === 'string') {
    const t = parseNatTo(b.to, family);
    return t.ok ? { translate: t.value } : notModelled(t.message);
  }
  if (b.unparsed !== undefined) return notModelled(`"${String(b.unparsed)}" (a map or an expression) is not modelled`);
  const out: { addresses?: CidrSet; ports?: PortSet } = {};
  if (b.addr !== undefined) {
    const a = b.addr;
    const r =
      typeof a === 'string'
        ? CidrSet.parse([a])
        : isObject(a) && Array.isArray(a.range) && a.range.length === 2
          ? CidrSet.fromRange(String(a.range[0]), String(a.range[1]))
          : undefined;
    if (!r?.ok) return notModelled(`address ${JSON.stringify(a)} (a map or an expression) is not modelled`);
    out.addresses = r.value;
  }
  if (b.port !== undefined) {
    const p = b.port;
    const range =
      typeof p === 'number'
        ? { from: p, to: p }
        : isObject(p) && Array.isArray(p.range) && p.range.length === 2
          ? { from: Number(p.range[0]), to: Number(p.range[1]) }
          : undefined;
    const port = (n: number) => Number.isInteger(n) && n >= 0 && n <= 65535;
    if (!range || !port(range.from) || !port(range.to) || range.from > range.to)
      return notModelled(`port ${JSON.stringify(p)} is not modelled`);
    out.ports = PortSet.fromRanges([range]);
  }
  if (!out.addresses && !out.ports) return notModelled('no address nor port read');
  return { translate: out };
}

import { CidrSet } from '../../../net/cidr-set.js';
import { netmaskLength } from '../../../net/ipv4.js';
import { PortSet } from '../../../net/port-set.js';
import type { Cursor } from './lines.js';
import { type Known, known, type Member, type ServiceAlt, unknown } from './model.js';
import { icmpType, type PortProtocol, portNumber, protocolNumber } from './names.js';

/** A word the grammar needs but the line lacks or holds otherwise: the reader stops at this line with an error. */
export class LineError {
  constructor(
    readonly col: number,
    readonly message: string,
    readonly hint?: string,
  ) {}
}

export function need(c: Cursor, what: string, hint?: string): string {
  const w = c.next();
  if (w === undefined) throw new LineError(c.col, `${what} expected at the end of the line`, hint);
  return w;
}

const V4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** An IPv4 address, an IPv6 address, or a `name` alias for one. */
function address(word: string, names: ReadonlyMap<string, string>): Known<{ text: string; family: 4 | 6 }> {
  const text = names.get(word) ?? word;
  if (V4.test(text) && text.split('.').every((o) => Number(o) <= 255)) return known({ text, family: 4 });
  if (text.includes(':') && CidrSet.parse([text]).ok) return known({ text, family: 6 });
  return unknown(`"${word}" is neither an IP address nor a name defined by a "name" command`);
}

const cidr = (text: string): Known<CidrSet> => {
  const r = CidrSet.parse([text], { lenient: true });
  return r.ok ? known(r.value) : unknown(r.message);
};

export const hostSet = (word: string, names: ReadonlyMap<string, string>): Known<CidrSet> => {
  const a = address(word, names);
  return a.ok ? cidr(`${a.value.text}/${a.value.family === 4 ? 32 : 128}`) : a;
};

/** `ADDRESS MASK` (IPv4) or `ADDRESS/LENGTH` (IPv6): the first word is read already. */
export function networkSet(c: Cursor, first: string, names: ReadonlyMap<string, string>): Known<CidrSet> {
  if (first.includes('/'))
    return first.includes(':') ? cidr(first) : unknown(`"${first}": write an IPv4 network as ADDRESS MASK`);
  if (first.includes(':')) return unknown(`"${first}": an IPv6 network needs its /LENGTH`);
  const mask = need(c, `the netmask after ${first}`, 'write ADDRESS MASK, host ADDRESS or ADDRESS/LENGTH');
  const a = address(first, names);
  if (!a.ok) return a;
  const bits = netmaskLength(mask);
  if (bits === undefined) return unknown(`"${mask}" is not a contiguous netmask`);
  return cidr(`${a.value.text}/${bits}`);
}

/** `host A`, `A MASK`, `A/LEN`, `object N`, `object-group N` as a network member (network-object, ACE side). */
export function networkMember(c: Cursor, names: ReadonlyMap<string, string>): Member<CidrSet> {
  const w = need(c, 'an address', 'write host ADDRESS, ADDRESS MASK, object NAME or object-group NAME');
  const col = c.lastCol;
  if (w === 'host') return { value: hostSet(need(c, 'the address after host'), names) };
  if (w === 'object' || w === 'object-group') {
    const name = need(c, `the name after ${w}`);
    return { ref: { kind: w, name, line: c.line.no, col } };
  }
  return { value: networkSet(c, w, names) };
}

/** `eq P`, `lt P`, `gt P`, `neq P`, `range A B`; the operator is read already. Negation is a complemented set. */
export function portOperator(c: Cursor, op: string, protocol: PortProtocol): Known<PortSet> {
  const word = () => {
    const w = need(c, `a port after ${op}`);
    const p = portNumber(w, protocol);
    return 'port' in p ? known(p.port) : unknown<number>(p.reason);
  };
  const a = word();
  if (op === 'range') {
    const b = word();
    if (!a.ok) return a;
    if (!b.ok) return b;
    if (a.value > b.value) return unknown(`range ${a.value} ${b.value} is reversed`);
    return known(PortSet.fromRanges([{ from: a.value, to: b.value }]));
  }
  if (!a.ok) return a;
  const p = a.value;
  switch (op) {
    case 'eq':
      return known(PortSet.of(p));
    case 'neq':
      return known(PortSet.all().subtract(PortSet.of(p)));
    case 'lt':
      return known(p === 0 ? PortSet.empty() : PortSet.fromRanges([{ from: 0, to: p - 1 }]));
    default:
      return known(p === 65535 ? PortSet.empty() : PortSet.fromRanges([{ from: p + 1, to: 65535 }]));
  }
}

export const PORT_OPERATORS = new Set(['eq', 'lt', 'gt', 'neq', 'range']);

const PORTED: Readonly<Record<string, PortProtocol>> = { tcp: 'tcp', udp: 'udp', 'tcp-udp': 'tcp-udp', sctp: 'sctp' };
/** Protocol numbers that take ports or ICMP types, by the name the ASA shows them with. */
const BY_NUMBER: Readonly<Record<number, string>> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'icmp6', 132: 'sctp' };

/** Protocol numbers of a service word: tcp-udp is both. */
export function protocolSet(word: string): Known<PortSet | 'ip'> {
  if (word === 'tcp-udp') return known(PortSet.of(6, 17));
  const n = protocolNumber(word);
  if (n === undefined) return unknown(`"${word}" is not a protocol name or number`);
  return known(n === 'ip' ? 'ip' : PortSet.of(n));
}

/**
 * The body of `service-object …` (object-group service) or `service …` (object service): `PROTO [source OP]
 * [destination OP]`, the older `PROTO OP` (destination), `icmp|icmp6 [TYPE [CODE]]`, or `object NAME`.
 */
export function serviceMember(c: Cursor): Member<ServiceAlt[]> {
  const w = need(c, 'a protocol', 'write tcp, udp, tcp-udp, icmp, a protocol name or number, or object NAME');
  if (w === 'object') {
    const col = c.lastCol;
    return { ref: { kind: 'object', name: need(c, 'the name after object'), line: c.line.no, col } };
  }
  const protocols = protocolSet(w);
  if (!protocols.ok) {
    while (!c.done) c.next();
    return { value: unknown(protocols.reason) };
  }
  const alt: { -readonly [K in keyof ServiceAlt]: ServiceAlt[K] } = {};
  if (protocols.value !== 'ip') alt.protocols = protocols.value;
  // A protocol number stands for its name (`service-object 6 destination eq 80` is tcp): ports and ICMP types follow.
  const number =
    protocols.value === 'ip' || protocols.value.size !== 1 ? undefined : protocols.value.toRanges()[0]?.from;
  const named = number === undefined ? w : (BY_NUMBER[number] ?? w);
  const ported = PORTED[named];
  if (named === 'icmp' || named === 'icmp6') {
    const t = c.next();
    if (t !== undefined) {
      const type = icmpType(t, named === 'icmp6');
      if (type === undefined) return { value: unknown(`"${t}" is not an ${named} type`) };
      const code = c.next();
      if (code !== undefined && !/^\d+$/.test(code))
        throw new LineError(c.lastCol, `"${code}" is not an ICMP code`, 'write a number from 0 to 255');
      alt.icmp = [code === undefined ? { type } : { type, code: Number(code) }];
    }
    return { value: known([alt]) };
  }
  let reason: string | undefined;
  while (!c.done) {
    const word = c.next() as string;
    if (!ported) throw new LineError(c.lastCol, `${w} has no ports`, 'only tcp, udp, tcp-udp and sctp take ports');
    const side = word === 'source' || word === 'destination' ? word : 'destination';
    const op = side === word ? need(c, `a port operator after ${word}`) : word;
    if (!PORT_OPERATORS.has(op))
      throw new LineError(c.lastCol, `"${op}" is not a port operator`, 'use eq, lt, gt, neq or range');
    const ports = portOperator(c, op, ported);
    if (!ports.ok) reason = ports.reason;
    else if (side === 'source') alt.sourcePorts = ports.value;
    else alt.destinationPorts = ports.value;
  }
  return { value: reason === undefined ? known([alt]) : unknown(reason) };
}

import { CidrSet } from '../../../net/cidr-set.js';
import { netmaskLength } from '../../../net/ipv4.js';
import type { Cursor } from './lines.js';
import { type Definition, known, type Member, type NatStatement, type StaticInbound, unknown } from './model.js';
import { portNumber } from './names.js';
import { hostSet, LineError, need } from './values.js';

/**
 * Each statement names the addresses a packet may carry that the access-lists see as other addresses (ASA 8.3+:
 * access-lists name real addresses, so a mapped address in a matrix row is ambiguous; before 8.3 they name mapped
 * ones, so both sides of a `static` are). A plain static translation is applied (`inbound`); a dynamic source
 * translation alone leaves only its mapped addresses, as destinations, uncertain (`onlyAsDestination`); for the
 * rest verify makes every verdict those addresses could change indeterminate instead of guessing.
 */

const INTERFACE_NOTE =
  'the interface address is the device itself (traffic to the box is not filtered by access-groups)';

/** An address word of a NAT statement: a literal, `A-B`, a `name` alias, or an object or object-group name. */
function operand(word: string, c: Cursor, names: ReadonlyMap<string, string>): Member<CidrSet> {
  const literal = names.get(word) ?? word;
  const range = /^([\d.]+)-([\d.]+)$/.exec(literal);
  if (range) {
    const r = CidrSet.fromRange(range[1] as string, range[2] as string);
    return { value: r.ok ? known(r.value) : unknown(r.message) };
  }
  if (/^[\d.]+$/.test(literal) || literal.includes(':')) return { value: hostSet(literal, names) };
  return { ref: { kind: 'object', name: word, line: c.line.no, col: c.lastCol } };
}

function interfaces(c: Cursor): string[] {
  const w = need(c, '(REAL,MAPPED) interfaces');
  if (!/^\([^)]*\)$/.test(w))
    throw new LineError(c.lastCol, `"${w}" is not (REAL,MAPPED)`, 'write nat (inside,outside) …');
  return w.slice(1, -1).split(',');
}

const drain = (c: Cursor): void => {
  while (!c.done) c.next();
};

/** `nat (real,mapped) static|dynamic MAPPED …` inside `object network NAME` (object NAT, 8.3+). */
export function objectNat(c: Cursor, def: Definition, names: ReadonlyMap<string, string>): NatStatement {
  const line = c.line;
  const [, mappedInterface] = interfaces(c);
  const kind = need(c, 'static or dynamic');
  if (kind !== 'static' && kind !== 'dynamic') throw new LineError(c.lastCol, `"${kind}" is not static or dynamic`);
  let mapped = need(c, 'the mapped address');
  if (mapped === 'pat-pool') mapped = need(c, 'the pool');
  const changes: Member<CidrSet>[] = [];
  const notes: string[] = [];
  const text = `object network ${def.name}: ${line.text}`;
  if (mapped === 'interface') notes.push(INTERFACE_NOTE);
  else if (mapped !== def.name) changes.push(operand(mapped, c, names));
  const options: string[] = [];
  while (!c.done) options.push(c.next() as string);
  // A static translation to addresses, with at most a port mapping, is applied; the rest is left uncertain.
  const service = staticService(options);
  if (kind === 'static' && mappedInterface && mapped !== 'interface' && service !== 'other' && changes[0]) {
    const inbound: StaticInbound = {
      mappedInterface,
      mapped: changes[0],
      real: { ref: { kind: 'object', name: def.name, line: line.no, col: 1 } },
      ...(service ? { service } : {}),
    };
    return { line: line.no, text, changes: [], notes, inbound };
  }
  return {
    line: line.no,
    text,
    changes,
    notes,
    ...(kind === 'dynamic' && !options.includes('service') ? SOURCE_ONLY : {}),
  };
}

/** Marks a dynamic source translation with no destination or service part (see `NatStatement.onlyAsDestination`). */
const SOURCE_ONLY = { onlyAsDestination: true } as const;

/**
 * The options after a static mapping: none, `service tcp|udp REAL MAPPED` (ports by number or name), or harmless
 * words (`dns`, `no-proxy-arp`, `route-lookup`, `net-to-net`); anything else is `other` (not applied).
 */
function staticService(words: readonly string[]): StaticInbound['service'] | undefined | 'other' {
  let service: StaticInbound['service'] | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === 'dns' || w === 'no-proxy-arp' || w === 'route-lookup' || w === 'net-to-net') continue;
    if (w !== 'service') return 'other';
    const protocol = words[i + 1];
    if (protocol !== 'tcp' && protocol !== 'udp') return 'other';
    const real = portNumber(words[i + 2] ?? '', protocol);
    const mapped = portNumber(words[i + 3] ?? '', protocol);
    if (!('port' in real) || !('port' in mapped)) return 'other';
    service = { protocol: protocol === 'tcp' ? 6 : 17, real: real.port, mapped: mapped.port };
    i += 3;
  }
  return service;
}

/** `nat (real,mapped) [after-auto] source static|dynamic REAL MAPPED [destination static MAPPED REAL] …` (twice NAT). */
export function twiceNat(c: Cursor, names: ReadonlyMap<string, string>): NatStatement {
  const line = c.line;
  const sides = interfaces(c);
  const changes: Member<CidrSet>[] = [];
  const notes: string[] = [];
  if (sides.length === 1) {
    // `nat (inside) ID …` before 8.3: dynamic translation to the `global` pool of the same ID (recorded there).
    drain(c);
    return { line: line.no, text: line.text, changes, notes: ['dynamic translation to a global pool'] };
  }
  while (c.peek() === 'after-auto' || c.peek() === 'after-object' || /^\d+$/.test(c.peek() ?? '')) c.next();
  if (c.next() !== 'source')
    throw new LineError(c.lastCol, 'source expected', 'write nat (REAL,MAPPED) source static|dynamic …');
  const kind = need(c, 'static or dynamic');
  if (kind !== 'static' && kind !== 'dynamic') throw new LineError(c.lastCol, `"${kind}" is not static or dynamic`);
  const real = need(c, 'the real addresses');
  let mapped = need(c, 'the mapped addresses');
  if (mapped === 'pat-pool') mapped = need(c, 'the pool');
  if (mapped === 'interface') notes.push(INTERFACE_NOTE);
  else if (mapped !== real) changes.push(operand(mapped, c, names));
  // `source static REAL MAPPED` alone: packets from the mapped side to MAPPED go to REAL (the reverse direction).
  const rest: string[] = [];
  while (!c.done) rest.push(c.next() as string);
  const plain = rest.every((w) => w === 'no-proxy-arp' || w === 'route-lookup' || w === 'unidirectional');
  const [mapped0] = changes;
  if (kind === 'static' && plain && !rest.includes('unidirectional') && mapped0 && real !== 'any' && sides[1]) {
    const inbound: StaticInbound = { mappedInterface: sides[1], mapped: mapped0, real: operand(real, c, names) };
    return { line: line.no, text: line.text, changes: [], notes, inbound };
  }
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] !== 'destination' || rest[i + 1] !== 'static') continue;
    const mappedDestination = rest[i + 2];
    const realDestination = rest[i + 3];
    if (mappedDestination === undefined || realDestination === undefined)
      throw new LineError(c.lastCol, 'destination static needs the mapped and the real destination');
    if (mappedDestination === 'interface') notes.push(INTERFACE_NOTE);
    else if (mappedDestination !== realDestination) changes.push(operand(mappedDestination, c, names));
    i += 3;
  }
  // A destination or service part changes what the access-lists see of packets towards the real side: kept uncertain.
  const sourceOnly = kind === 'dynamic' && !rest.includes('destination') && !rest.includes('service');
  return { line: line.no, text: line.text, changes, notes, ...(sourceOnly ? SOURCE_ONLY : {}) };
}

/** Address and `netmask M` of a pre-8.3 command: the network it names. */
function withMask(
  word: string,
  mask: string | undefined,
  c: Cursor,
  names: ReadonlyMap<string, string>,
): Member<CidrSet> {
  if (mask === undefined) return operand(word, c, names);
  const bits = netmaskLength(mask);
  const address = names.get(word) ?? word;
  if (bits === undefined) return { value: unknown(`"${mask}" is not a contiguous netmask`) };
  const r = CidrSet.parse([`${address}/${bits}`], { lenient: true });
  return { value: r.ok ? known(r.value) : unknown(r.message) };
}

/**
 * `static (real,mapped) [tcp|udp] MAPPED [PORT] REAL|access-list ACL [PORT] [netmask M]` and `global (if) ID POOL`
 * (PIX 7, ASA before 8.3). A static's both sides are ambiguous, a global pool's addresses too.
 */
export function legacyNat(c: Cursor, command: 'static' | 'global', names: ReadonlyMap<string, string>): NatStatement {
  const line = c.line;
  interfaces(c);
  const words: string[] = [];
  while (!c.done) words.push(c.next() as string);
  const mask = words[words.indexOf('netmask') + 1];
  const changes: Member<CidrSet>[] = [];
  const notes: string[] = [];
  const add = (w: string | undefined, withNetmask: boolean) => {
    if (w === undefined) return;
    if (w === 'interface') notes.push(INTERFACE_NOTE);
    else changes.push(withMask(w, withNetmask && words.includes('netmask') ? mask : undefined, c, names));
  };
  if (command === 'global') {
    add(words[1], true);
  } else {
    const ported = words[0] === 'tcp' || words[0] === 'udp';
    const rest = ported ? words.slice(1) : words;
    add(rest[0], true);
    const realAt = ported ? 2 : 1;
    if (rest[realAt] === 'access-list')
      notes.push(`real addresses from access-list ${rest[realAt + 1]} (not resolved)`);
    else add(rest[realAt], true);
  }
  return { line: line.no, text: line.text, changes, notes };
}
